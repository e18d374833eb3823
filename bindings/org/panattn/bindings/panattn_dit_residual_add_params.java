// Binding of struct panattn_dit_residual_add_params (native/include/panattn.h) in the shape jextract (JDK 22+) generates.
// DitLayoutTest checks every size and offset against native/probe/panattn_probe.
package org.panattn.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfFloat;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;
import java.util.function.Consumer;

/**
 * {@snippet lang=c : typedef struct panattn_dit_residual_add_params { ... } panattn_dit_residual_add_params; }
 * The parameters of one DiT residual-add launch (see panattn.h).
 */
@SuppressWarnings("unused")
public class panattn_dit_residual_add_params {

    panattn_dit_residual_add_params() {
        // static members only
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        panattn_h.C_POINTER.withName("window"),
        panattn_h.C_POINTER.withName("residual"),
        panattn_h.C_POINTER.withName("out"),
        panattn_h.C_LONG_LONG.withName("batch"),
        panattn_h.C_LONG_LONG.withName("heads"),
        panattn_h.C_LONG_LONG.withName("n"),
        panattn_h.C_LONG_LONG.withName("head_dim_v"),
        panattn_h.C_LONG_LONG.withName("window_stride_b"),
        panattn_h.C_LONG_LONG.withName("window_stride_h"),
        panattn_h.C_LONG_LONG.withName("window_stride_n"),
        panattn_h.C_LONG_LONG.withName("residual_stride_b"),
        panattn_h.C_LONG_LONG.withName("residual_stride_h"),
        panattn_h.C_LONG_LONG.withName("residual_stride_n"),
        panattn_h.C_LONG_LONG.withName("out_stride_b"),
        panattn_h.C_LONG_LONG.withName("out_stride_h"),
        panattn_h.C_LONG_LONG.withName("out_stride_n")
    ).withName("panattn_dit_residual_add_params");

