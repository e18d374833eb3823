// Binding of struct panattn_dit_params (native/include/panattn.h) in the shape jextract (JDK 22+) generates.
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
 * {@snippet lang=c : typedef struct panattn_dit_params { ... } panattn_dit_params; }
 * The parameters of one DiT window or full + window + residual launch (see panattn.h).
 */
@SuppressWarnings("unused")
public class panattn_dit_params {

    panattn_dit_params() {
        // static members only
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        panattn_h.C_POINTER.withName("q"),
        panattn_h.C_POINTER.withName("k"),
        panattn_h.C_POINTER.withName("v"),
        panattn_h.C_POINTER.withName("window_out"),
        panattn_h.C_POINTER.withName("full_out"),
        panattn_h.C_POINTER.withName("residual_out"),
        panattn_h.C_LONG_LONG.withName("batch"),
        panattn_h.C_LONG_LONG.withName("heads_q"),
        panattn_h.C_LONG_LONG.withName("heads_kv"),
        panattn_h.C_LONG_LONG.withName("n"),
        panattn_h.C_LONG_LONG.withName("head_dim"),
        panattn_h.C_LONG_LONG.withName("head_dim_v"),
        panattn_h.C_LONG_LONG.withName("q_stride_b"),
        panattn_h.C_LONG_LONG.withName("q_stride_h"),
        panattn_h.C_LONG_LONG.withName("q_stride_n"),
        panattn_h.C_LONG_LONG.withName("k_stride_b"),
        panattn_h.C_LONG_LONG.withName("k_stride_h"),
        panattn_h.C_LONG_LONG.withName("k_stride_n"),
        panattn_h.C_LONG_LONG.withName("v_stride_b"),
        panattn_h.C_LONG_LONG.withName("v_stride_h"),
        panattn_h.C_LONG_LONG.withName("v_stride_n"),
        panattn_h.C_LONG_LONG.withName("window_stride_b"),
        panattn_h.C_LONG_LONG.withName("window_stride_h"),
        panattn_h.C_LONG_LONG.withName("window_stride_n"),
        panattn_h.C_LONG_LONG.withName("full_stride_b"),
        panattn_h.C_LONG_LONG.withName("full_stride_h"),
        panattn_h.C_LONG_LONG.withName("full_stride_n"),
        panattn_h.C_LONG_LONG.withName("residual_stride_b"),
        panattn_h.C_LONG_LONG.withName("residual_stride_h"),
        panattn_h.C_LONG_LONG.withName("residual_stride_n"),
        panattn_h.C_INT.withName("q_dtype"),
        panattn_h.C_INT.withName("k_dtype"),
        panattn_h.C_INT.withName("v_dtype"),
        panattn_h.C_INT.withName("window"),
        panattn_h.C_FLOAT.withName("scale"),
        MemoryLayout.paddingLayout(4)
    ).withName("panattn_dit_params");

