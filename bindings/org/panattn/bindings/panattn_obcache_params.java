// Binding of struct panattn_obcache_params (native/include/panattn.h) in the shape jextract (JDK 22+) generates.
// PanattnLayoutTest checks every size and offset against native/probe/panattn_probe.
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
 * {@snippet lang=c : typedef struct panattn_obcache_params { ... } panattn_obcache_params; }
 * The parameters of the OBCache score and eviction launches, shared by host and device code (see panattn.h).
 */
@SuppressWarnings("unused")
public class panattn_obcache_params {

    panattn_obcache_params() {
        // static members only
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(        panattn_h.C_POINTER.withName("q"),
        panattn_h.C_POINTER.withName("k"),
        panattn_h.C_POINTER.withName("v"),
        panattn_h.C_POINTER.withName("scores"),
        panattn_h.C_POINTER.withName("kept"),
        panattn_h.C_POINTER.withName("workspace"),
        panattn_h.C_POINTER.withName("window_outputs"),
        panattn_h.C_POINTER.withName("window_lse"),
        panattn_h.C_LONG_LONG.withName("batch"),
        panattn_h.C_LONG_LONG.withName("heads_q"),
        panattn_h.C_LONG_LONG.withName("heads_kv"),
        panattn_h.C_LONG_LONG.withName("n_q"),
        panattn_h.C_LONG_LONG.withName("n_k"),
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
        panattn_h.C_LONG_LONG.withName("scores_stride_b"),
        panattn_h.C_LONG_LONG.withName("scores_stride_h"),
        panattn_h.C_LONG_LONG.withName("scores_stride_n"),
        panattn_h.C_LONG_LONG.withName("kept_stride_b"),
        panattn_h.C_LONG_LONG.withName("kept_stride_h"),
        panattn_h.C_LONG_LONG.withName("kept_stride_n"),
        panattn_h.C_LONG_LONG.withName("window"),
        panattn_h.C_LONG_LONG.withName("budget"),
        panattn_h.C_LONG_LONG.withName("recent"),
        panattn_h.C_LONG_LONG.withName("sink"),
        panattn_h.C_INT.withName("q_dtype"),
        panattn_h.C_INT.withName("k_dtype"),
        panattn_h.C_INT.withName("v_dtype"),
        panattn_h.C_INT.withName("score"),
        panattn_h.C_INT.withName("aggregation"),
        panattn_h.C_INT.withName("pool_radius"),
        panattn_h.C_INT.withName("causal"),
        panattn_h.C_INT.withName("accumulate"),
        panattn_h.C_FLOAT.withName("scale"),
        MemoryLayout.paddingLayout(4)
    ).withName("panattn_obcache_params");

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

    private static final AddressLayout scores$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("scores"));

    /** Layout of field scores. */
    public static final AddressLayout scores$layout() {
        return scores$LAYOUT;
    }

    private static final long scores$OFFSET = 24;

    /** Offset of field scores. */
    public static final long scores$offset() {
        return scores$OFFSET;
    }

    /** Getter of field scores. */
    public static MemorySegment scores(MemorySegment struct) {
        return struct.get(scores$LAYOUT, scores$OFFSET);
    }

    /** Setter of field scores. */
    public static void scores(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(scores$LAYOUT, scores$OFFSET, fieldValue);
    }

