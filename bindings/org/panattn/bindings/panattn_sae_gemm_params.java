// Binding of struct panattn_sae_gemm_params (native/include/panattn.h) in the shape jextract (JDK 22+) generates.
// PanattnLayoutTest / SaeLayoutTest check every size and offset against native/probe/panattn_probe.
package org.panattn.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;
import java.util.function.Consumer;

/**
 * {@snippet lang=c : typedef struct panattn_sae_gemm_params { ... } panattn_sae_gemm_params; }
 * The parameters of one SAE GEMM launch (c = act(a b + bias)), shared by host and device code (see panattn.h).
 */
@SuppressWarnings("unused")
public class panattn_sae_gemm_params {

    panattn_sae_gemm_params() {
        // static members only
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        panattn_h.C_POINTER.withName("a"),
        panattn_h.C_POINTER.withName("b"),
        panattn_h.C_POINTER.withName("bias"),
        panattn_h.C_POINTER.withName("threshold"),
        panattn_h.C_POINTER.withName("center"),
        panattn_h.C_POINTER.withName("c"),
        panattn_h.C_LONG_LONG.withName("rows"),
        panattn_h.C_LONG_LONG.withName("k"),
        panattn_h.C_LONG_LONG.withName("n"),
        panattn_h.C_LONG_LONG.withName("a_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("a_stride_batch"),
        panattn_h.C_LONG_LONG.withName("a_stride_row"),
        panattn_h.C_LONG_LONG.withName("b_stride"),
        panattn_h.C_LONG_LONG.withName("bias_stride"),
        panattn_h.C_LONG_LONG.withName("threshold_stride"),
        panattn_h.C_LONG_LONG.withName("center_stride"),
        panattn_h.C_LONG_LONG.withName("c_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("c_stride_batch"),
        panattn_h.C_LONG_LONG.withName("c_stride_row"),
        panattn_h.C_INT.withName("a_dtype"),
        panattn_h.C_INT.withName("b_dtype"),
        panattn_h.C_INT.withName("bias_dtype"),
        panattn_h.C_INT.withName("threshold_dtype"),
        panattn_h.C_INT.withName("center_dtype"),
        panattn_h.C_INT.withName("activation")
    ).withName("panattn_sae_gemm_params");

    /** The layout of this struct. */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout a$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("a"));

    /** Layout of field a. */
    public static final AddressLayout a$layout() {
        return a$LAYOUT;
    }

    private static final long a$OFFSET = 0;

    /** Offset of field a. */
    public static final long a$offset() {
        return a$OFFSET;
    }

    /** Getter of field a. */
    public static MemorySegment a(MemorySegment struct) {
        return struct.get(a$LAYOUT, a$OFFSET);
    }

    /** Setter of field a. */
    public static void a(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(a$LAYOUT, a$OFFSET, fieldValue);
    }

    private static final AddressLayout b$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("b"));

    /** Layout of field b. */
    public static final AddressLayout b$layout() {
        return b$LAYOUT;
    }

    private static final long b$OFFSET = 8;

    /** Offset of field b. */
    public static final long b$offset() {
        return b$OFFSET;
    }

    /** Getter of field b. */
    public static MemorySegment b(MemorySegment struct) {
        return struct.get(b$LAYOUT, b$OFFSET);
    }

    /** Setter of field b. */
    public static void b(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(b$LAYOUT, b$OFFSET, fieldValue);
    }