    /** The layout of this struct. */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout q$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("q"));

    /** Layout of field q. */
    public static final AddressLayout q$layout() {
        return q$LAYOUT;
    }

    private static final long q$OFFSET = 0;

    /** Offset of field q. */
    public static final long q$offset() {
        return q$OFFSET;
    }

    /** Getter of field q. */
    public static MemorySegment q(MemorySegment struct) {
        return struct.get(q$LAYOUT, q$OFFSET);
    }

    /** Setter of field q. */
    public static void q(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(q$LAYOUT, q$OFFSET, fieldValue);
    }

    private static final AddressLayout k$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("k"));

    /** Layout of field k. */
    public static final AddressLayout k$layout() {
        return k$LAYOUT;
    }

    private static final long k$OFFSET = 8;

    /** Offset of field k. */
    public static final long k$offset() {
        return k$OFFSET;
    }

    /** Getter of field k. */
    public static MemorySegment k(MemorySegment struct) {
        return struct.get(k$LAYOUT, k$OFFSET);
    }

    /** Setter of field k. */
    public static void k(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(k$LAYOUT, k$OFFSET, fieldValue);
    }

    private static final AddressLayout v$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("v"));

    /** Layout of field v. */
    public static final AddressLayout v$layout() {
        return v$LAYOUT;
    }

    private static final long v$OFFSET = 16;

    /** Offset of field v. */
    public static final long v$offset() {
        return v$OFFSET;
    }

    /** Getter of field v. */
    public static MemorySegment v(MemorySegment struct) {
        return struct.get(v$LAYOUT, v$OFFSET);
    }

    /** Setter of field v. */
    public static void v(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(v$LAYOUT, v$OFFSET, fieldValue);
    }

    private static final AddressLayout window_out$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("window_out"));

    /** Layout of field window_out. */
    public static final AddressLayout window_out$layout() {
        return window_out$LAYOUT;
    }

    private static final long window_out$OFFSET = 24;

    /** Offset of field window_out. */
    public static final long window_out$offset() {
        return window_out$OFFSET;
    }

    /** Getter of field window_out. */
    public static MemorySegment window_out(MemorySegment struct) {
        return struct.get(window_out$LAYOUT, window_out$OFFSET);
    }

    /** Setter of field window_out. */
    public static void window_out(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(window_out$LAYOUT, window_out$OFFSET, fieldValue);
    }

    private static final AddressLayout full_out$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("full_out"));

    /** Layout of field full_out. */
    public static final AddressLayout full_out$layout() {
        return full_out$LAYOUT;
    }

    private static final long full_out$OFFSET = 32;

    /** Offset of field full_out. */
    public static final long full_out$offset() {
        return full_out$OFFSET;
    }

    /** Getter of field full_out. */
    public static MemorySegment full_out(MemorySegment struct) {
        return struct.get(full_out$LAYOUT, full_out$OFFSET);
    }

    /** Setter of field full_out. */
    public static void full_out(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(full_out$LAYOUT, full_out$OFFSET, fieldValue);
    }

    private static final AddressLayout residual_out$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("residual_out"));

    /** Layout of field residual_out. */
    public static final AddressLayout residual_out$layout() {
        return residual_out$LAYOUT;
    }

    private static final long residual_out$OFFSET = 40;

    /** Offset of field residual_out. */
    public static final long residual_out$offset() {
        return residual_out$OFFSET;
    }

    /** Getter of field residual_out. */
    public static MemorySegment residual_out(MemorySegment struct) {
        return struct.get(residual_out$LAYOUT, residual_out$OFFSET);
    }

    /** Setter of field residual_out. */
    public static void residual_out(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(residual_out$LAYOUT, residual_out$OFFSET, fieldValue);
    }

    private static final OfLong batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("batch"));

    /** Layout of field batch. */
    public static final OfLong batch$layout() {
        return batch$LAYOUT;
    }

    private static final long batch$OFFSET = 48;

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

    private static final OfLong heads_q$LAYOUT = (OfLong) $LAYOUT.select(groupElement("heads_q"));

    /** Layout of field heads_q. */
    public static final OfLong heads_q$layout() {
        return heads_q$LAYOUT;
    }

    private static final long heads_q$OFFSET = 56;

    /** Offset of field heads_q. */
    public static final long heads_q$offset() {
        return heads_q$OFFSET;
    }

    /** Getter of field heads_q. */
    public static long heads_q(MemorySegment struct) {
        return struct.get(heads_q$LAYOUT, heads_q$OFFSET);
    }

    /** Setter of field heads_q. */
    public static void heads_q(MemorySegment struct, long fieldValue) {
        struct.set(heads_q$LAYOUT, heads_q$OFFSET, fieldValue);
    }

    private static final OfLong heads_kv$LAYOUT = (OfLong) $LAYOUT.select(groupElement("heads_kv"));

    /** Layout of field heads_kv. */
    public static final OfLong heads_kv$layout() {
        return heads_kv$LAYOUT;
    }

    private static final long heads_kv$OFFSET = 64;

    /** Offset of field heads_kv. */
    public static final long heads_kv$offset() {
        return heads_kv$OFFSET;
    }

    /** Getter of field heads_kv. */
    public static long heads_kv(MemorySegment struct) {
        return struct.get(heads_kv$LAYOUT, heads_kv$OFFSET);
    }

    /** Setter of field heads_kv. */
    public static void heads_kv(MemorySegment struct, long fieldValue) {
        struct.set(heads_kv$LAYOUT, heads_kv$OFFSET, fieldValue);
    }

    private static final OfLong n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("n"));

    /** Layout of field n. */
    public static final OfLong n$layout() {
        return n$LAYOUT;
    }

    private static final long n$OFFSET = 72;

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

    private static final OfLong head_dim$LAYOUT = (OfLong) $LAYOUT.select(groupElement("head_dim"));

    /** Layout of field head_dim. */
    public static final OfLong head_dim$layout() {
        return head_dim$LAYOUT;
    }

    private static final long head_dim$OFFSET = 80;

    /** Offset of field head_dim. */
    public static final long head_dim$offset() {
        return head_dim$OFFSET;
    }

    /** Getter of field head_dim. */
    public static long head_dim(MemorySegment struct) {
        return struct.get(head_dim$LAYOUT, head_dim$OFFSET);
    }

    /** Setter of field head_dim. */
    public static void head_dim(MemorySegment struct, long fieldValue) {
        struct.set(head_dim$LAYOUT, head_dim$OFFSET, fieldValue);
    }

    private static final OfLong head_dim_v$LAYOUT = (OfLong) $LAYOUT.select(groupElement("head_dim_v"));

    /** Layout of field head_dim_v. */
    public static final OfLong head_dim_v$layout() {
        return head_dim_v$LAYOUT;
    }

    private static final long head_dim_v$OFFSET = 88;

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

    private static final OfLong q_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("q_stride_b"));

    /** Layout of field q_stride_b. */
    public static final OfLong q_stride_b$layout() {
        return q_stride_b$LAYOUT;
    }

    private static final long q_stride_b$OFFSET = 96;

    /** Offset of field q_stride_b. */
    public static final long q_stride_b$offset() {
        return q_stride_b$OFFSET;
    }

    /** Getter of field q_stride_b. */
    public static long q_stride_b(MemorySegment struct) {
        return struct.get(q_stride_b$LAYOUT, q_stride_b$OFFSET);
    }

    /** Setter of field q_stride_b. */
    public static void q_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(q_stride_b$LAYOUT, q_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong q_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("q_stride_h"));

    /** Layout of field q_stride_h. */
    public static final OfLong q_stride_h$layout() {
        return q_stride_h$LAYOUT;
    }

    private static final long q_stride_h$OFFSET = 104;

    /** Offset of field q_stride_h. */
    public static final long q_stride_h$offset() {
        return q_stride_h$OFFSET;
    }

    /** Getter of field q_stride_h. */
    public static long q_stride_h(MemorySegment struct) {
        return struct.get(q_stride_h$LAYOUT, q_stride_h$OFFSET);
    }

    /** Setter of field q_stride_h. */
    public static void q_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(q_stride_h$LAYOUT, q_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong q_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("q_stride_n"));

    /** Layout of field q_stride_n. */
    public static final OfLong q_stride_n$layout() {
        return q_stride_n$LAYOUT;
    }

    private static final long q_stride_n$OFFSET = 112;

    /** Offset of field q_stride_n. */
    public static final long q_stride_n$offset() {
        return q_stride_n$OFFSET;
    }

    /** Getter of field q_stride_n. */
    public static long q_stride_n(MemorySegment struct) {
        return struct.get(q_stride_n$LAYOUT, q_stride_n$OFFSET);
    }

    /** Setter of field q_stride_n. */
    public static void q_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(q_stride_n$LAYOUT, q_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong k_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("k_stride_b"));

    /** Layout of field k_stride_b. */
    public static final OfLong k_stride_b$layout() {
        return k_stride_b$LAYOUT;
    }

    private static final long k_stride_b$OFFSET = 120;

    /** Offset of field k_stride_b. */
    public static final long k_stride_b$offset() {
        return k_stride_b$OFFSET;
    }

    /** Getter of field k_stride_b. */
    public static long k_stride_b(MemorySegment struct) {
        return struct.get(k_stride_b$LAYOUT, k_stride_b$OFFSET);
    }

    /** Setter of field k_stride_b. */
    public static void k_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(k_stride_b$LAYOUT, k_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong k_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("k_stride_h"));

    /** Layout of field k_stride_h. */
    public static final OfLong k_stride_h$layout() {
        return k_stride_h$LAYOUT;
    }

    private static final long k_stride_h$OFFSET = 128;

    /** Offset of field k_stride_h. */
    public static final long k_stride_h$offset() {
        return k_stride_h$OFFSET;
    }

    /** Getter of field k_stride_h. */
    public static long k_stride_h(MemorySegment struct) {
        return struct.get(k_stride_h$LAYOUT, k_stride_h$OFFSET);
    }

    /** Setter of field k_stride_h. */
    public static void k_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(k_stride_h$LAYOUT, k_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong k_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("k_stride_n"));

    /** Layout of field k_stride_n. */
    public static final OfLong k_stride_n$layout() {
        return k_stride_n$LAYOUT;
    }

    private static final long k_stride_n$OFFSET = 136;

    /** Offset of field k_stride_n. */
    public static final long k_stride_n$offset() {
        return k_stride_n$OFFSET;
    }

    /** Getter of field k_stride_n. */
    public static long k_stride_n(MemorySegment struct) {
        return struct.get(k_stride_n$LAYOUT, k_stride_n$OFFSET);
    }

    /** Setter of field k_stride_n. */
    public static void k_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(k_stride_n$LAYOUT, k_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong v_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("v_stride_b"));

    /** Layout of field v_stride_b. */
    public static final OfLong v_stride_b$layout() {
        return v_stride_b$LAYOUT;
    }

    private static final long v_stride_b$OFFSET = 144;

    /** Offset of field v_stride_b. */
    public static final long v_stride_b$offset() {
        return v_stride_b$OFFSET;
    }

    /** Getter of field v_stride_b. */
    public static long v_stride_b(MemorySegment struct) {
        return struct.get(v_stride_b$LAYOUT, v_stride_b$OFFSET);
    }

    /** Setter of field v_stride_b. */
    public static void v_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(v_stride_b$LAYOUT, v_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong v_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("v_stride_h"));

    /** Layout of field v_stride_h. */
    public static final OfLong v_stride_h$layout() {
        return v_stride_h$LAYOUT;
    }

    private static final long v_stride_h$OFFSET = 152;

    /** Offset of field v_stride_h. */
    public static final long v_stride_h$offset() {
        return v_stride_h$OFFSET;
    }

    /** Getter of field v_stride_h. */
    public static long v_stride_h(MemorySegment struct) {
        return struct.get(v_stride_h$LAYOUT, v_stride_h$OFFSET);
    }

    /** Setter of field v_stride_h. */
    public static void v_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(v_stride_h$LAYOUT, v_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong v_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("v_stride_n"));

    /** Layout of field v_stride_n. */
    public static final OfLong v_stride_n$layout() {
        return v_stride_n$LAYOUT;
    }

    private static final long v_stride_n$OFFSET = 160;

    /** Offset of field v_stride_n. */
    public static final long v_stride_n$offset() {
        return v_stride_n$OFFSET;
    }

    /** Getter of field v_stride_n. */
    public static long v_stride_n(MemorySegment struct) {
        return struct.get(v_stride_n$LAYOUT, v_stride_n$OFFSET);
    }

    /** Setter of field v_stride_n. */
    public static void v_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(v_stride_n$LAYOUT, v_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong window_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("window_stride_b"));

    /** Layout of field window_stride_b. */
    public static final OfLong window_stride_b$layout() {
        return window_stride_b$LAYOUT;
    }

    private static final long window_stride_b$OFFSET = 168;

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

    private static final long window_stride_h$OFFSET = 176;

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

    private static final long window_stride_n$OFFSET = 184;

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

    private static final OfLong full_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("full_stride_b"));

    /** Layout of field full_stride_b. */
    public static final OfLong full_stride_b$layout() {
        return full_stride_b$LAYOUT;
    }

    private static final long full_stride_b$OFFSET = 192;

    /** Offset of field full_stride_b. */
    public static final long full_stride_b$offset() {
        return full_stride_b$OFFSET;
    }

    /** Getter of field full_stride_b. */
    public static long full_stride_b(MemorySegment struct) {
        return struct.get(full_stride_b$LAYOUT, full_stride_b$OFFSET);
    }

    /** Setter of field full_stride_b. */
    public static void full_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(full_stride_b$LAYOUT, full_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong full_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("full_stride_h"));

    /** Layout of field full_stride_h. */
    public static final OfLong full_stride_h$layout() {
        return full_stride_h$LAYOUT;
    }

    private static final long full_stride_h$OFFSET = 200;

    /** Offset of field full_stride_h. */
    public static final long full_stride_h$offset() {
        return full_stride_h$OFFSET;
    }

    /** Getter of field full_stride_h. */
    public static long full_stride_h(MemorySegment struct) {
        return struct.get(full_stride_h$LAYOUT, full_stride_h$OFFSET);
    }

    /** Setter of field full_stride_h. */
    public static void full_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(full_stride_h$LAYOUT, full_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong full_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("full_stride_n"));

    /** Layout of field full_stride_n. */
    public static final OfLong full_stride_n$layout() {
        return full_stride_n$LAYOUT;
    }

    private static final long full_stride_n$OFFSET = 208;

    /** Offset of field full_stride_n. */
    public static final long full_stride_n$offset() {
        return full_stride_n$OFFSET;
    }

    /** Getter of field full_stride_n. */
    public static long full_stride_n(MemorySegment struct) {
        return struct.get(full_stride_n$LAYOUT, full_stride_n$OFFSET);
    }

    /** Setter of field full_stride_n. */
    public static void full_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(full_stride_n$LAYOUT, full_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong residual_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("residual_stride_b"));

    /** Layout of field residual_stride_b. */
    public static final OfLong residual_stride_b$layout() {
        return residual_stride_b$LAYOUT;
    }

    private static final long residual_stride_b$OFFSET = 216;

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

    private static final long residual_stride_h$OFFSET = 224;

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

    private static final long residual_stride_n$OFFSET = 232;

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

    private static final OfInt q_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("q_dtype"));

    /** Layout of field q_dtype. */
    public static final OfInt q_dtype$layout() {
        return q_dtype$LAYOUT;
    }

    private static final long q_dtype$OFFSET = 240;

    /** Offset of field q_dtype. */
    public static final long q_dtype$offset() {
        return q_dtype$OFFSET;
    }

    /** Getter of field q_dtype. */
    public static int q_dtype(MemorySegment struct) {
        return struct.get(q_dtype$LAYOUT, q_dtype$OFFSET);
    }

    /** Setter of field q_dtype. */
    public static void q_dtype(MemorySegment struct, int fieldValue) {
        struct.set(q_dtype$LAYOUT, q_dtype$OFFSET, fieldValue);
    }

    private static final OfInt k_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("k_dtype"));

    /** Layout of field k_dtype. */
    public static final OfInt k_dtype$layout() {
        return k_dtype$LAYOUT;
    }

    private static final long k_dtype$OFFSET = 244;

    /** Offset of field k_dtype. */
    public static final long k_dtype$offset() {
        return k_dtype$OFFSET;
    }

    /** Getter of field k_dtype. */
    public static int k_dtype(MemorySegment struct) {
        return struct.get(k_dtype$LAYOUT, k_dtype$OFFSET);
    }

    /** Setter of field k_dtype. */
    public static void k_dtype(MemorySegment struct, int fieldValue) {
        struct.set(k_dtype$LAYOUT, k_dtype$OFFSET, fieldValue);
    }

    private static final OfInt v_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("v_dtype"));

    /** Layout of field v_dtype. */
    public static final OfInt v_dtype$layout() {
        return v_dtype$LAYOUT;
    }

    private static final long v_dtype$OFFSET = 248;

    /** Offset of field v_dtype. */
    public static final long v_dtype$offset() {
        return v_dtype$OFFSET;
    }

    /** Getter of field v_dtype. */
    public static int v_dtype(MemorySegment struct) {
        return struct.get(v_dtype$LAYOUT, v_dtype$OFFSET);
    }

    /** Setter of field v_dtype. */
    public static void v_dtype(MemorySegment struct, int fieldValue) {
        struct.set(v_dtype$LAYOUT, v_dtype$OFFSET, fieldValue);
    }

    private static final OfInt window$LAYOUT = (OfInt) $LAYOUT.select(groupElement("window"));

    /** Layout of field window. */
    public static final OfInt window$layout() {
        return window$LAYOUT;
    }

    private static final long window$OFFSET = 252;

    /** Offset of field window. */
    public static final long window$offset() {
        return window$OFFSET;
    }

    /** Getter of field window. */
    public static int window(MemorySegment struct) {
        return struct.get(window$LAYOUT, window$OFFSET);
    }

    /** Setter of field window. */
    public static void window(MemorySegment struct, int fieldValue) {
        struct.set(window$LAYOUT, window$OFFSET, fieldValue);
    }

    private static final OfFloat scale$LAYOUT = (OfFloat) $LAYOUT.select(groupElement("scale"));

    /** Layout of field scale. */
    public static final OfFloat scale$layout() {
        return scale$LAYOUT;
    }

    private static final long scale$OFFSET = 256;

    /** Offset of field scale. */
    public static final long scale$offset() {
        return scale$OFFSET;
    }

    /** Getter of field scale. */
    public static float scale(MemorySegment struct) {
        return struct.get(scale$LAYOUT, scale$OFFSET);
    }

    /** Setter of field scale. */
    public static void scale(MemorySegment struct, float fieldValue) {
        struct.set(scale$LAYOUT, scale$OFFSET, fieldValue);
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