    /** The layout of this struct. */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout window$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("window"));

    /** Layout of field window. */
    public static final AddressLayout window$layout() {
        return window$LAYOUT;
    }

    private static final long window$OFFSET = 0;

    /** Offset of field window. */
    public static final long window$offset() {
        return window$OFFSET;
    }

    /** Getter of field window. */
    public static MemorySegment window(MemorySegment struct) {
        return struct.get(window$LAYOUT, window$OFFSET);
    }

    /** Setter of field window. */
    public static void window(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(window$LAYOUT, window$OFFSET, fieldValue);
    }

    private static final AddressLayout residual$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("residual"));

    /** Layout of field residual. */
    public static final AddressLayout residual$layout() {
        return residual$LAYOUT;
    }

    private static final long residual$OFFSET = 8;

    /** Offset of field residual. */
    public static final long residual$offset() {
        return residual$OFFSET;
    }

    /** Getter of field residual. */
    public static MemorySegment residual(MemorySegment struct) {
        return struct.get(residual$LAYOUT, residual$OFFSET);
    }

    /** Setter of field residual. */
    public static void residual(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(residual$LAYOUT, residual$OFFSET, fieldValue);
    }

    private static final AddressLayout out$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("out"));

    /** Layout of field out. */
    public static final AddressLayout out$layout() {
        return out$LAYOUT;
    }

    private static final long out$OFFSET = 16;

    /** Offset of field out. */
    public static final long out$offset() {
        return out$OFFSET;
    }

    /** Getter of field out. */
    public static MemorySegment out(MemorySegment struct) {
        return struct.get(out$LAYOUT, out$OFFSET);
    }

    /** Setter of field out. */
    public static void out(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(out$LAYOUT, out$OFFSET, fieldValue);
    }

    private static final OfLong batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("batch"));

    /** Layout of field batch. */
    public static final OfLong batch$layout() {
        return batch$LAYOUT;
    }

    private static final long batch$OFFSET = 24;

    /** Offset of field batch. */
    public static final long batch$offset() {
        return batch$OFFSET;
    }

    /** Getter of field batch. */
    public static long batch(MemorySegment struct) {
        return struct.get(batch$LAYOUT, batch$OFFSET);
    }

    /** Setter of field batch. */
    public static void batch(MemorySegment struct, long fieldValue) {
        struct.set(batch$LAYOUT, batch$OFFSET, fieldValue);
    }

    private static final OfLong heads$LAYOUT = (OfLong) $LAYOUT.select(groupElement("heads"));

    /** Layout of field heads. */
    public static final OfLong heads$layout() {
        return heads$LAYOUT;
    }

    private static final long heads$OFFSET = 32;

    /** Offset of field heads. */
    public static final long heads$offset() {
        return heads$OFFSET;
    }

    /** Getter of field heads. */
    public static long heads(MemorySegment struct) {
        return struct.get(heads$LAYOUT, heads$OFFSET);
    }

    /** Setter of field heads. */
    public static void heads(MemorySegment struct, long fieldValue) {
        struct.set(heads$LAYOUT, heads$OFFSET, fieldValue);
    }

    private static final OfLong n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("n"));

    /** Layout of field n. */
    public static final OfLong n$layout() {
        return n$LAYOUT;
    }

    private static final long n$OFFSET = 40;

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

    private static final OfLong head_dim_v$LAYOUT = (OfLong) $LAYOUT.select(groupElement("head_dim_v"));

    /** Layout of field head_dim_v. */
    public static final OfLong head_dim_v$layout() {
        return head_dim_v$LAYOUT;
    }

    private static final long head_dim_v$OFFSET = 48;

    /** Offset of field head_dim_v. */
    public static final long head_dim_v$offset() {
        return head_dim_v$OFFSET;
    }

    /** Getter of field head_dim_v. */
    public static long head_dim_v(MemorySegment struct) {
        return struct.get(head_dim_v$LAYOUT, head_dim_v$OFFSET);
    }

    /** Setter of field head_dim_v. */
    public static void head_dim_v(MemorySegment struct, long fieldValue) {
        struct.set(head_dim_v$LAYOUT, head_dim_v$OFFSET, fieldValue);
    }

    private static final OfLong window_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("window_stride_b"));

    /** Layout of field window_stride_b. */
    public static final OfLong window_stride_b$layout() {
        return window_stride_b$LAYOUT;
    }

    private static final long window_stride_b$OFFSET = 56;

    /** Offset of field window_stride_b. */
    public static final long window_stride_b$offset() {
        return window_stride_b$OFFSET;
    }

    /** Getter of field window_stride_b. */
    public static long window_stride_b(MemorySegment struct) {
        return struct.get(window_stride_b$LAYOUT, window_stride_b$OFFSET);
    }

    /** Setter of field window_stride_b. */
    public static void window_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(window_stride_b$LAYOUT, window_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong window_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("window_stride_h"));

    /** Layout of field window_stride_h. */
    public static final OfLong window_stride_h$layout() {
        return window_stride_h$LAYOUT;
    }

    private static final long window_stride_h$OFFSET = 64;

    /** Offset of field window_stride_h. */
    public static final long window_stride_h$offset() {
        return window_stride_h$OFFSET;
    }

    /** Getter of field window_stride_h. */
    public static long window_stride_h(MemorySegment struct) {
        return struct.get(window_stride_h$LAYOUT, window_stride_h$OFFSET);
    }

    /** Setter of field window_stride_h. */
    public static void window_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(window_stride_h$LAYOUT, window_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong window_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("window_stride_n"));

    /** Layout of field window_stride_n. */
    public static final OfLong window_stride_n$layout() {
        return window_stride_n$LAYOUT;
    }

    private static final long window_stride_n$OFFSET = 72;

    /** Offset of field window_stride_n. */
    public static final long window_stride_n$offset() {
        return window_stride_n$OFFSET;
    }

    /** Getter of field window_stride_n. */
    public static long window_stride_n(MemorySegment struct) {
        return struct.get(window_stride_n$LAYOUT, window_stride_n$OFFSET);
    }

    /** Setter of field window_stride_n. */
    public static void window_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(window_stride_n$LAYOUT, window_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong residual_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("residual_stride_b"));

    /** Layout of field residual_stride_b. */
    public static final OfLong residual_stride_b$layout() {
        return residual_stride_b$LAYOUT;
    }

    private static final long residual_stride_b$OFFSET = 80;

    /** Offset of field residual_stride_b. */
    public static final long residual_stride_b$offset() {
        return residual_stride_b$OFFSET;
    }

    /** Getter of field residual_stride_b. */
    public static long residual_stride_b(MemorySegment struct) {
        return struct.get(residual_stride_b$LAYOUT, residual_stride_b$OFFSET);
    }

    /** Setter of field residual_stride_b. */
    public static void residual_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(residual_stride_b$LAYOUT, residual_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong residual_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("residual_stride_h"));

    /** Layout of field residual_stride_h. */
    public static final OfLong residual_stride_h$layout() {
        return residual_stride_h$LAYOUT;
    }

    private static final long residual_stride_h$OFFSET = 88;

    /** Offset of field residual_stride_h. */
    public static final long residual_stride_h$offset() {
        return residual_stride_h$OFFSET;
    }

    /** Getter of field residual_stride_h. */
    public static long residual_stride_h(MemorySegment struct) {
        return struct.get(residual_stride_h$LAYOUT, residual_stride_h$OFFSET);
    }

    /** Setter of field residual_stride_h. */
    public static void residual_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(residual_stride_h$LAYOUT, residual_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong residual_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("residual_stride_n"));

    /** Layout of field residual_stride_n. */
    public static final OfLong residual_stride_n$layout() {
        return residual_stride_n$LAYOUT;
    }

    private static final long residual_stride_n$OFFSET = 96;

    /** Offset of field residual_stride_n. */
    public static final long residual_stride_n$offset() {
        return residual_stride_n$OFFSET;
    }

    /** Getter of field residual_stride_n. */
    public static long residual_stride_n(MemorySegment struct) {
        return struct.get(residual_stride_n$LAYOUT, residual_stride_n$OFFSET);
    }

    /** Setter of field residual_stride_n. */
    public static void residual_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(residual_stride_n$LAYOUT, residual_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong out_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("out_stride_b"));

    /** Layout of field out_stride_b. */
    public static final OfLong out_stride_b$layout() {
        return out_stride_b$LAYOUT;
    }

    private static final long out_stride_b$OFFSET = 104;

    /** Offset of field out_stride_b. */
    public static final long out_stride_b$offset() {
        return out_stride_b$OFFSET;
    }

    /** Getter of field out_stride_b. */
    public static long out_stride_b(MemorySegment struct) {
        return struct.get(out_stride_b$LAYOUT, out_stride_b$OFFSET);
    }

    /** Setter of field out_stride_b. */
    public static void out_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(out_stride_b$LAYOUT, out_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong out_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("out_stride_h"));

    /** Layout of field out_stride_h. */
    public static final OfLong out_stride_h$layout() {
        return out_stride_h$LAYOUT;
    }

    private static final long out_stride_h$OFFSET = 112;

    /** Offset of field out_stride_h. */
    public static final long out_stride_h$offset() {
        return out_stride_h$OFFSET;
    }

    /** Getter of field out_stride_h. */
    public static long out_stride_h(MemorySegment struct) {
        return struct.get(out_stride_h$LAYOUT, out_stride_h$OFFSET);
    }

    /** Setter of field out_stride_h. */
    public static void out_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(out_stride_h$LAYOUT, out_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong out_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("out_stride_n"));

    /** Layout of field out_stride_n. */
    public static final OfLong out_stride_n$layout() {
        return out_stride_n$LAYOUT;
    }

    private static final long out_stride_n$OFFSET = 120;

    /** Offset of field out_stride_n. */
    public static final long out_stride_n$offset() {
        return out_stride_n$OFFSET;
    }

    /** Getter of field out_stride_n. */
    public static long out_stride_n(MemorySegment struct) {
        return struct.get(out_stride_n$LAYOUT, out_stride_n$OFFSET);
    }

    /** Setter of field out_stride_n. */
    public static void out_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(out_stride_n$LAYOUT, out_stride_n$OFFSET, fieldValue);
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
