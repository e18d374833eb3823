// Binding of struct panattn_sae_steer_params (native/include/panattn.h) in the shape jextract (JDK 22+) generates.
// PanattnLayoutTest / SaeLayoutTest check every size and offset against native/probe/panattn_probe.
package org.panattn.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.ValueLayout.OfFloat;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;
import java.util.function.Consumer;

/**
 * {@snippet lang=c : typedef struct panattn_sae_steer_params { ... } panattn_sae_steer_params; }
 * The parameters of one SAE steering launch, shared by host and device code (see panattn.h).
 */
@SuppressWarnings("unused")
public class panattn_sae_steer_params {

    panattn_sae_steer_params() {
        // static members only
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        panattn_h.C_POINTER.withName("x"),
        panattn_h.C_POINTER.withName("out"),
        panattn_h.C_POINTER.withName("w_enc"),
        panattn_h.C_POINTER.withName("b_enc"),
        panattn_h.C_POINTER.withName("threshold"),
        panattn_h.C_POINTER.withName("center"),
        panattn_h.C_POINTER.withName("w_dec"),
        panattn_h.C_POINTER.withName("mask"),
        panattn_h.C_LONG_LONG.withName("tokens"),
        panattn_h.C_LONG_LONG.withName("d_in"),
        panattn_h.C_LONG_LONG.withName("d_sae"),
        panattn_h.C_LONG_LONG.withName("x_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("x_stride_batch"),
        panattn_h.C_LONG_LONG.withName("x_stride_row"),
        panattn_h.C_LONG_LONG.withName("out_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("out_stride_batch"),
        panattn_h.C_LONG_LONG.withName("out_stride_row"),
        panattn_h.C_LONG_LONG.withName("mask_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("mask_stride_batch"),
        panattn_h.C_LONG_LONG.withName("mask_stride_row"),
        panattn_h.C_LONG_LONG.withName("w_enc_stride"),
        panattn_h.C_LONG_LONG.withName("b_enc_stride"),
        panattn_h.C_LONG_LONG.withName("threshold_stride"),
        panattn_h.C_LONG_LONG.withName("center_stride"),
        panattn_h.C_LONG_LONG.withName("w_dec_stride"),
        panattn_h.C_INT.withName("x_dtype"),
        panattn_h.C_INT.withName("out_dtype"),
        panattn_h.C_INT.withName("w_enc_dtype"),
        panattn_h.C_INT.withName("b_enc_dtype"),
        panattn_h.C_INT.withName("threshold_dtype"),
        panattn_h.C_INT.withName("center_dtype"),
        panattn_h.C_INT.withName("w_dec_dtype"),
        panattn_h.C_INT.withName("mask_dtype"),
        panattn_h.C_INT.withName("activation"),
        panattn_h.C_INT.withName("edits"),
        MemoryLayout.sequenceLayout(8, panattn_h.C_INT).withName("feature"),
        MemoryLayout.sequenceLayout(8, panattn_h.C_INT).withName("mode"),
        MemoryLayout.sequenceLayout(8, panattn_h.C_FLOAT).withName("value")
    ).withName("panattn_sae_steer_params");

    /** The layout of this struct. */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout x$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("x"));

    /** Layout of field x. */
    public static final AddressLayout x$layout() {
        return x$LAYOUT;
    }

    private static final long x$OFFSET = 0;

    /** Offset of field x. */
    public static final long x$offset() {
        return x$OFFSET;
    }

    /** Getter of field x. */
    public static MemorySegment x(MemorySegment struct) {
        return struct.get(x$LAYOUT, x$OFFSET);
    }

    /** Setter of field x. */
    public static void x(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(x$LAYOUT, x$OFFSET, fieldValue);
    }

    private static final AddressLayout out$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("out"));

    /** Layout of field out. */
    public static final AddressLayout out$layout() {
        return out$LAYOUT;
    }

    private static final long out$OFFSET = 8;

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

    private static final AddressLayout w_enc$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("w_enc"));

    /** Layout of field w_enc. */
    public static final AddressLayout w_enc$layout() {
        return w_enc$LAYOUT;
    }

    private static final long w_enc$OFFSET = 16;

    /** Offset of field w_enc. */
    public static final long w_enc$offset() {
        return w_enc$OFFSET;
    }