    private static final AddressLayout kept$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("kept"));

    /** Layout of field kept. */
    public static final AddressLayout kept$layout() {
        return kept$LAYOUT;
    }

    private static final long kept$OFFSET = 32;

    /** Offset of field kept. */
    public static final long kept$offset() {
        return kept$OFFSET;
    }

    /** Getter of field kept. */
    public static MemorySegment kept(MemorySegment struct) {
        return struct.get(kept$LAYOUT, kept$OFFSET);
    }

    /** Setter of field kept. */
    public static void kept(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(kept$LAYOUT, kept$OFFSET, fieldValue);
    }

    private static final AddressLayout workspace$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("workspace"));

    /** Layout of field workspace. */
    public static final AddressLayout workspace$layout() {
        return workspace$LAYOUT;
    }

    private static final long workspace$OFFSET = 40;

    /** Offset of field workspace. */
    public static final long workspace$offset() {
        return workspace$OFFSET;
    }

    /** Getter of field workspace. */
    public static MemorySegment workspace(MemorySegment struct) {
        return struct.get(workspace$LAYOUT, workspace$OFFSET);
    }

    /** Setter of field workspace. */
    public static void workspace(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(workspace$LAYOUT, workspace$OFFSET, fieldValue);
    }

    private static final AddressLayout window_outputs$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("window_outputs"));

    /** Layout of field window_outputs. */
    public static final AddressLayout window_outputs$layout() {
        return window_outputs$LAYOUT;
    }

    private static final long window_outputs$OFFSET = 48;

    /** Offset of field window_outputs. */
    public static final long window_outputs$offset() {
        return window_outputs$OFFSET;
    }

    /** Getter of field window_outputs. */
    public static MemorySegment window_outputs(MemorySegment struct) {
        return struct.get(window_outputs$LAYOUT, window_outputs$OFFSET);
    }

    /** Setter of field window_outputs. */
    public static void window_outputs(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(window_outputs$LAYOUT, window_outputs$OFFSET, fieldValue);
    }

    private static final AddressLayout window_lse$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("window_lse"));

    /** Layout of field window_lse. */
    public static final AddressLayout window_lse$layout() {
        return window_lse$LAYOUT;
    }

    private static final long window_lse$OFFSET = 56;

    /** Offset of field window_lse. */
    public static final long window_lse$offset() {
        return window_lse$OFFSET;
    }

    /** Getter of field window_lse. */
    public static MemorySegment window_lse(MemorySegment struct) {
        return struct.get(window_lse$LAYOUT, window_lse$OFFSET);
    }

    /** Setter of field window_lse. */
    public static void window_lse(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(window_lse$LAYOUT, window_lse$OFFSET, fieldValue);
    }

    private static final OfLong batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("batch"));

    /** Layout of field batch. */
    public static final OfLong batch$layout() {
        return batch$LAYOUT;
    }

    private static final long batch$OFFSET = 64;

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

    private static final long heads_q$OFFSET = 72;

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

    private static final long heads_kv$OFFSET = 80;

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

    private static final OfLong n_q$LAYOUT = (OfLong) $LAYOUT.select(groupElement("n_q"));

    /** Layout of field n_q. */
    public static final OfLong n_q$layout() {
        return n_q$LAYOUT;
    }

    private static final long n_q$OFFSET = 88;

    /** Offset of field n_q. */
    public static final long n_q$offset() {
        return n_q$OFFSET;
    }

    /** Getter of field n_q. */
    public static long n_q(MemorySegment struct) {
        return struct.get(n_q$LAYOUT, n_q$OFFSET);
    }

    /** Setter of field n_q. */
    public static void n_q(MemorySegment struct, long fieldValue) {
        struct.set(n_q$LAYOUT, n_q$OFFSET, fieldValue);
    }

    private static final OfLong n_k$LAYOUT = (OfLong) $LAYOUT.select(groupElement("n_k"));

    /** Layout of field n_k. */
    public static final OfLong n_k$layout() {
        return n_k$LAYOUT;
    }

    private static final long n_k$OFFSET = 96;

    /** Offset of field n_k. */
    public static final long n_k$offset() {
        return n_k$OFFSET;
    }

    /** Getter of field n_k. */
    public static long n_k(MemorySegment struct) {
        return struct.get(n_k$LAYOUT, n_k$OFFSET);
    }

    /** Setter of field n_k. */
    public static void n_k(MemorySegment struct, long fieldValue) {
        struct.set(n_k$LAYOUT, n_k$OFFSET, fieldValue);
    }

    private static final OfLong head_dim$LAYOUT = (OfLong) $LAYOUT.select(groupElement("head_dim"));

    /** Layout of field head_dim. */
    public static final OfLong head_dim$layout() {
        return head_dim$LAYOUT;
    }

    private static final long head_dim$OFFSET = 104;

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

    private static final long head_dim_v$OFFSET = 112;

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

    private static final long q_stride_b$OFFSET = 120;

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

    private static final long q_stride_h$OFFSET = 128;

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

    private static final long q_stride_n$OFFSET = 136;

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

    private static final long k_stride_b$OFFSET = 144;

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

    private static final long k_stride_h$OFFSET = 152;

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

    private static final long k_stride_n$OFFSET = 160;

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

    private static final long v_stride_b$OFFSET = 168;

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

    private static final long v_stride_h$OFFSET = 176;

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

    private static final long v_stride_n$OFFSET = 184;

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

    private static final OfLong scores_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("scores_stride_b"));

    /** Layout of field scores_stride_b. */
    public static final OfLong scores_stride_b$layout() {
        return scores_stride_b$LAYOUT;
    }

    private static final long scores_stride_b$OFFSET = 192;

    /** Offset of field scores_stride_b. */
    public static final long scores_stride_b$offset() {
        return scores_stride_b$OFFSET;
    }

    /** Getter of field scores_stride_b. */
    public static long scores_stride_b(MemorySegment struct) {
        return struct.get(scores_stride_b$LAYOUT, scores_stride_b$OFFSET);
    }

    /** Setter of field scores_stride_b. */
    public static void scores_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(scores_stride_b$LAYOUT, scores_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong scores_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("scores_stride_h"));

    /** Layout of field scores_stride_h. */
    public static final OfLong scores_stride_h$layout() {
        return scores_stride_h$LAYOUT;
    }

    private static final long scores_stride_h$OFFSET = 200;

    /** Offset of field scores_stride_h. */
    public static final long scores_stride_h$offset() {
        return scores_stride_h$OFFSET;
    }

    /** Getter of field scores_stride_h. */
    public static long scores_stride_h(MemorySegment struct) {
        return struct.get(scores_stride_h$LAYOUT, scores_stride_h$OFFSET);
    }

    /** Setter of field scores_stride_h. */
    public static void scores_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(scores_stride_h$LAYOUT, scores_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong scores_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("scores_stride_n"));

    /** Layout of field scores_stride_n. */
    public static final OfLong scores_stride_n$layout() {
        return scores_stride_n$LAYOUT;
    }

    private static final long scores_stride_n$OFFSET = 208;

    /** Offset of field scores_stride_n. */
    public static final long scores_stride_n$offset() {
        return scores_stride_n$OFFSET;
    }

    /** Getter of field scores_stride_n. */
    public static long scores_stride_n(MemorySegment struct) {
        return struct.get(scores_stride_n$LAYOUT, scores_stride_n$OFFSET);
    }

    /** Setter of field scores_stride_n. */
    public static void scores_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(scores_stride_n$LAYOUT, scores_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong kept_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("kept_stride_b"));

    /** Layout of field kept_stride_b. */
    public static final OfLong kept_stride_b$layout() {
        return kept_stride_b$LAYOUT;
    }

    private static final long kept_stride_b$OFFSET = 216;

    /** Offset of field kept_stride_b. */
    public static final long kept_stride_b$offset() {
        return kept_stride_b$OFFSET;
    }

    /** Getter of field kept_stride_b. */
    public static long kept_stride_b(MemorySegment struct) {
        return struct.get(kept_stride_b$LAYOUT, kept_stride_b$OFFSET);
    }

    /** Setter of field kept_stride_b. */
    public static void kept_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(kept_stride_b$LAYOUT, kept_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong kept_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("kept_stride_h"));

    /** Layout of field kept_stride_h. */
    public static final OfLong kept_stride_h$layout() {
        return kept_stride_h$LAYOUT;
    }

    private static final long kept_stride_h$OFFSET = 224;

    /** Offset of field kept_stride_h. */
    public static final long kept_stride_h$offset() {
        return kept_stride_h$OFFSET;
    }

    /** Getter of field kept_stride_h. */
    public static long kept_stride_h(MemorySegment struct) {
        return struct.get(kept_stride_h$LAYOUT, kept_stride_h$OFFSET);
    }

    /** Setter of field kept_stride_h. */
    public static void kept_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(kept_stride_h$LAYOUT, kept_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong kept_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("kept_stride_n"));

    /** Layout of field kept_stride_n. */
    public static final OfLong kept_stride_n$layout() {
        return kept_stride_n$LAYOUT;
    }

    private static final long kept_stride_n$OFFSET = 232;

    /** Offset of field kept_stride_n. */
    public static final long kept_stride_n$offset() {
        return kept_stride_n$OFFSET;
    }

    /** Getter of field kept_stride_n. */
    public static long kept_stride_n(MemorySegment struct) {
        return struct.get(kept_stride_n$LAYOUT, kept_stride_n$OFFSET);
    }

    /** Setter of field kept_stride_n. */
    public static void kept_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(kept_stride_n$LAYOUT, kept_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong window$LAYOUT = (OfLong) $LAYOUT.select(groupElement("window"));

    /** Layout of field window. */
    public static final OfLong window$layout() {
        return window$LAYOUT;
    }

    private static final long window$OFFSET = 240;

    /** Offset of field window. */
    public static final long window$offset() {
        return window$OFFSET;
    }

    /** Getter of field window. */
    public static long window(MemorySegment struct) {
        return struct.get(window$LAYOUT, window$OFFSET);
    }

    /** Setter of field window. */
    public static void window(MemorySegment struct, long fieldValue) {
        struct.set(window$LAYOUT, window$OFFSET, fieldValue);
    }

    private static final OfLong budget$LAYOUT = (OfLong) $LAYOUT.select(groupElement("budget"));

    /** Layout of field budget. */
    public static final OfLong budget$layout() {
        return budget$LAYOUT;
    }

    private static final long budget$OFFSET = 248;

    /** Offset of field budget. */
    public static final long budget$offset() {
        return budget$OFFSET;
    }

    /** Getter of field budget. */
    public static long budget(MemorySegment struct) {
        return struct.get(budget$LAYOUT, budget$OFFSET);
    }

    /** Setter of field budget. */
    public static void budget(MemorySegment struct, long fieldValue) {
        struct.set(budget$LAYOUT, budget$OFFSET, fieldValue);
    }

    private static final OfLong recent$LAYOUT = (OfLong) $LAYOUT.select(groupElement("recent"));

    /** Layout of field recent. */
    public static final OfLong recent$layout() {
        return recent$LAYOUT;
    }

    private static final long recent$OFFSET = 256;

    /** Offset of field recent. */
    public static final long recent$offset() {
        return recent$OFFSET;
    }

    /** Getter of field recent. */
    public static long recent(MemorySegment struct) {
        return struct.get(recent$LAYOUT, recent$OFFSET);
    }

    /** Setter of field recent. */
    public static void recent(MemorySegment struct, long fieldValue) {
        struct.set(recent$LAYOUT, recent$OFFSET, fieldValue);
    }

    private static final OfLong sink$LAYOUT = (OfLong) $LAYOUT.select(groupElement("sink"));

    /** Layout of field sink. */
    public static final OfLong sink$layout() {
        return sink$LAYOUT;
    }

    private static final long sink$OFFSET = 264;

    /** Offset of field sink. */
    public static final long sink$offset() {
        return sink$OFFSET;
    }

    /** Getter of field sink. */
    public static long sink(MemorySegment struct) {
        return struct.get(sink$LAYOUT, sink$OFFSET);
    }

    /** Setter of field sink. */
    public static void sink(MemorySegment struct, long fieldValue) {
        struct.set(sink$LAYOUT, sink$OFFSET, fieldValue);
    }

    private static final OfInt q_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("q_dtype"));

    /** Layout of field q_dtype. */
    public static final OfInt q_dtype$layout() {
        return q_dtype$LAYOUT;
    }

    private static final long q_dtype$OFFSET = 272;

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

    private static final long k_dtype$OFFSET = 276;

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

    private static final long v_dtype$OFFSET = 280;

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

    private static final OfInt score$LAYOUT = (OfInt) $LAYOUT.select(groupElement("score"));

    /** Layout of field score. */
    public static final OfInt score$layout() {
        return score$LAYOUT;
    }

    private static final long score$OFFSET = 284;

    /** Offset of field score. */
    public static final long score$offset() {
        return score$OFFSET;
    }

    /** Getter of field score. */
    public static int score(MemorySegment struct) {
        return struct.get(score$LAYOUT, score$OFFSET);
    }

    /** Setter of field score. */
    public static void score(MemorySegment struct, int fieldValue) {
        struct.set(score$LAYOUT, score$OFFSET, fieldValue);
    }

    private static final OfInt aggregation$LAYOUT = (OfInt) $LAYOUT.select(groupElement("aggregation"));

    /** Layout of field aggregation. */
    public static final OfInt aggregation$layout() {
        return aggregation$LAYOUT;
    }

    private static final long aggregation$OFFSET = 288;

    /** Offset of field aggregation. */
    public static final long aggregation$offset() {
        return aggregation$OFFSET;
    }

    /** Getter of field aggregation. */
    public static int aggregation(MemorySegment struct) {
        return struct.get(aggregation$LAYOUT, aggregation$OFFSET);
    }

    /** Setter of field aggregation. */
    public static void aggregation(MemorySegment struct, int fieldValue) {
        struct.set(aggregation$LAYOUT, aggregation$OFFSET, fieldValue);
    }

    private static final OfInt pool_radius$LAYOUT = (OfInt) $LAYOUT.select(groupElement("pool_radius"));

    /** Layout of field pool_radius. */
    public static final OfInt pool_radius$layout() {
        return pool_radius$LAYOUT;
    }

    private static final long pool_radius$OFFSET = 292;

    /** Offset of field pool_radius. */
    public static final long pool_radius$offset() {
        return pool_radius$OFFSET;
    }

    /** Getter of field pool_radius. */
    public static int pool_radius(MemorySegment struct) {
        return struct.get(pool_radius$LAYOUT, pool_radius$OFFSET);
    }

    /** Setter of field pool_radius. */
    public static void pool_radius(MemorySegment struct, int fieldValue) {
        struct.set(pool_radius$LAYOUT, pool_radius$OFFSET, fieldValue);
    }

    private static final OfInt causal$LAYOUT = (OfInt) $LAYOUT.select(groupElement("causal"));

    /** Layout of field causal. */
    public static final OfInt causal$layout() {
        return causal$LAYOUT;
    }

    private static final long causal$OFFSET = 296;

    /** Offset of field causal. */
    public static final long causal$offset() {
        return causal$OFFSET;
    }

    /** Getter of field causal. */
    public static int causal(MemorySegment struct) {
        return struct.get(causal$LAYOUT, causal$OFFSET);
    }

    /** Setter of field causal. */
    public static void causal(MemorySegment struct, int fieldValue) {
        struct.set(causal$LAYOUT, causal$OFFSET, fieldValue);
    }

    private static final OfInt accumulate$LAYOUT = (OfInt) $LAYOUT.select(groupElement("accumulate"));

    /** Layout of field accumulate. */
    public static final OfInt accumulate$layout() {
        return accumulate$LAYOUT;
    }

    private static final long accumulate$OFFSET = 300;

    /** Offset of field accumulate. */
    public static final long accumulate$offset() {
        return accumulate$OFFSET;
    }

    /** Getter of field accumulate. */
    public static int accumulate(MemorySegment struct) {
        return struct.get(accumulate$LAYOUT, accumulate$OFFSET);
    }

    /** Setter of field accumulate. */
    public static void accumulate(MemorySegment struct, int fieldValue) {
        struct.set(accumulate$LAYOUT, accumulate$OFFSET, fieldValue);
    }

    private static final OfFloat scale$LAYOUT = (OfFloat) $LAYOUT.select(groupElement("scale"));

    /** Layout of field scale. */
    public static final OfFloat scale$layout() {
        return scale$LAYOUT;
    }

    private static final long scale$OFFSET = 304;

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

    /** The size of this struct in bytes. */
    public static long sizeof() {
        return layout().byteSize();
    }

    /** Allocates one struct. */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /** Views a native address as one struct, living as long as {@code arena}. */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize(), arena, cleanup);
    }
}
