// Binding of struct panattn_hybrid_params (native/include/panattn.h) in the shape jextract (JDK 22+) generates.
// HybridBindingsTest checks every size and offset against native/probe/panattn_probe.
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
 * {@snippet lang=c : typedef struct panattn_hybrid_params { ... } panattn_hybrid_params; }
 * The parameters of one hybrid-attention launch, shared by host and device code (see panattn.h for the meaning).
 */
@SuppressWarnings("unused")
public class panattn_hybrid_params {

    panattn_hybrid_params() {
        // static members only
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        panattn_h.C_POINTER.withName("q"),
        panattn_h.C_POINTER.withName("k"),
        panattn_h.C_POINTER.withName("v"),
        panattn_h.C_POINTER.withName("out"),
        panattn_h.C_POINTER.withName("diagnostics"),
        panattn_h.C_POINTER.withName("weights_q"),
        panattn_h.C_POINTER.withName("weights_k"),
        panattn_h.C_POINTER.withName("window_factor"),
        panattn_h.C_POINTER.withName("drop_window"),
        panattn_h.C_POINTER.withName("key_ring"),
        panattn_h.C_POINTER.withName("value_ring"),
        panattn_h.C_POINTER.withName("kv_state"),
        panattn_h.C_POINTER.withName("z_state"),
        panattn_h.C_POINTER.withName("sink_keys"),
        panattn_h.C_POINTER.withName("sink_values"),
        panattn_h.C_LONG_LONG.withName("batch"),
        panattn_h.C_LONG_LONG.withName("heads_q"),
        panattn_h.C_LONG_LONG.withName("heads_kv"),
        panattn_h.C_LONG_LONG.withName("n"),
        panattn_h.C_LONG_LONG.withName("head_dim"),
        panattn_h.C_LONG_LONG.withName("head_dim_v"),
        panattn_h.C_LONG_LONG.withName("projected"),
        panattn_h.C_LONG_LONG.withName("features"),
        panattn_h.C_LONG_LONG.withName("start"),
        panattn_h.C_LONG_LONG.withName("q_stride_b"),
        panattn_h.C_LONG_LONG.withName("q_stride_h"),
        panattn_h.C_LONG_LONG.withName("q_stride_n"),
        panattn_h.C_LONG_LONG.withName("k_stride_b"),
        panattn_h.C_LONG_LONG.withName("k_stride_h"),
        panattn_h.C_LONG_LONG.withName("k_stride_n"),
        panattn_h.C_LONG_LONG.withName("v_stride_b"),
        panattn_h.C_LONG_LONG.withName("v_stride_h"),
        panattn_h.C_LONG_LONG.withName("v_stride_n"),
        panattn_h.C_LONG_LONG.withName("out_stride_b"),
        panattn_h.C_LONG_LONG.withName("out_stride_h"),
        panattn_h.C_LONG_LONG.withName("out_stride_n"),
        panattn_h.C_INT.withName("q_dtype"),
        panattn_h.C_INT.withName("k_dtype"),
        panattn_h.C_INT.withName("v_dtype"),
        panattn_h.C_INT.withName("feature_map"),
        panattn_h.C_INT.withName("mode"),
        panattn_h.C_INT.withName("window"),
        panattn_h.C_INT.withName("sinks"),
        panattn_h.C_INT.withName("affine"),
        panattn_h.C_INT.withName("reset"),
        panattn_h.C_FLOAT.withName("scale")
    ).withName("panattn_hybrid_params");

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

