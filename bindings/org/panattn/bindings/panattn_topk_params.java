// Binding of struct panattn_topk_params (native/include/panattn.h) in the shape jextract (JDK 22+) generates.
// TopKParamsLayoutTest checks every size and offset against native/probe/panattn_probe.
package org.panattn.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfDouble;
import java.lang.foreign.ValueLayout.OfFloat;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;
import java.util.function.Consumer;

/**
 * {@snippet lang=c : typedef struct panattn_topk_params { ... } panattn_topk_params; }
 * The parameters of one certified top-k launch, shared by host and device code (see panattn.h for the meaning).
 */
@SuppressWarnings("unused")
public class panattn_topk_params {

    panattn_topk_params() {
        // static members only
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        panattn_h.C_POINTER.withName("q"),
        panattn_h.C_POINTER.withName("k"),
        panattn_h.C_POINTER.withName("v"),
        panattn_h.C_POINTER.withName("value_norms"),
        panattn_h.C_POINTER.withName("out"),
        panattn_h.C_POINTER.withName("kept_count"),
        panattn_h.C_POINTER.withName("tail"),
        panattn_h.C_POINTER.withName("certificate"),
        panattn_h.C_POINTER.withName("exact_error"),
        panattn_h.C_POINTER.withName("indices"),
        panattn_h.C_POINTER.withName("scratch"),
        panattn_h.C_LONG_LONG.withName("scratch_bytes"),
        panattn_h.C_LONG_LONG.withName("batch"),
        panattn_h.C_LONG_LONG.withName("heads_q"),
        panattn_h.C_LONG_LONG.withName("heads_kv"),
        panattn_h.C_LONG_LONG.withName("n_q"),
        panattn_h.C_LONG_LONG.withName("n_k"),
        panattn_h.C_LONG_LONG.withName("head_dim"),
        panattn_h.C_LONG_LONG.withName("head_dim_v"),
        panattn_h.C_LONG_LONG.withName("index_capacity"),
        panattn_h.C_LONG_LONG.withName("q_stride_b"),
        panattn_h.C_LONG_LONG.withName("q_stride_h"),
        panattn_h.C_LONG_LONG.withName("q_stride_n"),
        panattn_h.C_LONG_LONG.withName("k_stride_b"),
        panattn_h.C_LONG_LONG.withName("k_stride_h"),
        panattn_h.C_LONG_LONG.withName("k_stride_n"),
        panattn_h.C_LONG_LONG.withName("v_stride_b"),
        panattn_h.C_LONG_LONG.withName("v_stride_h"),
        panattn_h.C_LONG_LONG.withName("v_stride_n"),
        panattn_h.C_LONG_LONG.withName("value_norms_stride_b"),
        panattn_h.C_LONG_LONG.withName("value_norms_stride_h"),
        panattn_h.C_LONG_LONG.withName("value_norms_stride_n"),
        panattn_h.C_LONG_LONG.withName("out_stride_b"),
        panattn_h.C_LONG_LONG.withName("out_stride_h"),
        panattn_h.C_LONG_LONG.withName("out_stride_n"),
        panattn_h.C_LONG_LONG.withName("kept_count_stride_b"),
        panattn_h.C_LONG_LONG.withName("kept_count_stride_h"),
        panattn_h.C_LONG_LONG.withName("kept_count_stride_n"),
        panattn_h.C_LONG_LONG.withName("tail_stride_b"),
        panattn_h.C_LONG_LONG.withName("tail_stride_h"),
        panattn_h.C_LONG_LONG.withName("tail_stride_n"),
        panattn_h.C_LONG_LONG.withName("certificate_stride_b"),
        panattn_h.C_LONG_LONG.withName("certificate_stride_h"),
        panattn_h.C_LONG_LONG.withName("certificate_stride_n"),
        panattn_h.C_LONG_LONG.withName("exact_error_stride_b"),
        panattn_h.C_LONG_LONG.withName("exact_error_stride_h"),
        panattn_h.C_LONG_LONG.withName("exact_error_stride_n"),
        panattn_h.C_LONG_LONG.withName("indices_stride_b"),
        panattn_h.C_LONG_LONG.withName("indices_stride_h"),
        panattn_h.C_LONG_LONG.withName("indices_stride_n"),
        panattn_h.C_INT.withName("q_dtype"),
        panattn_h.C_INT.withName("k_dtype"),
        panattn_h.C_INT.withName("v_dtype"),
        panattn_h.C_INT.withName("causal"),
        panattn_h.C_INT.withName("certify"),
        panattn_h.C_INT.withName("k_fixed"),
        panattn_h.C_DOUBLE.withName("epsilon"),
        panattn_h.C_FLOAT.withName("scale"),
        MemoryLayout.paddingLayout(4)
    ).withName("panattn_topk_params");

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