    /** Getter of field w_enc. */
    public static MemorySegment w_enc(MemorySegment struct) {
        return struct.get(w_enc$LAYOUT, w_enc$OFFSET);
    }

    /** Setter of field w_enc. */
    public static void w_enc(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(w_enc$LAYOUT, w_enc$OFFSET, fieldValue);
    }

    private static final AddressLayout b_enc$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("b_enc"));

    /** Layout of field b_enc. */
    public static final AddressLayout b_enc$layout() {
        return b_enc$LAYOUT;
    }

    private static final long b_enc$OFFSET = 24;

    /** Offset of field b_enc. */
    public static final long b_enc$offset() {
        return b_enc$OFFSET;
    }

    /** Getter of field b_enc. */
    public static MemorySegment b_enc(MemorySegment struct) {
        return struct.get(b_enc$LAYOUT, b_enc$OFFSET);
    }

    /** Setter of field b_enc. */
    public static void b_enc(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(b_enc$LAYOUT, b_enc$OFFSET, fieldValue);
    }

    private static final AddressLayout threshold$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("threshold"));

    /** Layout of field threshold. */
    public static final AddressLayout threshold$layout() {
        return threshold$LAYOUT;
    }

    private static final long threshold$OFFSET = 32;

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

    private static final long center$OFFSET = 40;

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

    private static final AddressLayout w_dec$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("w_dec"));

    /** Layout of field w_dec. */
    public static final AddressLayout w_dec$layout() {
        return w_dec$LAYOUT;
    }

    private static final long w_dec$OFFSET = 48;

    /** Offset of field w_dec. */
    public static final long w_dec$offset() {
        return w_dec$OFFSET;
    }

    /** Getter of field w_dec. */
    public static MemorySegment w_dec(MemorySegment struct) {
        return struct.get(w_dec$LAYOUT, w_dec$OFFSET);
    }

    /** Setter of field w_dec. */
    public static void w_dec(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(w_dec$LAYOUT, w_dec$OFFSET, fieldValue);
    }

    private static final AddressLayout mask$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("mask"));

    /** Layout of field mask. */
    public static final AddressLayout mask$layout() {
        return mask$LAYOUT;
    }

    private static final long mask$OFFSET = 56;

    /** Offset of field mask. */
    public static final long mask$offset() {
        return mask$OFFSET;
    }

    /** Getter of field mask. */
    public static MemorySegment mask(MemorySegment struct) {
        return struct.get(mask$LAYOUT, mask$OFFSET);
    }

    /** Setter of field mask. */
    public static void mask(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(mask$LAYOUT, mask$OFFSET, fieldValue);
    }

    private static final OfLong tokens$LAYOUT = (OfLong) $LAYOUT.select(groupElement("tokens"));

    /** Layout of field tokens. */
    public static final OfLong tokens$layout() {
        return tokens$LAYOUT;
    }

    private static final long tokens$OFFSET = 64;

    /** Offset of field tokens. */
    public static final long tokens$offset() {
        return tokens$OFFSET;
    }

    /** Getter of field tokens. */
    public static long tokens(MemorySegment struct) {
        return struct.get(tokens$LAYOUT, tokens$OFFSET);
    }

    /** Setter of field tokens. */
    public static void tokens(MemorySegment struct, long fieldValue) {
        struct.set(tokens$LAYOUT, tokens$OFFSET, fieldValue);
    }

    private static final OfLong d_in$LAYOUT = (OfLong) $LAYOUT.select(groupElement("d_in"));

    /** Layout of field d_in. */
    public static final OfLong d_in$layout() {
        return d_in$LAYOUT;
    }

    private static final long d_in$OFFSET = 72;

    /** Offset of field d_in. */
    public static final long d_in$offset() {
        return d_in$OFFSET;
    }

    /** Getter of field d_in. */
    public static long d_in(MemorySegment struct) {
        return struct.get(d_in$LAYOUT, d_in$OFFSET);
    }

    /** Setter of field d_in. */
    public static void d_in(MemorySegment struct, long fieldValue) {
        struct.set(d_in$LAYOUT, d_in$OFFSET, fieldValue);
    }

    private static final OfLong d_sae$LAYOUT = (OfLong) $LAYOUT.select(groupElement("d_sae"));

    /** Layout of field d_sae. */
    public static final OfLong d_sae$layout() {
        return d_sae$LAYOUT;
    }

    private static final long d_sae$OFFSET = 80;

    /** Offset of field d_sae. */
    public static final long d_sae$offset() {
        return d_sae$OFFSET;
    }

    /** Getter of field d_sae. */
    public static long d_sae(MemorySegment struct) {
        return struct.get(d_sae$LAYOUT, d_sae$OFFSET);
    }

    /** Setter of field d_sae. */
    public static void d_sae(MemorySegment struct, long fieldValue) {
        struct.set(d_sae$LAYOUT, d_sae$OFFSET, fieldValue);
    }

    private static final OfLong x_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("x_rows_per_batch"));

    /** Layout of field x_rows_per_batch. */
    public static final OfLong x_rows_per_batch$layout() {
        return x_rows_per_batch$LAYOUT;
    }

    private static final long x_rows_per_batch$OFFSET = 88;

    /** Offset of field x_rows_per_batch. */
    public static final long x_rows_per_batch$offset() {
        return x_rows_per_batch$OFFSET;
    }

    /** Getter of field x_rows_per_batch. */
    public static long x_rows_per_batch(MemorySegment struct) {
        return struct.get(x_rows_per_batch$LAYOUT, x_rows_per_batch$OFFSET);
    }

    /** Setter of field x_rows_per_batch. */
    public static void x_rows_per_batch(MemorySegment struct, long fieldValue) {
        struct.set(x_rows_per_batch$LAYOUT, x_rows_per_batch$OFFSET, fieldValue);
    }

    private static final OfLong x_stride_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("x_stride_batch"));

    /** Layout of field x_stride_batch. */
    public static final OfLong x_stride_batch$layout() {
        return x_stride_batch$LAYOUT;
    }

    private static final long x_stride_batch$OFFSET = 96;

    /** Offset of field x_stride_batch. */
    public static final long x_stride_batch$offset() {
        return x_stride_batch$OFFSET;
    }

    /** Getter of field x_stride_batch. */
    public static long x_stride_batch(MemorySegment struct) {
        return struct.get(x_stride_batch$LAYOUT, x_stride_batch$OFFSET);
    }

    /** Setter of field x_stride_batch. */
    public static void x_stride_batch(MemorySegment struct, long fieldValue) {
        struct.set(x_stride_batch$LAYOUT, x_stride_batch$OFFSET, fieldValue);
    }

    private static final OfLong x_stride_row$LAYOUT = (OfLong) $LAYOUT.select(groupElement("x_stride_row"));

    /** Layout of field x_stride_row. */
    public static final OfLong x_stride_row$layout() {
        return x_stride_row$LAYOUT;
    }

    private static final long x_stride_row$OFFSET = 104;

    /** Offset of field x_stride_row. */
    public static final long x_stride_row$offset() {
        return x_stride_row$OFFSET;
    }

    /** Getter of field x_stride_row. */
    public static long x_stride_row(MemorySegment struct) {
        return struct.get(x_stride_row$LAYOUT, x_stride_row$OFFSET);
    }

    /** Setter of field x_stride_row. */
    public static void x_stride_row(MemorySegment struct, long fieldValue) {
        struct.set(x_stride_row$LAYOUT, x_stride_row$OFFSET, fieldValue);
    }

    private static final OfLong out_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("out_rows_per_batch"));

    /** Layout of field out_rows_per_batch. */
    public static final OfLong out_rows_per_batch$layout() {
        return out_rows_per_batch$LAYOUT;
    }

    private static final long out_rows_per_batch$OFFSET = 112;

    /** Offset of field out_rows_per_batch. */
    public static final long out_rows_per_batch$offset() {
        return out_rows_per_batch$OFFSET;
    }

    /** Getter of field out_rows_per_batch. */
    public static long out_rows_per_batch(MemorySegment struct) {
        return struct.get(out_rows_per_batch$LAYOUT, out_rows_per_batch$OFFSET);
    }

    /** Setter of field out_rows_per_batch. */
    public static void out_rows_per_batch(MemorySegment struct, long fieldValue) {
        struct.set(out_rows_per_batch$LAYOUT, out_rows_per_batch$OFFSET, fieldValue);
    }

    private static final OfLong out_stride_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("out_stride_batch"));

    /** Layout of field out_stride_batch. */
    public static final OfLong out_stride_batch$layout() {
        return out_stride_batch$LAYOUT;
    }

    private static final long out_stride_batch$OFFSET = 120;

    /** Offset of field out_stride_batch. */
    public static final long out_stride_batch$offset() {
        return out_stride_batch$OFFSET;
    }

    /** Getter of field out_stride_batch. */
    public static long out_stride_batch(MemorySegment struct) {
        return struct.get(out_stride_batch$LAYOUT, out_stride_batch$OFFSET);
    }

    /** Setter of field out_stride_batch. */
    public static void out_stride_batch(MemorySegment struct, long fieldValue) {
        struct.set(out_stride_batch$LAYOUT, out_stride_batch$OFFSET, fieldValue);
    }

    private static final OfLong out_stride_row$LAYOUT = (OfLong) $LAYOUT.select(groupElement("out_stride_row"));

    /** Layout of field out_stride_row. */
    public static final OfLong out_stride_row$layout() {
        return out_stride_row$LAYOUT;
    }

    private static final long out_stride_row$OFFSET = 128;

    /** Offset of field out_stride_row. */
    public static final long out_stride_row$offset() {
        return out_stride_row$OFFSET;
    }

    /** Getter of field out_stride_row. */
    public static long out_stride_row(MemorySegment struct) {
        return struct.get(out_stride_row$LAYOUT, out_stride_row$OFFSET);
    }

    /** Setter of field out_stride_row. */
    public static void out_stride_row(MemorySegment struct, long fieldValue) {
        struct.set(out_stride_row$LAYOUT, out_stride_row$OFFSET, fieldValue);
    }

    private static final OfLong mask_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("mask_rows_per_batch"));

    /** Layout of field mask_rows_per_batch. */
    public static final OfLong mask_rows_per_batch$layout() {
        return mask_rows_per_batch$LAYOUT;
    }

    private static final long mask_rows_per_batch$OFFSET = 136;

    /** Offset of field mask_rows_per_batch. */
    public static final long mask_rows_per_batch$offset() {
        return mask_rows_per_batch$OFFSET;
    }

    /** Getter of field mask_rows_per_batch. */
    public static long mask_rows_per_batch(MemorySegment struct) {
        return struct.get(mask_rows_per_batch$LAYOUT, mask_rows_per_batch$OFFSET);
    }

    /** Setter of field mask_rows_per_batch. */
    public static void mask_rows_per_batch(MemorySegment struct, long fieldValue) {
        struct.set(mask_rows_per_batch$LAYOUT, mask_rows_per_batch$OFFSET, fieldValue);
    }

    private static final OfLong mask_stride_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("mask_stride_batch"));

    /** Layout of field mask_stride_batch. */
    public static final OfLong mask_stride_batch$layout() {
        return mask_stride_batch$LAYOUT;
    }

    private static final long mask_stride_batch$OFFSET = 144;

    /** Offset of field mask_stride_batch. */
    public static final long mask_stride_batch$offset() {
        return mask_stride_batch$OFFSET;
    }

    /** Getter of field mask_stride_batch. */
    public static long mask_stride_batch(MemorySegment struct) {
        return struct.get(mask_stride_batch$LAYOUT, mask_stride_batch$OFFSET);
    }

    /** Setter of field mask_stride_batch. */
    public static void mask_stride_batch(MemorySegment struct, long fieldValue) {
        struct.set(mask_stride_batch$LAYOUT, mask_stride_batch$OFFSET, fieldValue);
    }

    private static final OfLong mask_stride_row$LAYOUT = (OfLong) $LAYOUT.select(groupElement("mask_stride_row"));

    /** Layout of field mask_stride_row. */
    public static final OfLong mask_stride_row$layout() {
        return mask_stride_row$LAYOUT;
    }

    private static final long mask_stride_row$OFFSET = 152;

    /** Offset of field mask_stride_row. */
    public static final long mask_stride_row$offset() {
        return mask_stride_row$OFFSET;
    }

    /** Getter of field mask_stride_row. */
    public static long mask_stride_row(MemorySegment struct) {
        return struct.get(mask_stride_row$LAYOUT, mask_stride_row$OFFSET);
    }

    /** Setter of field mask_stride_row. */
    public static void mask_stride_row(MemorySegment struct, long fieldValue) {
        struct.set(mask_stride_row$LAYOUT, mask_stride_row$OFFSET, fieldValue);
    }

    private static final OfLong w_enc_stride$LAYOUT = (OfLong) $LAYOUT.select(groupElement("w_enc_stride"));

    /** Layout of field w_enc_stride. */
    public static final OfLong w_enc_stride$layout() {
        return w_enc_stride$LAYOUT;
    }

    private static final long w_enc_stride$OFFSET = 160;

    /** Offset of field w_enc_stride. */
    public static final long w_enc_stride$offset() {
        return w_enc_stride$OFFSET;
    }

    /** Getter of field w_enc_stride. */
    public static long w_enc_stride(MemorySegment struct) {
        return struct.get(w_enc_stride$LAYOUT, w_enc_stride$OFFSET);
    }

    /** Setter of field w_enc_stride. */
    public static void w_enc_stride(MemorySegment struct, long fieldValue) {
        struct.set(w_enc_stride$LAYOUT, w_enc_stride$OFFSET, fieldValue);
    }

    private static final OfLong b_enc_stride$LAYOUT = (OfLong) $LAYOUT.select(groupElement("b_enc_stride"));

    /** Layout of field b_enc_stride. */
    public static final OfLong b_enc_stride$layout() {
        return b_enc_stride$LAYOUT;
    }

    private static final long b_enc_stride$OFFSET = 168;

    /** Offset of field b_enc_stride. */
    public static final long b_enc_stride$offset() {
        return b_enc_stride$OFFSET;
    }

    /** Getter of field b_enc_stride. */
    public static long b_enc_stride(MemorySegment struct) {
        return struct.get(b_enc_stride$LAYOUT, b_enc_stride$OFFSET);
    }

    /** Setter of field b_enc_stride. */
    public static void b_enc_stride(MemorySegment struct, long fieldValue) {
        struct.set(b_enc_stride$LAYOUT, b_enc_stride$OFFSET, fieldValue);
    }

    private static final OfLong threshold_stride$LAYOUT = (OfLong) $LAYOUT.select(groupElement("threshold_stride"));

    /** Layout of field threshold_stride. */
    public static final OfLong threshold_stride$layout() {
        return threshold_stride$LAYOUT;
    }

    private static final long threshold_stride$OFFSET = 176;

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

    private static final long center_stride$OFFSET = 184;

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

    private static final OfLong w_dec_stride$LAYOUT = (OfLong) $LAYOUT.select(groupElement("w_dec_stride"));

    /** Layout of field w_dec_stride. */
    public static final OfLong w_dec_stride$layout() {
        return w_dec_stride$LAYOUT;
    }

    private static final long w_dec_stride$OFFSET = 192;

    /** Offset of field w_dec_stride. */
    public static final long w_dec_stride$offset() {
        return w_dec_stride$OFFSET;
    }

    /** Getter of field w_dec_stride. */
    public static long w_dec_stride(MemorySegment struct) {
        return struct.get(w_dec_stride$LAYOUT, w_dec_stride$OFFSET);
    }

    /** Setter of field w_dec_stride. */
    public static void w_dec_stride(MemorySegment struct, long fieldValue) {
        struct.set(w_dec_stride$LAYOUT, w_dec_stride$OFFSET, fieldValue);
    }

    private static final OfInt x_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("x_dtype"));

    /** Layout of field x_dtype. */
    public static final OfInt x_dtype$layout() {
        return x_dtype$LAYOUT;
    }

    private static final long x_dtype$OFFSET = 200;

    /** Offset of field x_dtype. */
    public static final long x_dtype$offset() {
        return x_dtype$OFFSET;
    }

    /** Getter of field x_dtype. */
    public static int x_dtype(MemorySegment struct) {
        return struct.get(x_dtype$LAYOUT, x_dtype$OFFSET);
    }

    /** Setter of field x_dtype. */
    public static void x_dtype(MemorySegment struct, int fieldValue) {
        struct.set(x_dtype$LAYOUT, x_dtype$OFFSET, fieldValue);
    }

    private static final OfInt out_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("out_dtype"));

    /** Layout of field out_dtype. */
    public static final OfInt out_dtype$layout() {
        return out_dtype$LAYOUT;
    }

    private static final long out_dtype$OFFSET = 204;

    /** Offset of field out_dtype. */
    public static final long out_dtype$offset() {
        return out_dtype$OFFSET;
    }

    /** Getter of field out_dtype. */
    public static int out_dtype(MemorySegment struct) {
        return struct.get(out_dtype$LAYOUT, out_dtype$OFFSET);
    }

    /** Setter of field out_dtype. */
    public static void out_dtype(MemorySegment struct, int fieldValue) {
        struct.set(out_dtype$LAYOUT, out_dtype$OFFSET, fieldValue);
    }

    private static final OfInt w_enc_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("w_enc_dtype"));

    /** Layout of field w_enc_dtype. */
    public static final OfInt w_enc_dtype$layout() {
        return w_enc_dtype$LAYOUT;
    }

    private static final long w_enc_dtype$OFFSET = 208;

    /** Offset of field w_enc_dtype. */
    public static final long w_enc_dtype$offset() {
        return w_enc_dtype$OFFSET;
    }

    /** Getter of field w_enc_dtype. */
    public static int w_enc_dtype(MemorySegment struct) {
        return struct.get(w_enc_dtype$LAYOUT, w_enc_dtype$OFFSET);
    }

    /** Setter of field w_enc_dtype. */
    public static void w_enc_dtype(MemorySegment struct, int fieldValue) {
        struct.set(w_enc_dtype$LAYOUT, w_enc_dtype$OFFSET, fieldValue);
    }

    private static final OfInt b_enc_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("b_enc_dtype"));

    /** Layout of field b_enc_dtype. */
    public static final OfInt b_enc_dtype$layout() {
        return b_enc_dtype$LAYOUT;
    }

    private static final long b_enc_dtype$OFFSET = 212;

    /** Offset of field b_enc_dtype. */
    public static final long b_enc_dtype$offset() {
        return b_enc_dtype$OFFSET;
    }

    /** Getter of field b_enc_dtype. */
    public static int b_enc_dtype(MemorySegment struct) {
        return struct.get(b_enc_dtype$LAYOUT, b_enc_dtype$OFFSET);
    }

    /** Setter of field b_enc_dtype. */
    public static void b_enc_dtype(MemorySegment struct, int fieldValue) {
        struct.set(b_enc_dtype$LAYOUT, b_enc_dtype$OFFSET, fieldValue);
    }

    private static final OfInt threshold_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("threshold_dtype"));

    /** Layout of field threshold_dtype. */
    public static final OfInt threshold_dtype$layout() {
        return threshold_dtype$LAYOUT;
    }

    private static final long threshold_dtype$OFFSET = 216;

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

    private static final long center_dtype$OFFSET = 220;

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

    private static final OfInt w_dec_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("w_dec_dtype"));

    /** Layout of field w_dec_dtype. */
    public static final OfInt w_dec_dtype$layout() {
        return w_dec_dtype$LAYOUT;
    }

    private static final long w_dec_dtype$OFFSET = 224;

    /** Offset of field w_dec_dtype. */
    public static final long w_dec_dtype$offset() {
        return w_dec_dtype$OFFSET;
    }

    /** Getter of field w_dec_dtype. */
    public static int w_dec_dtype(MemorySegment struct) {
        return struct.get(w_dec_dtype$LAYOUT, w_dec_dtype$OFFSET);
    }

    /** Setter of field w_dec_dtype. */
    public static void w_dec_dtype(MemorySegment struct, int fieldValue) {
        struct.set(w_dec_dtype$LAYOUT, w_dec_dtype$OFFSET, fieldValue);
    }

    private static final OfInt mask_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("mask_dtype"));

    /** Layout of field mask_dtype. */
    public static final OfInt mask_dtype$layout() {
        return mask_dtype$LAYOUT;
    }

    private static final long mask_dtype$OFFSET = 228;

    /** Offset of field mask_dtype. */
    public static final long mask_dtype$offset() {
        return mask_dtype$OFFSET;
    }

    /** Getter of field mask_dtype. */
    public static int mask_dtype(MemorySegment struct) {
        return struct.get(mask_dtype$LAYOUT, mask_dtype$OFFSET);
    }

    /** Setter of field mask_dtype. */
    public static void mask_dtype(MemorySegment struct, int fieldValue) {
        struct.set(mask_dtype$LAYOUT, mask_dtype$OFFSET, fieldValue);
    }

    private static final OfInt activation$LAYOUT = (OfInt) $LAYOUT.select(groupElement("activation"));

    /** Layout of field activation. */
    public static final OfInt activation$layout() {
        return activation$LAYOUT;
    }

    private static final long activation$OFFSET = 232;

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

    private static final OfInt edits$LAYOUT = (OfInt) $LAYOUT.select(groupElement("edits"));

    /** Layout of field edits. */
    public static final OfInt edits$layout() {
        return edits$LAYOUT;
    }

    private static final long edits$OFFSET = 236;

    /** Offset of field edits. */
    public static final long edits$offset() {
        return edits$OFFSET;
    }

    /** Getter of field edits. */
    public static int edits(MemorySegment struct) {
        return struct.get(edits$LAYOUT, edits$OFFSET);
    }

    /** Setter of field edits. */
    public static void edits(MemorySegment struct, int fieldValue) {
        struct.set(edits$LAYOUT, edits$OFFSET, fieldValue);
    }

    private static final SequenceLayout feature$LAYOUT = (SequenceLayout) $LAYOUT.select(groupElement("feature"));

    /** Layout of field feature (an array of PANATTN_SAE_MAX_EDITS elements). */
    public static final SequenceLayout feature$layout() {
        return feature$LAYOUT;
    }

    private static final long feature$OFFSET = 240;

    /** Offset of field feature. */
    public static final long feature$offset() {
        return feature$OFFSET;
    }

    /** The array field feature as a segment. */
    public static MemorySegment feature(MemorySegment struct) {
        return struct.asSlice(feature$OFFSET, feature$LAYOUT.byteSize());
    }

    private static final OfInt feature$ELEMENT = (OfInt) feature$LAYOUT.elementLayout();

    /** Indexed getter of field feature. */
    public static int feature(MemorySegment struct, long index0) {
        return struct.get(feature$ELEMENT, feature$OFFSET + index0 * feature$ELEMENT.byteSize());
    }

    /** Indexed setter of field feature. */
    public static void feature(MemorySegment struct, long index0, int fieldValue) {
        struct.set(feature$ELEMENT, feature$OFFSET + index0 * feature$ELEMENT.byteSize(), fieldValue);
    }

    private static final SequenceLayout mode$LAYOUT = (SequenceLayout) $LAYOUT.select(groupElement("mode"));

    /** Layout of field mode (an array of PANATTN_SAE_MAX_EDITS elements). */
    public static final SequenceLayout mode$layout() {
        return mode$LAYOUT;
    }

    private static final long mode$OFFSET = 272;

    /** Offset of field mode. */
    public static final long mode$offset() {
        return mode$OFFSET;
    }

    /** The array field mode as a segment. */
    public static MemorySegment mode(MemorySegment struct) {
        return struct.asSlice(mode$OFFSET, mode$LAYOUT.byteSize());
    }

    private static final OfInt mode$ELEMENT = (OfInt) mode$LAYOUT.elementLayout();

    /** Indexed getter of field mode. */
    public static int mode(MemorySegment struct, long index0) {
        return struct.get(mode$ELEMENT, mode$OFFSET + index0 * mode$ELEMENT.byteSize());
    }

    /** Indexed setter of field mode. */
    public static void mode(MemorySegment struct, long index0, int fieldValue) {
        struct.set(mode$ELEMENT, mode$OFFSET + index0 * mode$ELEMENT.byteSize(), fieldValue);
    }

    private static final SequenceLayout value$LAYOUT = (SequenceLayout) $LAYOUT.select(groupElement("value"));

    /** Layout of field value (an array of PANATTN_SAE_MAX_EDITS elements). */
    public static final SequenceLayout value$layout() {
        return value$LAYOUT;
    }

    private static final long value$OFFSET = 304;

    /** Offset of field value. */
    public static final long value$offset() {
        return value$OFFSET;
    }

    /** The array field value as a segment. */
    public static MemorySegment value(MemorySegment struct) {
        return struct.asSlice(value$OFFSET, value$LAYOUT.byteSize());
    }

    private static final OfFloat value$ELEMENT = (OfFloat) value$LAYOUT.elementLayout();

    /** Indexed getter of field value. */
    public static float value(MemorySegment struct, long index0) {
        return struct.get(value$ELEMENT, value$OFFSET + index0 * value$ELEMENT.byteSize());
    }

    /** Indexed setter of field value. */
    public static void value(MemorySegment struct, long index0, float fieldValue) {
        struct.set(value$ELEMENT, value$OFFSET + index0 * value$ELEMENT.byteSize(), fieldValue);
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