    private static final AddressLayout out$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("out"));

    /** Layout of field out. */
    public static final AddressLayout out$layout() {
        return out$LAYOUT;
    }

    private static final long out$OFFSET = 24;

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

    private static final AddressLayout diagnostics$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("diagnostics"));

    /** Layout of field diagnostics. */
    public static final AddressLayout diagnostics$layout() {
        return diagnostics$LAYOUT;
    }

    private static final long diagnostics$OFFSET = 32;

    /** Offset of field diagnostics. */
    public static final long diagnostics$offset() {
        return diagnostics$OFFSET;
    }

    /** Getter of field diagnostics. */
    public static MemorySegment diagnostics(MemorySegment struct) {
        return struct.get(diagnostics$LAYOUT, diagnostics$OFFSET);
    }

    /** Setter of field diagnostics. */
    public static void diagnostics(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(diagnostics$LAYOUT, diagnostics$OFFSET, fieldValue);
    }

    private static final AddressLayout weights_q$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("weights_q"));

    /** Layout of field weights_q. */
    public static final AddressLayout weights_q$layout() {
        return weights_q$LAYOUT;
    }

    private static final long weights_q$OFFSET = 40;

    /** Offset of field weights_q. */
    public static final long weights_q$offset() {
        return weights_q$OFFSET;
    }

    /** Getter of field weights_q. */
    public static MemorySegment weights_q(MemorySegment struct) {
        return struct.get(weights_q$LAYOUT, weights_q$OFFSET);
    }

    /** Setter of field weights_q. */
    public static void weights_q(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(weights_q$LAYOUT, weights_q$OFFSET, fieldValue);
    }

    private static final AddressLayout weights_k$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("weights_k"));

    /** Layout of field weights_k. */
    public static final AddressLayout weights_k$layout() {
        return weights_k$LAYOUT;
    }

    private static final long weights_k$OFFSET = 48;

    /** Offset of field weights_k. */
    public static final long weights_k$offset() {
        return weights_k$OFFSET;
    }

    /** Getter of field weights_k. */
    public static MemorySegment weights_k(MemorySegment struct) {
        return struct.get(weights_k$LAYOUT, weights_k$OFFSET);
    }

    /** Setter of field weights_k. */
    public static void weights_k(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(weights_k$LAYOUT, weights_k$OFFSET, fieldValue);
    }

    private static final AddressLayout window_factor$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("window_factor"));

    /** Layout of field window_factor. */
    public static final AddressLayout window_factor$layout() {
        return window_factor$LAYOUT;
    }

    private static final long window_factor$OFFSET = 56;

    /** Offset of field window_factor. */
    public static final long window_factor$offset() {
        return window_factor$OFFSET;
    }

    /** Getter of field window_factor. */
    public static MemorySegment window_factor(MemorySegment struct) {
        return struct.get(window_factor$LAYOUT, window_factor$OFFSET);
    }

    /** Setter of field window_factor. */
    public static void window_factor(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(window_factor$LAYOUT, window_factor$OFFSET, fieldValue);
    }

    private static final AddressLayout drop_window$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("drop_window"));

    /** Layout of field drop_window. */
    public static final AddressLayout drop_window$layout() {
        return drop_window$LAYOUT;
    }

    private static final long drop_window$OFFSET = 64;

    /** Offset of field drop_window. */
    public static final long drop_window$offset() {
        return drop_window$OFFSET;
    }

    /** Getter of field drop_window. */
    public static MemorySegment drop_window(MemorySegment struct) {
        return struct.get(drop_window$LAYOUT, drop_window$OFFSET);
    }

    /** Setter of field drop_window. */
    public static void drop_window(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(drop_window$LAYOUT, drop_window$OFFSET, fieldValue);
    }

    private static final AddressLayout key_ring$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("key_ring"));

    /** Layout of field key_ring. */
    public static final AddressLayout key_ring$layout() {
        return key_ring$LAYOUT;
    }

    private static final long key_ring$OFFSET = 72;

    /** Offset of field key_ring. */
    public static final long key_ring$offset() {
        return key_ring$OFFSET;
    }

    /** Getter of field key_ring. */
    public static MemorySegment key_ring(MemorySegment struct) {
        return struct.get(key_ring$LAYOUT, key_ring$OFFSET);
    }

    /** Setter of field key_ring. */
    public static void key_ring(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(key_ring$LAYOUT, key_ring$OFFSET, fieldValue);
    }

    private static final AddressLayout value_ring$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("value_ring"));

    /** Layout of field value_ring. */
    public static final AddressLayout value_ring$layout() {
        return value_ring$LAYOUT;
    }

    private static final long value_ring$OFFSET = 80;

    /** Offset of field value_ring. */
    public static final long value_ring$offset() {
        return value_ring$OFFSET;
    }

    /** Getter of field value_ring. */
    public static MemorySegment value_ring(MemorySegment struct) {
        return struct.get(value_ring$LAYOUT, value_ring$OFFSET);
    }

    /** Setter of field value_ring. */
    public static void value_ring(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(value_ring$LAYOUT, value_ring$OFFSET, fieldValue);
    }

    private static final AddressLayout kv_state$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("kv_state"));

    /** Layout of field kv_state. */
    public static final AddressLayout kv_state$layout() {
        return kv_state$LAYOUT;
    }

    private static final long kv_state$OFFSET = 88;

    /** Offset of field kv_state. */
    public static final long kv_state$offset() {
        return kv_state$OFFSET;
    }

    /** Getter of field kv_state. */
    public static MemorySegment kv_state(MemorySegment struct) {
        return struct.get(kv_state$LAYOUT, kv_state$OFFSET);
    }

    /** Setter of field kv_state. */
    public static void kv_state(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(kv_state$LAYOUT, kv_state$OFFSET, fieldValue);
    }

    private static final AddressLayout z_state$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("z_state"));

    /** Layout of field z_state. */
    public static final AddressLayout z_state$layout() {
        return z_state$LAYOUT;
    }

    private static final long z_state$OFFSET = 96;

    /** Offset of field z_state. */
    public static final long z_state$offset() {
        return z_state$OFFSET;
    }

    /** Getter of field z_state. */
    public static MemorySegment z_state(MemorySegment struct) {
        return struct.get(z_state$LAYOUT, z_state$OFFSET);
    }

    /** Setter of field z_state. */
    public static void z_state(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(z_state$LAYOUT, z_state$OFFSET, fieldValue);
    }

    private static final AddressLayout sink_keys$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("sink_keys"));

    /** Layout of field sink_keys. */
    public static final AddressLayout sink_keys$layout() {
        return sink_keys$LAYOUT;
    }

    private static final long sink_keys$OFFSET = 104;

    /** Offset of field sink_keys. */
    public static final long sink_keys$offset() {
        return sink_keys$OFFSET;
    }

    /** Getter of field sink_keys. */
    public static MemorySegment sink_keys(MemorySegment struct) {
        return struct.get(sink_keys$LAYOUT, sink_keys$OFFSET);
    }

    /** Setter of field sink_keys. */
    public static void sink_keys(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(sink_keys$LAYOUT, sink_keys$OFFSET, fieldValue);
    }

    private static final AddressLayout sink_values$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("sink_values"));

    /** Layout of field sink_values. */
    public static final AddressLayout sink_values$layout() {
        return sink_values$LAYOUT;
    }

    private static final long sink_values$OFFSET = 112;

    /** Offset of field sink_values. */
    public static final long sink_values$offset() {
        return sink_values$OFFSET;
    }

    /** Getter of field sink_values. */
    public static MemorySegment sink_values(MemorySegment struct) {
        return struct.get(sink_values$LAYOUT, sink_values$OFFSET);
    }

    /** Setter of field sink_values. */
    public static void sink_values(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(sink_values$LAYOUT, sink_values$OFFSET, fieldValue);
    }

    private static final OfLong batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("batch"));

    /** Layout of field batch. */
    public static final OfLong batch$layout() {
        return batch$LAYOUT;
    }

    private static final long batch$OFFSET = 120;

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

    private static final long heads_q$OFFSET = 128;

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

    private static final long heads_kv$OFFSET = 136;

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

    private static final long n$OFFSET = 144;

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

    private static final long head_dim$OFFSET = 152;

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

    private static final long head_dim_v$OFFSET = 160;

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

    private static final OfLong projected$LAYOUT = (OfLong) $LAYOUT.select(groupElement("projected"));

    /** Layout of field projected. */
    public static final OfLong projected$layout() {
        return projected$LAYOUT;
    }

    private static final long projected$OFFSET = 168;

    /** Offset of field projected. */
    public static final long projected$offset() {
        return projected$OFFSET;
    }

    /** Getter of field projected. */
    public static long projected(MemorySegment struct) {
        return struct.get(projected$LAYOUT, projected$OFFSET);
    }

    /** Setter of field projected. */
    public static void projected(MemorySegment struct, long fieldValue) {
        struct.set(projected$LAYOUT, projected$OFFSET, fieldValue);
    }

    private static final OfLong features$LAYOUT = (OfLong) $LAYOUT.select(groupElement("features"));

    /** Layout of field features. */
    public static final OfLong features$layout() {
        return features$LAYOUT;
    }

    private static final long features$OFFSET = 176;

    /** Offset of field features. */
    public static final long features$offset() {
        return features$OFFSET;
    }

    /** Getter of field features. */
    public static long features(MemorySegment struct) {
        return struct.get(features$LAYOUT, features$OFFSET);
    }

    /** Setter of field features. */
    public static void features(MemorySegment struct, long fieldValue) {
        struct.set(features$LAYOUT, features$OFFSET, fieldValue);
    }

    private static final OfLong start$LAYOUT = (OfLong) $LAYOUT.select(groupElement("start"));

    /** Layout of field start. */
    public static final OfLong start$layout() {
        return start$LAYOUT;
    }

    private static final long start$OFFSET = 184;

    /** Offset of field start. */
    public static final long start$offset() {
        return start$OFFSET;
    }

    /** Getter of field start. */
    public static long start(MemorySegment struct) {
        return struct.get(start$LAYOUT, start$OFFSET);
    }

    /** Setter of field start. */
    public static void start(MemorySegment struct, long fieldValue) {
        struct.set(start$LAYOUT, start$OFFSET, fieldValue);
    }

    private static final OfLong q_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("q_stride_b"));

    /** Layout of field q_stride_b. */
    public static final OfLong q_stride_b$layout() {
        return q_stride_b$LAYOUT;
    }

    private static final long q_stride_b$OFFSET = 192;

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

    private static final long q_stride_h$OFFSET = 200;

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

    private static final long q_stride_n$OFFSET = 208;

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

    private static final long k_stride_b$OFFSET = 216;

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

    private static final long k_stride_h$OFFSET = 224;

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

    private static final long k_stride_n$OFFSET = 232;

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

    private static final long v_stride_b$OFFSET = 240;

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

    private static final long v_stride_h$OFFSET = 248;

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

    private static final long v_stride_n$OFFSET = 256;

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

    private static final OfLong out_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("out_stride_b"));

    /** Layout of field out_stride_b. */
    public static final OfLong out_stride_b$layout() {
        return out_stride_b$LAYOUT;
    }

    private static final long out_stride_b$OFFSET = 264;

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

    private static final long out_stride_h$OFFSET = 272;

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

    private static final long out_stride_n$OFFSET = 280;

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

    private static final OfInt q_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("q_dtype"));

    /** Layout of field q_dtype. */
    public static final OfInt q_dtype$layout() {
        return q_dtype$LAYOUT;
    }

    private static final long q_dtype$OFFSET = 288;

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

    private static final long k_dtype$OFFSET = 292;

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

    private static final long v_dtype$OFFSET = 296;

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

    private static final OfInt feature_map$LAYOUT = (OfInt) $LAYOUT.select(groupElement("feature_map"));

    /** Layout of field feature_map. */
    public static final OfInt feature_map$layout() {
        return feature_map$LAYOUT;
    }

    private static final long feature_map$OFFSET = 300;

    /** Offset of field feature_map. */
    public static final long feature_map$offset() {
        return feature_map$OFFSET;
    }

    /** Getter of field feature_map. */
    public static int feature_map(MemorySegment struct) {
        return struct.get(feature_map$LAYOUT, feature_map$OFFSET);
    }

    /** Setter of field feature_map. */
    public static void feature_map(MemorySegment struct, int fieldValue) {
        struct.set(feature_map$LAYOUT, feature_map$OFFSET, fieldValue);
    }

    private static final OfInt mode$LAYOUT = (OfInt) $LAYOUT.select(groupElement("mode"));

    /** Layout of field mode. */
    public static final OfInt mode$layout() {
        return mode$LAYOUT;
    }

    private static final long mode$OFFSET = 304;

    /** Offset of field mode. */
    public static final long mode$offset() {
        return mode$OFFSET;
    }

    /** Getter of field mode. */
    public static int mode(MemorySegment struct) {
        return struct.get(mode$LAYOUT, mode$OFFSET);
    }

    /** Setter of field mode. */
    public static void mode(MemorySegment struct, int fieldValue) {
        struct.set(mode$LAYOUT, mode$OFFSET, fieldValue);
    }

    private static final OfInt window$LAYOUT = (OfInt) $LAYOUT.select(groupElement("window"));

    /** Layout of field window. */
    public static final OfInt window$layout() {
        return window$LAYOUT;
    }

    private static final long window$OFFSET = 308;

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

    private static final OfInt sinks$LAYOUT = (OfInt) $LAYOUT.select(groupElement("sinks"));

    /** Layout of field sinks. */
    public static final OfInt sinks$layout() {
        return sinks$LAYOUT;
    }

    private static final long sinks$OFFSET = 312;

    /** Offset of field sinks. */
    public static final long sinks$offset() {
        return sinks$OFFSET;
    }

    /** Getter of field sinks. */
    public static int sinks(MemorySegment struct) {
        return struct.get(sinks$LAYOUT, sinks$OFFSET);
    }

    /** Setter of field sinks. */
    public static void sinks(MemorySegment struct, int fieldValue) {
        struct.set(sinks$LAYOUT, sinks$OFFSET, fieldValue);
    }

    private static final OfInt affine$LAYOUT = (OfInt) $LAYOUT.select(groupElement("affine"));

    /** Layout of field affine. */
    public static final OfInt affine$layout() {
        return affine$LAYOUT;
    }

    private static final long affine$OFFSET = 316;

    /** Offset of field affine. */
    public static final long affine$offset() {
        return affine$OFFSET;
    }

    /** Getter of field affine. */
    public static int affine(MemorySegment struct) {
        return struct.get(affine$LAYOUT, affine$OFFSET);
    }

    /** Setter of field affine. */
    public static void affine(MemorySegment struct, int fieldValue) {
        struct.set(affine$LAYOUT, affine$OFFSET, fieldValue);
    }

    private static final OfInt reset$LAYOUT = (OfInt) $LAYOUT.select(groupElement("reset"));

    /** Layout of field reset. */
    public static final OfInt reset$layout() {
        return reset$LAYOUT;
    }

    private static final long reset$OFFSET = 320;

    /** Offset of field reset. */
    public static final long reset$offset() {
        return reset$OFFSET;
    }

    /** Getter of field reset. */
    public static int reset(MemorySegment struct) {
        return struct.get(reset$LAYOUT, reset$OFFSET);
    }

    /** Setter of field reset. */
    public static void reset(MemorySegment struct, int fieldValue) {
        struct.set(reset$LAYOUT, reset$OFFSET, fieldValue);
    }

    private static final OfFloat scale$LAYOUT = (OfFloat) $LAYOUT.select(groupElement("scale"));

    /** Layout of field scale. */
    public static final OfFloat scale$layout() {
        return scale$LAYOUT;
    }

    private static final long scale$OFFSET = 324;

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