    private static final AddressLayout value_norms$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("value_norms"));

    /** Layout of field value_norms. */
    public static final AddressLayout value_norms$layout() {
        return value_norms$LAYOUT;
    }

    private static final long value_norms$OFFSET = 24;

    /** Offset of field value_norms. */
    public static final long value_norms$offset() {
        return value_norms$OFFSET;
    }

    /** Getter of field value_norms. */
    public static MemorySegment value_norms(MemorySegment struct) {
        return struct.get(value_norms$LAYOUT, value_norms$OFFSET);
    }

    /** Setter of field value_norms. */
    public static void value_norms(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(value_norms$LAYOUT, value_norms$OFFSET, fieldValue);
    }

    private static final AddressLayout out$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("out"));

    /** Layout of field out. */
    public static final AddressLayout out$layout() {
        return out$LAYOUT;
    }

    private static final long out$OFFSET = 32;

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

    private static final AddressLayout kept_count$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("kept_count"));

    /** Layout of field kept_count. */
    public static final AddressLayout kept_count$layout() {
        return kept_count$LAYOUT;
    }

    private static final long kept_count$OFFSET = 40;

    /** Offset of field kept_count. */
    public static final long kept_count$offset() {
        return kept_count$OFFSET;
    }

    /** Getter of field kept_count. */
    public static MemorySegment kept_count(MemorySegment struct) {
        return struct.get(kept_count$LAYOUT, kept_count$OFFSET);
    }

    /** Setter of field kept_count. */
    public static void kept_count(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(kept_count$LAYOUT, kept_count$OFFSET, fieldValue);
    }

    private static final AddressLayout tail$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("tail"));

    /** Layout of field tail. */
    public static final AddressLayout tail$layout() {
        return tail$LAYOUT;
    }

    private static final long tail$OFFSET = 48;

    /** Offset of field tail. */
    public static final long tail$offset() {
        return tail$OFFSET;
    }

    /** Getter of field tail. */
    public static MemorySegment tail(MemorySegment struct) {
        return struct.get(tail$LAYOUT, tail$OFFSET);
    }

    /** Setter of field tail. */
    public static void tail(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(tail$LAYOUT, tail$OFFSET, fieldValue);
    }

    private static final AddressLayout certificate$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("certificate"));

    /** Layout of field certificate. */
    public static final AddressLayout certificate$layout() {
        return certificate$LAYOUT;
    }

    private static final long certificate$OFFSET = 56;

    /** Offset of field certificate. */
    public static final long certificate$offset() {
        return certificate$OFFSET;
    }

    /** Getter of field certificate. */
    public static MemorySegment certificate(MemorySegment struct) {
        return struct.get(certificate$LAYOUT, certificate$OFFSET);
    }

    /** Setter of field certificate. */
    public static void certificate(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(certificate$LAYOUT, certificate$OFFSET, fieldValue);
    }

    private static final AddressLayout exact_error$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("exact_error"));

    /** Layout of field exact_error. */
    public static final AddressLayout exact_error$layout() {
        return exact_error$LAYOUT;
    }

    private static final long exact_error$OFFSET = 64;

    /** Offset of field exact_error. */
    public static final long exact_error$offset() {
        return exact_error$OFFSET;
    }

    /** Getter of field exact_error. */
    public static MemorySegment exact_error(MemorySegment struct) {
        return struct.get(exact_error$LAYOUT, exact_error$OFFSET);
    }

    /** Setter of field exact_error. */
    public static void exact_error(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(exact_error$LAYOUT, exact_error$OFFSET, fieldValue);
    }

    private static final AddressLayout indices$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("indices"));

    /** Layout of field indices. */
    public static final AddressLayout indices$layout() {
        return indices$LAYOUT;
    }

    private static final long indices$OFFSET = 72;

    /** Offset of field indices. */
    public static final long indices$offset() {
        return indices$OFFSET;
    }

    /** Getter of field indices. */
    public static MemorySegment indices(MemorySegment struct) {
        return struct.get(indices$LAYOUT, indices$OFFSET);
    }

    /** Setter of field indices. */
    public static void indices(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(indices$LAYOUT, indices$OFFSET, fieldValue);
    }

    private static final AddressLayout scratch$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("scratch"));

    /** Layout of field scratch. */
    public static final AddressLayout scratch$layout() {
        return scratch$LAYOUT;
    }

    private static final long scratch$OFFSET = 80;

    /** Offset of field scratch. */
    public static final long scratch$offset() {
        return scratch$OFFSET;
    }

    /** Getter of field scratch. */
    public static MemorySegment scratch(MemorySegment struct) {
        return struct.get(scratch$LAYOUT, scratch$OFFSET);
    }

    /** Setter of field scratch. */
    public static void scratch(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(scratch$LAYOUT, scratch$OFFSET, fieldValue);
    }

    private static final OfLong scratch_bytes$LAYOUT = (OfLong) $LAYOUT.select(groupElement("scratch_bytes"));

    /** Layout of field scratch_bytes. */
    public static final OfLong scratch_bytes$layout() {
        return scratch_bytes$LAYOUT;
    }

    private static final long scratch_bytes$OFFSET = 88;

    /** Offset of field scratch_bytes. */
    public static final long scratch_bytes$offset() {
        return scratch_bytes$OFFSET;
    }

    /** Getter of field scratch_bytes. */
    public static long scratch_bytes(MemorySegment struct) {
        return struct.get(scratch_bytes$LAYOUT, scratch_bytes$OFFSET);
    }

    /** Setter of field scratch_bytes. */
    public static void scratch_bytes(MemorySegment struct, long fieldValue) {
        struct.set(scratch_bytes$LAYOUT, scratch_bytes$OFFSET, fieldValue);
    }

    private static final OfLong batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("batch"));

    /** Layout of field batch. */
    public static final OfLong batch$layout() {
        return batch$LAYOUT;
    }

    private static final long batch$OFFSET = 96;

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

    private static final long heads_q$OFFSET = 104;

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

    private static final long heads_kv$OFFSET = 112;

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

    private static final long n_q$OFFSET = 120;

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

    private static final long n_k$OFFSET = 128;

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

    private static final long head_dim$OFFSET = 136;

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

    private static final long head_dim_v$OFFSET = 144;

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

    private static final OfLong index_capacity$LAYOUT = (OfLong) $LAYOUT.select(groupElement("index_capacity"));

    /** Layout of field index_capacity. */
    public static final OfLong index_capacity$layout() {
        return index_capacity$LAYOUT;
    }

    private static final long index_capacity$OFFSET = 152;

    /** Offset of field index_capacity. */
    public static final long index_capacity$offset() {
        return index_capacity$OFFSET;
    }

    /** Getter of field index_capacity. */
    public static long index_capacity(MemorySegment struct) {
        return struct.get(index_capacity$LAYOUT, index_capacity$OFFSET);
    }

    /** Setter of field index_capacity. */
    public static void index_capacity(MemorySegment struct, long fieldValue) {
        struct.set(index_capacity$LAYOUT, index_capacity$OFFSET, fieldValue);
    }

    private static final OfLong q_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("q_stride_b"));

    /** Layout of field q_stride_b. */
    public static final OfLong q_stride_b$layout() {
        return q_stride_b$LAYOUT;
    }

    private static final long q_stride_b$OFFSET = 160;

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

    private static final long q_stride_h$OFFSET = 168;

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

    private static final long q_stride_n$OFFSET = 176;

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

    private static final long k_stride_b$OFFSET = 184;

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

    private static final long k_stride_h$OFFSET = 192;

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

    private static final long k_stride_n$OFFSET = 200;

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

    private static final long v_stride_b$OFFSET = 208;

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

    private static final long v_stride_h$OFFSET = 216;

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

    private static final long v_stride_n$OFFSET = 224;

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

    private static final OfLong value_norms_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("value_norms_stride_b"));

    /** Layout of field value_norms_stride_b. */
    public static final OfLong value_norms_stride_b$layout() {
        return value_norms_stride_b$LAYOUT;
    }

    private static final long value_norms_stride_b$OFFSET = 232;

    /** Offset of field value_norms_stride_b. */
    public static final long value_norms_stride_b$offset() {
        return value_norms_stride_b$OFFSET;
    }

    /** Getter of field value_norms_stride_b. */
    public static long value_norms_stride_b(MemorySegment struct) {
        return struct.get(value_norms_stride_b$LAYOUT, value_norms_stride_b$OFFSET);
    }

    /** Setter of field value_norms_stride_b. */
    public static void value_norms_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(value_norms_stride_b$LAYOUT, value_norms_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong value_norms_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("value_norms_stride_h"));

    /** Layout of field value_norms_stride_h. */
    public static final OfLong value_norms_stride_h$layout() {
        return value_norms_stride_h$LAYOUT;
    }

    private static final long value_norms_stride_h$OFFSET = 240;

    /** Offset of field value_norms_stride_h. */
    public static final long value_norms_stride_h$offset() {
        return value_norms_stride_h$OFFSET;
    }

    /** Getter of field value_norms_stride_h. */
    public static long value_norms_stride_h(MemorySegment struct) {
        return struct.get(value_norms_stride_h$LAYOUT, value_norms_stride_h$OFFSET);
    }

    /** Setter of field value_norms_stride_h. */
    public static void value_norms_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(value_norms_stride_h$LAYOUT, value_norms_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong value_norms_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("value_norms_stride_n"));

    /** Layout of field value_norms_stride_n. */
    public static final OfLong value_norms_stride_n$layout() {
        return value_norms_stride_n$LAYOUT;
    }

    private static final long value_norms_stride_n$OFFSET = 248;

    /** Offset of field value_norms_stride_n. */
    public static final long value_norms_stride_n$offset() {
        return value_norms_stride_n$OFFSET;
    }

    /** Getter of field value_norms_stride_n. */
    public static long value_norms_stride_n(MemorySegment struct) {
        return struct.get(value_norms_stride_n$LAYOUT, value_norms_stride_n$OFFSET);
    }

    /** Setter of field value_norms_stride_n. */
    public static void value_norms_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(value_norms_stride_n$LAYOUT, value_norms_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong out_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("out_stride_b"));

    /** Layout of field out_stride_b. */
    public static final OfLong out_stride_b$layout() {
        return out_stride_b$LAYOUT;
    }

    private static final long out_stride_b$OFFSET = 256;

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

    private static final long out_stride_h$OFFSET = 264;

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

    private static final long out_stride_n$OFFSET = 272;

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

    private static final OfLong kept_count_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("kept_count_stride_b"));

    /** Layout of field kept_count_stride_b. */
    public static final OfLong kept_count_stride_b$layout() {
        return kept_count_stride_b$LAYOUT;
    }

    private static final long kept_count_stride_b$OFFSET = 280;

    /** Offset of field kept_count_stride_b. */
    public static final long kept_count_stride_b$offset() {
        return kept_count_stride_b$OFFSET;
    }

    /** Getter of field kept_count_stride_b. */
    public static long kept_count_stride_b(MemorySegment struct) {
        return struct.get(kept_count_stride_b$LAYOUT, kept_count_stride_b$OFFSET);
    }

    /** Setter of field kept_count_stride_b. */
    public static void kept_count_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(kept_count_stride_b$LAYOUT, kept_count_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong kept_count_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("kept_count_stride_h"));

    /** Layout of field kept_count_stride_h. */
    public static final OfLong kept_count_stride_h$layout() {
        return kept_count_stride_h$LAYOUT;
    }

    private static final long kept_count_stride_h$OFFSET = 288;

    /** Offset of field kept_count_stride_h. */
    public static final long kept_count_stride_h$offset() {
        return kept_count_stride_h$OFFSET;
    }

    /** Getter of field kept_count_stride_h. */
    public static long kept_count_stride_h(MemorySegment struct) {
        return struct.get(kept_count_stride_h$LAYOUT, kept_count_stride_h$OFFSET);
    }

    /** Setter of field kept_count_stride_h. */
    public static void kept_count_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(kept_count_stride_h$LAYOUT, kept_count_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong kept_count_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("kept_count_stride_n"));

    /** Layout of field kept_count_stride_n. */
    public static final OfLong kept_count_stride_n$layout() {
        return kept_count_stride_n$LAYOUT;
    }

    private static final long kept_count_stride_n$OFFSET = 296;

    /** Offset of field kept_count_stride_n. */
    public static final long kept_count_stride_n$offset() {
        return kept_count_stride_n$OFFSET;
    }

    /** Getter of field kept_count_stride_n. */
    public static long kept_count_stride_n(MemorySegment struct) {
        return struct.get(kept_count_stride_n$LAYOUT, kept_count_stride_n$OFFSET);
    }

    /** Setter of field kept_count_stride_n. */
    public static void kept_count_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(kept_count_stride_n$LAYOUT, kept_count_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong tail_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("tail_stride_b"));

    /** Layout of field tail_stride_b. */
    public static final OfLong tail_stride_b$layout() {
        return tail_stride_b$LAYOUT;
    }

    private static final long tail_stride_b$OFFSET = 304;

    /** Offset of field tail_stride_b. */
    public static final long tail_stride_b$offset() {
        return tail_stride_b$OFFSET;
    }

    /** Getter of field tail_stride_b. */
    public static long tail_stride_b(MemorySegment struct) {
        return struct.get(tail_stride_b$LAYOUT, tail_stride_b$OFFSET);
    }

    /** Setter of field tail_stride_b. */
    public static void tail_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(tail_stride_b$LAYOUT, tail_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong tail_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("tail_stride_h"));

    /** Layout of field tail_stride_h. */
    public static final OfLong tail_stride_h$layout() {
        return tail_stride_h$LAYOUT;
    }

    private static final long tail_stride_h$OFFSET = 312;

    /** Offset of field tail_stride_h. */
    public static final long tail_stride_h$offset() {
        return tail_stride_h$OFFSET;
    }

    /** Getter of field tail_stride_h. */
    public static long tail_stride_h(MemorySegment struct) {
        return struct.get(tail_stride_h$LAYOUT, tail_stride_h$OFFSET);
    }

    /** Setter of field tail_stride_h. */
    public static void tail_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(tail_stride_h$LAYOUT, tail_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong tail_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("tail_stride_n"));

    /** Layout of field tail_stride_n. */
    public static final OfLong tail_stride_n$layout() {
        return tail_stride_n$LAYOUT;
    }

    private static final long tail_stride_n$OFFSET = 320;

    /** Offset of field tail_stride_n. */
    public static final long tail_stride_n$offset() {
        return tail_stride_n$OFFSET;
    }

    /** Getter of field tail_stride_n. */
    public static long tail_stride_n(MemorySegment struct) {
        return struct.get(tail_stride_n$LAYOUT, tail_stride_n$OFFSET);
    }

    /** Setter of field tail_stride_n. */
    public static void tail_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(tail_stride_n$LAYOUT, tail_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong certificate_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("certificate_stride_b"));

    /** Layout of field certificate_stride_b. */
    public static final OfLong certificate_stride_b$layout() {
        return certificate_stride_b$LAYOUT;
    }

    private static final long certificate_stride_b$OFFSET = 328;

    /** Offset of field certificate_stride_b. */
    public static final long certificate_stride_b$offset() {
        return certificate_stride_b$OFFSET;
    }

    /** Getter of field certificate_stride_b. */
    public static long certificate_stride_b(MemorySegment struct) {
        return struct.get(certificate_stride_b$LAYOUT, certificate_stride_b$OFFSET);
    }

    /** Setter of field certificate_stride_b. */
    public static void certificate_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(certificate_stride_b$LAYOUT, certificate_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong certificate_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("certificate_stride_h"));

    /** Layout of field certificate_stride_h. */
    public static final OfLong certificate_stride_h$layout() {
        return certificate_stride_h$LAYOUT;
    }

    private static final long certificate_stride_h$OFFSET = 336;

    /** Offset of field certificate_stride_h. */
    public static final long certificate_stride_h$offset() {
        return certificate_stride_h$OFFSET;
    }

    /** Getter of field certificate_stride_h. */
    public static long certificate_stride_h(MemorySegment struct) {
        return struct.get(certificate_stride_h$LAYOUT, certificate_stride_h$OFFSET);
    }

    /** Setter of field certificate_stride_h. */
    public static void certificate_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(certificate_stride_h$LAYOUT, certificate_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong certificate_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("certificate_stride_n"));

    /** Layout of field certificate_stride_n. */
    public static final OfLong certificate_stride_n$layout() {
        return certificate_stride_n$LAYOUT;
    }

    private static final long certificate_stride_n$OFFSET = 344;

    /** Offset of field certificate_stride_n. */
    public static final long certificate_stride_n$offset() {
        return certificate_stride_n$OFFSET;
    }

    /** Getter of field certificate_stride_n. */
    public static long certificate_stride_n(MemorySegment struct) {
        return struct.get(certificate_stride_n$LAYOUT, certificate_stride_n$OFFSET);
    }

    /** Setter of field certificate_stride_n. */
    public static void certificate_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(certificate_stride_n$LAYOUT, certificate_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong exact_error_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("exact_error_stride_b"));

    /** Layout of field exact_error_stride_b. */
    public static final OfLong exact_error_stride_b$layout() {
        return exact_error_stride_b$LAYOUT;
    }

    private static final long exact_error_stride_b$OFFSET = 352;

    /** Offset of field exact_error_stride_b. */
    public static final long exact_error_stride_b$offset() {
        return exact_error_stride_b$OFFSET;
    }

    /** Getter of field exact_error_stride_b. */
    public static long exact_error_stride_b(MemorySegment struct) {
        return struct.get(exact_error_stride_b$LAYOUT, exact_error_stride_b$OFFSET);
    }

    /** Setter of field exact_error_stride_b. */
    public static void exact_error_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(exact_error_stride_b$LAYOUT, exact_error_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong exact_error_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("exact_error_stride_h"));

    /** Layout of field exact_error_stride_h. */
    public static final OfLong exact_error_stride_h$layout() {
        return exact_error_stride_h$LAYOUT;
    }

    private static final long exact_error_stride_h$OFFSET = 360;

    /** Offset of field exact_error_stride_h. */
    public static final long exact_error_stride_h$offset() {
        return exact_error_stride_h$OFFSET;
    }

    /** Getter of field exact_error_stride_h. */
    public static long exact_error_stride_h(MemorySegment struct) {
        return struct.get(exact_error_stride_h$LAYOUT, exact_error_stride_h$OFFSET);
    }

    /** Setter of field exact_error_stride_h. */
    public static void exact_error_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(exact_error_stride_h$LAYOUT, exact_error_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong exact_error_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("exact_error_stride_n"));

    /** Layout of field exact_error_stride_n. */
    public static final OfLong exact_error_stride_n$layout() {
        return exact_error_stride_n$LAYOUT;
    }

    private static final long exact_error_stride_n$OFFSET = 368;

    /** Offset of field exact_error_stride_n. */
    public static final long exact_error_stride_n$offset() {
        return exact_error_stride_n$OFFSET;
    }

    /** Getter of field exact_error_stride_n. */
    public static long exact_error_stride_n(MemorySegment struct) {
        return struct.get(exact_error_stride_n$LAYOUT, exact_error_stride_n$OFFSET);
    }

    /** Setter of field exact_error_stride_n. */
    public static void exact_error_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(exact_error_stride_n$LAYOUT, exact_error_stride_n$OFFSET, fieldValue);
    }

    private static final OfLong indices_stride_b$LAYOUT = (OfLong) $LAYOUT.select(groupElement("indices_stride_b"));

    /** Layout of field indices_stride_b. */
    public static final OfLong indices_stride_b$layout() {
        return indices_stride_b$LAYOUT;
    }

    private static final long indices_stride_b$OFFSET = 376;

    /** Offset of field indices_stride_b. */
    public static final long indices_stride_b$offset() {
        return indices_stride_b$OFFSET;
    }

    /** Getter of field indices_stride_b. */
    public static long indices_stride_b(MemorySegment struct) {
        return struct.get(indices_stride_b$LAYOUT, indices_stride_b$OFFSET);
    }

    /** Setter of field indices_stride_b. */
    public static void indices_stride_b(MemorySegment struct, long fieldValue) {
        struct.set(indices_stride_b$LAYOUT, indices_stride_b$OFFSET, fieldValue);
    }

    private static final OfLong indices_stride_h$LAYOUT = (OfLong) $LAYOUT.select(groupElement("indices_stride_h"));

    /** Layout of field indices_stride_h. */
    public static final OfLong indices_stride_h$layout() {
        return indices_stride_h$LAYOUT;
    }

    private static final long indices_stride_h$OFFSET = 384;

    /** Offset of field indices_stride_h. */
    public static final long indices_stride_h$offset() {
        return indices_stride_h$OFFSET;
    }

    /** Getter of field indices_stride_h. */
    public static long indices_stride_h(MemorySegment struct) {
        return struct.get(indices_stride_h$LAYOUT, indices_stride_h$OFFSET);
    }

    /** Setter of field indices_stride_h. */
    public static void indices_stride_h(MemorySegment struct, long fieldValue) {
        struct.set(indices_stride_h$LAYOUT, indices_stride_h$OFFSET, fieldValue);
    }

    private static final OfLong indices_stride_n$LAYOUT = (OfLong) $LAYOUT.select(groupElement("indices_stride_n"));

    /** Layout of field indices_stride_n. */
    public static final OfLong indices_stride_n$layout() {
        return indices_stride_n$LAYOUT;
    }

    private static final long indices_stride_n$OFFSET = 392;

    /** Offset of field indices_stride_n. */
    public static final long indices_stride_n$offset() {
        return indices_stride_n$OFFSET;
    }

    /** Getter of field indices_stride_n. */
    public static long indices_stride_n(MemorySegment struct) {
        return struct.get(indices_stride_n$LAYOUT, indices_stride_n$OFFSET);
    }

    /** Setter of field indices_stride_n. */
    public static void indices_stride_n(MemorySegment struct, long fieldValue) {
        struct.set(indices_stride_n$LAYOUT, indices_stride_n$OFFSET, fieldValue);
    }

    private static final OfInt q_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("q_dtype"));

    /** Layout of field q_dtype. */
    public static final OfInt q_dtype$layout() {
        return q_dtype$LAYOUT;
    }

    private static final long q_dtype$OFFSET = 400;

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

    private static final long k_dtype$OFFSET = 404;

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

    private static final long v_dtype$OFFSET = 408;

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

    private static final OfInt causal$LAYOUT = (OfInt) $LAYOUT.select(groupElement("causal"));

    /** Layout of field causal. */
    public static final OfInt causal$layout() {
        return causal$LAYOUT;
    }

    private static final long causal$OFFSET = 412;

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

    private static final OfInt certify$LAYOUT = (OfInt) $LAYOUT.select(groupElement("certify"));

    /** Layout of field certify. */
    public static final OfInt certify$layout() {
        return certify$LAYOUT;
    }

    private static final long certify$OFFSET = 416;

    /** Offset of field certify. */
    public static final long certify$offset() {
        return certify$OFFSET;
    }

    /** Getter of field certify. */
    public static int certify(MemorySegment struct) {
        return struct.get(certify$LAYOUT, certify$OFFSET);
    }

    /** Setter of field certify. */
    public static void certify(MemorySegment struct, int fieldValue) {
        struct.set(certify$LAYOUT, certify$OFFSET, fieldValue);
    }

    private static final OfInt k_fixed$LAYOUT = (OfInt) $LAYOUT.select(groupElement("k_fixed"));

    /** Layout of field k_fixed. */
    public static final OfInt k_fixed$layout() {
        return k_fixed$LAYOUT;
    }

    private static final long k_fixed$OFFSET = 420;

    /** Offset of field k_fixed. */
    public static final long k_fixed$offset() {
        return k_fixed$OFFSET;
    }

    /** Getter of field k_fixed. */
    public static int k_fixed(MemorySegment struct) {
        return struct.get(k_fixed$LAYOUT, k_fixed$OFFSET);
    }

    /** Setter of field k_fixed. */
    public static void k_fixed(MemorySegment struct, int fieldValue) {
        struct.set(k_fixed$LAYOUT, k_fixed$OFFSET, fieldValue);
    }

    private static final OfDouble epsilon$LAYOUT = (OfDouble) $LAYOUT.select(groupElement("epsilon"));

    /** Layout of field epsilon. */
    public static final OfDouble epsilon$layout() {
        return epsilon$LAYOUT;
    }

    private static final long epsilon$OFFSET = 424;

    /** Offset of field epsilon. */
    public static final long epsilon$offset() {
        return epsilon$OFFSET;
    }

    /** Getter of field epsilon. */
    public static double epsilon(MemorySegment struct) {
        return struct.get(epsilon$LAYOUT, epsilon$OFFSET);
    }

    /** Setter of field epsilon. */
    public static void epsilon(MemorySegment struct, double fieldValue) {
        struct.set(epsilon$LAYOUT, epsilon$OFFSET, fieldValue);
    }

    private static final OfFloat scale$LAYOUT = (OfFloat) $LAYOUT.select(groupElement("scale"));

    /** Layout of field scale. */
    public static final OfFloat scale$layout() {
        return scale$LAYOUT;
    }

    private static final long scale$OFFSET = 432;

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