    private static final AddressLayout bias$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("bias"));

    /** Layout of field bias. */
    public static final AddressLayout bias$layout() {
        return bias$LAYOUT;
    }

    private static final long bias$OFFSET = 16;

    /** Offset of field bias. */
    public static final long bias$offset() {
        return bias$OFFSET;
    }

    /** Getter of field bias. */
    public static MemorySegment bias(MemorySegment struct) {
        return struct.get(bias$LAYOUT, bias$OFFSET);
    }

    /** Setter of field bias. */
    public static void bias(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(bias$LAYOUT, bias$OFFSET, fieldValue);
    }

    private static final AddressLayout threshold$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("threshold"));

    /** Layout of field threshold. */
    public static final AddressLayout threshold$layout() {
        return threshold$LAYOUT;
    }

    private static final long threshold$OFFSET = 24;

    /** Offset of field threshold. */
    public static final long threshold$offset() {
        return threshold$OFFSET;
    }

    /** Getter of field threshold. */
    public static MemorySegment threshold(MemorySegment struct) {
        return struct.get(threshold$LAYOUT, threshold$OFFSET);
    }

    /** Setter of field threshold. */
    public static void threshold(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(threshold$LAYOUT, threshold$OFFSET, fieldValue);
    }

    private static final AddressLayout center$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("center"));

    /** Layout of field center. */
    public static final AddressLayout center$layout() {
        return center$LAYOUT;
    }

    private static final long center$OFFSET = 32;

    /** Offset of field center. */
    public static final long center$offset() {
        return center$OFFSET;
    }

    /** Getter of field center. */
    public static MemorySegment center(MemorySegment struct) {
        return struct.get(center$LAYOUT, center$OFFSET);
    }

    /** Setter of field center. */
    public static void center(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(center$LAYOUT, center$OFFSET, fieldValue);
    }

    private static final AddressLayout c$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("c"));

    /** Layout of field c. */
    public static final AddressLayout c$layout() {
        return c$LAYOUT;
    }

    private static final long c$OFFSET = 40;

    /** Offset of field c. */
    public static final long c$offset() {
        return c$OFFSET;
    }

    /** Getter of field c. */
    public static MemorySegment c(MemorySegment struct) {
        return struct.get(c$LAYOUT, c$OFFSET);
    }

    /** Setter of field c. */
    public static void c(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(c$LAYOUT, c$OFFSET, fieldValue);
    }

    private static final OfLong rows$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rows"));

    /** Layout of field rows. */
    public static final OfLong rows$layout() {
        return rows$LAYOUT;
    }

    private static final long rows$OFFSET = 48;

    /** Offset of field rows. */
    public static final long rows$offset() {
        return rows$OFFSET;
    }

    /** Getter of field rows. */
    public static long rows(MemorySegment struct) {
        return struct.get(rows$LAYOUT, rows$OFFSET);
    }

    /** Setter of field rows. */
    public static void rows(MemorySegment struct, long fieldValue) {
        struct.set(rows$LAYOUT, rows$OFFSET, fieldValue);
    }

    private static final OfLong k$LAYOUT = (OfLong) $LAYOUT.select(groupElement("k"));

    /** Layout of field k. */
    public static final OfLong k$layout() {
        return k$LAYOUT;
    }

    private static final long k$OFFSET = 56;

    /** Offset of field k. */
    public static final long k$offset() {
        return k$OFFSET;
    }

    /** Getter of field k. */
    public static long k(MemorySegment struct) {
        return struct.get(k$LAYOUT, k$OFFSET);
    }

    /** Setter of field k. */
    public static void k(MemorySegment struct, long fieldValue) {
        struct.set(k$LAYOUT, k$OFFSET, fieldValue);
    }

    private static final OfLong n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("n"));

    /** Layout of field n. */
    public static final OfLong n$layout() {
        return n$LAYOUT;
    }

    private static final long n$OFFSET = 64;

    /** Offset of field n. */
    public static final long n$offset() {
        return n$OFFSET;
    }

    /** Getter of field n. */
    public static long n(MemorySegment struct) {
        return struct.get(n$LAYOUT, n$OFFSET);
    }

    /** Setter of field n. */
    public static void n(MemorySegment struct, long fieldValue) {
        struct.set(n$LAYOUT, n$OFFSET, fieldValue);
    }

    private static final OfLong a_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("a_rows_per_batch"));

    /** Layout of field a_rows_per_batch. */
    public static final OfLong a_rows_per_batch$layout() {
        return a_rows_per_batch$LAYOUT;
    }

    private static final long a_rows_per_batch$OFFSET = 72;

    /** Offset of field a_rows_per_batch. */
    public static final long a_rows_per_batch$offset() {
        return a_rows_per_batch$OFFSET;
    }

    /** Getter of field a_rows_per_batch. */
    public static long a_rows_per_batch(MemorySegment struct) {
        return struct.get(a_rows_per_batch$LAYOUT, a_rows_per_batch$OFFSET);
    }

    /** Setter of field a_rows_per_batch. */
    public static void a_rows_per_batch(MemorySegment struct, long fieldValue) {
        struct.set(a_rows_per_batch$LAYOUT, a_rows_per_batch$OFFSET, fieldValue);
    }

    private static final OfLong a_stride_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("a_stride_batch"));

    /** Layout of field a_stride_batch. */
    public static final OfLong a_stride_batch$layout() {
        return a_stride_batch$LAYOUT;
    }

    private static final long a_stride_batch$OFFSET = 80;

    /** Offset of field a_stride_batch. */
    public static final long a_stride_batch$offset() {
        return a_stride_batch$OFFSET;
    }

    /** Getter of field a_stride_batch. */
    public static long a_stride_batch(MemorySegment struct) {
        return struct.get(a_stride_batch$LAYOUT, a_stride_batch$OFFSET);
    }

    /** Setter of field a_stride_batch. */
    public static void a_stride_batch(MemorySegment struct, long fieldValue) {
        struct.set(a_stride_batch$LAYOUT, a_stride_batch$OFFSET, fieldValue);
    }

    private static final OfLong a_stride_row$LAYOUT = (OfLong) $LAYOUT.select(groupElement("a_stride_row"));

    /** Layout of field a_stride_row. */
    public static final OfLong a_stride_row$layout() {
        return a_stride_row$LAYOUT;
    }

    private static final long a_stride_row$OFFSET = 88;

    /** Offset of field a_stride_row. */
    public static final long a_stride_row$offset() {
        return a_stride_row$OFFSET;
    }

    /** Getter of field a_stride_row. */
    public static long a_stride_row(MemorySegment struct) {
        return struct.get(a_stride_row$LAYOUT, a_stride_row$OFFSET);
    }

    /** Setter of field a_stride_row. */
    public static void a_stride_row(MemorySegment struct, long fieldValue) {
        struct.set(a_stride_row$LAYOUT, a_stride_row$OFFSET, fieldValue);
    }

    private static final OfLong b_stride$LAYOUT = (OfLong) $LAYOUT.select(groupElement("b_stride"));

    /** Layout of field b_stride. */
    public static final OfLong b_stride$layout() {
        return b_stride$LAYOUT;
    }

    private static final long b_stride$OFFSET = 96;

    /** Offset of field b_stride. */
    public static final long b_stride$offset() {
        return b_stride$OFFSET;
    }

    /** Getter of field b_stride. */
    public static long b_stride(MemorySegment struct) {
        return struct.get(b_stride$LAYOUT, b_stride$OFFSET);
    }

    /** Setter of field b_stride. */
    public static void b_stride(MemorySegment struct, long fieldValue) {
        struct.set(b_stride$LAYOUT, b_stride$OFFSET, fieldValue);
    }

    private static final OfLong bias_stride$LAYOUT = (OfLong) $LAYOUT.select(groupElement("bias_stride"));

    /** Layout of field bias_stride. */
    public static final OfLong bias_stride$layout() {
        return bias_stride$LAYOUT;
    }

    private static final long bias_stride$OFFSET = 104;

    /** Offset of field bias_stride. */
    public static final long bias_stride$offset() {
        return bias_stride$OFFSET;
    }

    /** Getter of field bias_stride. */
    public static long bias_stride(MemorySegment struct) {
        return struct.get(bias_stride$LAYOUT, bias_stride$OFFSET);
    }

    /** Setter of field bias_stride. */
    public static void bias_stride(MemorySegment struct, long fieldValue) {
        struct.set(bias_stride$LAYOUT, bias_stride$OFFSET, fieldValue);
    }

    private static final OfLong threshold_stride$LAYOUT = (OfLong) $LAYOUT.select(groupElement("threshold_stride"));

    /** Layout of field threshold_stride. */
    public static final OfLong threshold_stride$layout() {
        return threshold_stride$LAYOUT;
    }

    private static final long threshold_stride$OFFSET = 112;

    /** Offset of field threshold_stride. */
    public static final long threshold_stride$offset() {
        return threshold_stride$OFFSET;
    }

    /** Getter of field threshold_stride. */
    public static long threshold_stride(MemorySegment struct) {
        return struct.get(threshold_stride$LAYOUT, threshold_stride$OFFSET);
    }

    /** Setter of field threshold_stride. */
    public static void threshold_stride(MemorySegment struct, long fieldValue) {
        struct.set(threshold_stride$LAYOUT, threshold_stride$OFFSET, fieldValue);
    }

    private static final OfLong center_stride$LAYOUT = (OfLong) $LAYOUT.select(groupElement("center_stride"));

    /** Layout of field center_stride. */
    public static final OfLong center_stride$layout() {
        return center_stride$LAYOUT;
    }

    private static final long center_stride$OFFSET = 120;

    /** Offset of field center_stride. */
    public static final long center_stride$offset() {
        return center_stride$OFFSET;
    }

    /** Getter of field center_stride. */
    public static long center_stride(MemorySegment struct) {
        return struct.get(center_stride$LAYOUT, center_stride$OFFSET);
    }

    /** Setter of field center_stride. */
    public static void center_stride(MemorySegment struct, long fieldValue) {
        struct.set(center_stride$LAYOUT, center_stride$OFFSET, fieldValue);
    }

    private static final OfLong c_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("c_rows_per_batch"));

    /** Layout of field c_rows_per_batch. */
    public static final OfLong c_rows_per_batch$layout() {
        return c_rows_per_batch$LAYOUT;
    }

    private static final long c_rows_per_batch$OFFSET = 128;

    /** Offset of field c_rows_per_batch. */
    public static final long c_rows_per_batch$offset() {
        return c_rows_per_batch$OFFSET;
    }

    /** Getter of field c_rows_per_batch. */
    public static long c_rows_per_batch(MemorySegment struct) {
        return struct.get(c_rows_per_batch$LAYOUT, c_rows_per_batch$OFFSET);
    }

    /** Setter of field c_rows_per_batch. */
    public static void c_rows_per_batch(MemorySegment struct, long fieldValue) {
        struct.set(c_rows_per_batch$LAYOUT, c_rows_per_batch$OFFSET, fieldValue);
    }

    private static final OfLong c_stride_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("c_stride_batch"));

    /** Layout of field c_stride_batch. */
    public static final OfLong c_stride_batch$layout() {
        return c_stride_batch$LAYOUT;
    }

    private static final long c_stride_batch$OFFSET = 136;

    /** Offset of field c_stride_batch. */
    public static final long c_stride_batch$offset() {
        return c_stride_batch$OFFSET;
    }

    /** Getter of field c_stride_batch. */
    public static long c_stride_batch(MemorySegment struct) {
        return struct.get(c_stride_batch$LAYOUT, c_stride_batch$OFFSET);
    }

    /** Setter of field c_stride_batch. */
    public static void c_stride_batch(MemorySegment struct, long fieldValue) {
        struct.set(c_stride_batch$LAYOUT, c_stride_batch$OFFSET, fieldValue);
    }

    private static final OfLong c_stride_row$LAYOUT = (OfLong) $LAYOUT.select(groupElement("c_stride_row"));

    /** Layout of field c_stride_row. */
    public static final OfLong c_stride_row$layout() {
        return c_stride_row$LAYOUT;
    }

    private static final long c_stride_row$OFFSET = 144;

    /** Offset of field c_stride_row. */
    public static final long c_stride_row$offset() {
        return c_stride_row$OFFSET;
    }

    /** Getter of field c_stride_row. */
    public static long c_stride_row(MemorySegment struct) {
        return struct.get(c_stride_row$LAYOUT, c_stride_row$OFFSET);
    }

    /** Setter of field c_stride_row. */
    public static void c_stride_row(MemorySegment struct, long fieldValue) {
        struct.set(c_stride_row$LAYOUT, c_stride_row$OFFSET, fieldValue);
    }

    private static final OfInt a_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("a_dtype"));

    /** Layout of field a_dtype. */
    public static final OfInt a_dtype$layout() {
        return a_dtype$LAYOUT;
    }

    private static final long a_dtype$OFFSET = 152;

    /** Offset of field a_dtype. */
    public static final long a_dtype$offset() {
        return a_dtype$OFFSET;
    }

    /** Getter of field a_dtype. */
    public static int a_dtype(MemorySegment struct) {
        return struct.get(a_dtype$LAYOUT, a_dtype$OFFSET);
    }

    /** Setter of field a_dtype. */
    public static void a_dtype(MemorySegment struct, int fieldValue) {
        struct.set(a_dtype$LAYOUT, a_dtype$OFFSET, fieldValue);
    }

    private static final OfInt b_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("b_dtype"));

    /** Layout of field b_dtype. */
    public static final OfInt b_dtype$layout() {
        return b_dtype$LAYOUT;
    }

    private static final long b_dtype$OFFSET = 156;

    /** Offset of field b_dtype. */
    public static final long b_dtype$offset() {
        return b_dtype$OFFSET;
    }

    /** Getter of field b_dtype. */
    public static int b_dtype(MemorySegment struct) {
        return struct.get(b_dtype$LAYOUT, b_dtype$OFFSET);
    }

    /** Setter of field b_dtype. */
    public static void b_dtype(MemorySegment struct, int fieldValue) {
        struct.set(b_dtype$LAYOUT, b_dtype$OFFSET, fieldValue);
    }

    private static final OfInt bias_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("bias_dtype"));

    /** Layout of field bias_dtype. */
    public static final OfInt bias_dtype$layout() {
        return bias_dtype$LAYOUT;
    }

    private static final long bias_dtype$OFFSET = 160;

    /** Offset of field bias_dtype. */
    public static final long bias_dtype$offset() {
        return bias_dtype$OFFSET;
    }

    /** Getter of field bias_dtype. */
    public static int bias_dtype(MemorySegment struct) {
        return struct.get(bias_dtype$LAYOUT, bias_dtype$OFFSET);
    }

    /** Setter of field bias_dtype. */
    public static void bias_dtype(MemorySegment struct, int fieldValue) {
        struct.set(bias_dtype$LAYOUT, bias_dtype$OFFSET, fieldValue);
    }

    private static final OfInt threshold_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("threshold_dtype"));

    /** Layout of field threshold_dtype. */
    public static final OfInt threshold_dtype$layout() {
        return threshold_dtype$LAYOUT;
    }

    private static final long threshold_dtype$OFFSET = 164;

    /** Offset of field threshold_dtype. */
    public static final long threshold_dtype$offset() {
        return threshold_dtype$OFFSET;
    }

    /** Getter of field threshold_dtype. */
    public static int threshold_dtype(MemorySegment struct) {
        return struct.get(threshold_dtype$LAYOUT, threshold_dtype$OFFSET);
    }

    /** Setter of field threshold_dtype. */
    public static void threshold_dtype(MemorySegment struct, int fieldValue) {
        struct.set(threshold_dtype$LAYOUT, threshold_dtype$OFFSET, fieldValue);
    }

    private static final OfInt center_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("center_dtype"));

    /** Layout of field center_dtype. */
    public static final OfInt center_dtype$layout() {
        return center_dtype$LAYOUT;
    }

    private static final long center_dtype$OFFSET = 168;

    /** Offset of field center_dtype. */
    public static final long center_dtype$offset() {
        return center_dtype$OFFSET;
    }

    /** Getter of field center_dtype. */
    public static int center_dtype(MemorySegment struct) {
        return struct.get(center_dtype$LAYOUT, center_dtype$OFFSET);
    }

    /** Setter of field center_dtype. */
    public static void center_dtype(MemorySegment struct, int fieldValue) {
        struct.set(center_dtype$LAYOUT, center_dtype$OFFSET, fieldValue);
    }

    private static final OfInt activation$LAYOUT = (OfInt) $LAYOUT.select(groupElement("activation"));

    /** Layout of field activation. */
    public static final OfInt activation$layout() {
        return activation$LAYOUT;
    }

    private static final long activation$OFFSET = 172;

    /** Offset of field activation. */
    public static final long activation$offset() {
        return activation$OFFSET;
    }

    /** Getter of field activation. */
    public static int activation(MemorySegment struct) {
        return struct.get(activation$LAYOUT, activation$OFFSET);
    }

    /** Setter of field activation. */
    public static void activation(MemorySegment struct, int fieldValue) {
        struct.set(activation$LAYOUT, activation$OFFSET, fieldValue);
    }

    /** The {@code index}-th element of an array of this struct. */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index);
    }

    /** The size of this struct in bytes. */
    public static long sizeof() {
        return layout().byteSize();
    }

    /** Allocates one struct. */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /** Allocates an array of {@code elementCount} structs. */
    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }

    /** Views a native address as one struct, living as long as {@code arena}. */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return reinterpret(addr, 1, arena, cleanup);
    }

    /** Views a native address as {@code elementCount} structs, living as long as {@code arena}. */
    public static MemorySegment reinterpret(MemorySegment addr, long elementCount, Arena arena,
                                            Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize() * elementCount, arena, cleanup);
    }
}
