// Binding of struct panattn_sae_features_params (native/include/panattn.h) in the shape jextract (JDK 22+) generates.
// SaeLayoutTest checks every size and offset against native/probe/panattn_probe.
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
 * {@snippet lang=c : typedef struct panattn_sae_features_params { ... } panattn_sae_features_params; }
 * The parameters of the SAE feature-row kernels (TopK selection, sparse output, statistics), shared by host and
 * device code (see panattn.h).
 */
@SuppressWarnings("unused")
public class panattn_sae_features_params {

    panattn_sae_features_params() {
        // static members only
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        panattn_h.C_POINTER.withName("features"),
        panattn_h.C_POINTER.withName("indices"),
        panattn_h.C_POINTER.withName("values"),
        panattn_h.C_POINTER.withName("active_count"),
        panattn_h.C_POINTER.withName("mask"),
        panattn_h.C_POINTER.withName("sums"),
        panattn_h.C_POINTER.withName("active"),
        panattn_h.C_POINTER.withName("tokens"),
        panattn_h.C_LONG_LONG.withName("rows"),
        panattn_h.C_LONG_LONG.withName("d_sae"),
        panattn_h.C_LONG_LONG.withName("k"),
        panattn_h.C_LONG_LONG.withName("capacity"),
        panattn_h.C_LONG_LONG.withName("features_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("features_stride_batch"),
        panattn_h.C_LONG_LONG.withName("features_stride_row"),
        panattn_h.C_LONG_LONG.withName("indices_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("indices_stride_batch"),
        panattn_h.C_LONG_LONG.withName("indices_stride_row"),
        panattn_h.C_LONG_LONG.withName("values_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("values_stride_batch"),
        panattn_h.C_LONG_LONG.withName("values_stride_row"),
        panattn_h.C_LONG_LONG.withName("count_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("count_stride_batch"),
        panattn_h.C_LONG_LONG.withName("count_stride_row"),
        panattn_h.C_LONG_LONG.withName("mask_rows_per_batch"),
        panattn_h.C_LONG_LONG.withName("mask_stride_batch"),
        panattn_h.C_LONG_LONG.withName("mask_stride_row"),
        panattn_h.C_INT.withName("mask_dtype"),
        MemoryLayout.paddingLayout(4)
    ).withName("panattn_sae_features_params");

    /** The layout of this struct. */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout features$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("features"));

    /** Layout of field features. */
    public static final AddressLayout features$layout() {
        return features$LAYOUT;
    }

    private static final long features$OFFSET = 0;

    /** Offset of field features. */
    public static final long features$offset() {
        return features$OFFSET;
    }

    /** Getter of field features. */
    public static MemorySegment features(MemorySegment struct) {
        return struct.get(features$LAYOUT, features$OFFSET);
    }

    /** Setter of field features. */
    public static void features(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(features$LAYOUT, features$OFFSET, fieldValue);
    }

    private static final AddressLayout indices$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("indices"));

    /** Layout of field indices. */
    public static final AddressLayout indices$layout() {
        return indices$LAYOUT;
    }

    private static final long indices$OFFSET = 8;

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

    private static final AddressLayout values$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("values"));

    /** Layout of field values. */
    public static final AddressLayout values$layout() {
        return values$LAYOUT;
    }

    private static final long values$OFFSET = 16;

    /** Offset of field values. */
    public static final long values$offset() {
        return values$OFFSET;
    }

    /** Getter of field values. */
    public static MemorySegment values(MemorySegment struct) {
        return struct.get(values$LAYOUT, values$OFFSET);
    }

    /** Setter of field values. */
    public static void values(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(values$LAYOUT, values$OFFSET, fieldValue);
    }

    private static final AddressLayout active_count$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("active_count"));

    /** Layout of field active_count. */
    public static final AddressLayout active_count$layout() {
        return active_count$LAYOUT;
    }

    private static final long active_count$OFFSET = 24;

    /** Offset of field active_count. */
    public static final long active_count$offset() {
        return active_count$OFFSET;
    }

    /** Getter of field active_count. */
    public static MemorySegment active_count(MemorySegment struct) {
        return struct.get(active_count$LAYOUT, active_count$OFFSET);
    }

    /** Setter of field active_count. */
    public static void active_count(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(active_count$LAYOUT, active_count$OFFSET, fieldValue);
    }

    private static final AddressLayout mask$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("mask"));

    /** Layout of field mask. */
    public static final AddressLayout mask$layout() {
        return mask$LAYOUT;
    }

    private static final long mask$OFFSET = 32;

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

    private static final AddressLayout sums$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("sums"));

    /** Layout of field sums. */
    public static final AddressLayout sums$layout() {
        return sums$LAYOUT;
    }

    private static final long sums$OFFSET = 40;

    /** Offset of field sums. */
    public static final long sums$offset() {
        return sums$OFFSET;
    }

    /** Getter of field sums. */
    public static MemorySegment sums(MemorySegment struct) {
        return struct.get(sums$LAYOUT, sums$OFFSET);
    }

    /** Setter of field sums. */
    public static void sums(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(sums$LAYOUT, sums$OFFSET, fieldValue);
    }

    private static final AddressLayout active$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("active"));

    /** Layout of field active. */
    public static final AddressLayout active$layout() {
        return active$LAYOUT;
    }

    private static final long active$OFFSET = 48;

    /** Offset of field active. */
    public static final long active$offset() {
        return active$OFFSET;
    }

    /** Getter of field active. */
    public static MemorySegment active(MemorySegment struct) {
        return struct.get(active$LAYOUT, active$OFFSET);
    }

    /** Setter of field active. */
    public static void active(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(active$LAYOUT, active$OFFSET, fieldValue);
    }

    private static final AddressLayout tokens$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("tokens"));

    /** Layout of field tokens. */
    public static final AddressLayout tokens$layout() {
        return tokens$LAYOUT;
    }

    private static final long tokens$OFFSET = 56;

    /** Offset of field tokens. */
    public static final long tokens$offset() {
        return tokens$OFFSET;
    }

    /** Getter of field tokens. */
    public static MemorySegment tokens(MemorySegment struct) {
        return struct.get(tokens$LAYOUT, tokens$OFFSET);
    }

    /** Setter of field tokens. */
    public static void tokens(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(tokens$LAYOUT, tokens$OFFSET, fieldValue);
    }

    private static final OfLong rows$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rows"));

    /** Layout of field rows. */
    public static final OfLong rows$layout() {
        return rows$LAYOUT;
    }

    private static final long rows$OFFSET = 64;

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

    private static final OfLong d_sae$LAYOUT = (OfLong) $LAYOUT.select(groupElement("d_sae"));

    /** Layout of field d_sae. */
    public static final OfLong d_sae$layout() {
        return d_sae$LAYOUT;
    }

    private static final long d_sae$OFFSET = 72;

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

    private static final OfLong k$LAYOUT = (OfLong) $LAYOUT.select(groupElement("k"));

    /** Layout of field k. */
    public static final OfLong k$layout() {
        return k$LAYOUT;
    }

    private static final long k$OFFSET = 80;

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

    private static final OfLong capacity$LAYOUT = (OfLong) $LAYOUT.select(groupElement("capacity"));

    /** Layout of field capacity. */
    public static final OfLong capacity$layout() {
        return capacity$LAYOUT;
    }

    private static final long capacity$OFFSET = 88;

    /** Offset of field capacity. */
    public static final long capacity$offset() {
        return capacity$OFFSET;
    }

    /** Getter of field capacity. */
    public static long capacity(MemorySegment struct) {
        return struct.get(capacity$LAYOUT, capacity$OFFSET);
    }

    /** Setter of field capacity. */
    public static void capacity(MemorySegment struct, long fieldValue) {
        struct.set(capacity$LAYOUT, capacity$OFFSET, fieldValue);
    }

    private static final OfLong features_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("features_rows_per_batch"));

    /** Layout of field features_rows_per_batch. */
    public static final OfLong features_rows_per_batch$layout() {
        return features_rows_per_batch$LAYOUT;
    }

    private static final long features_rows_per_batch$OFFSET = 96;

    /** Offset of field features_rows_per_batch. */
    public static final long features_rows_per_batch$offset() {
        return features_rows_per_batch$OFFSET;
    }

    /** Getter of field features_rows_per_batch. */
    public static long features_rows_per_batch(MemorySegment struct) {
        return struct.get(features_rows_per_batch$LAYOUT, features_rows_per_batch$OFFSET);
    }

    /** Setter of field features_rows_per_batch. */
    public static void features_rows_per_batch(MemorySegment struct, long fieldValue) {
        struct.set(features_rows_per_batch$LAYOUT, features_rows_per_batch$OFFSET, fieldValue);
    }

    private static final OfLong features_stride_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("features_stride_batch"));

    /** Layout of field features_stride_batch. */
    public static final OfLong features_stride_batch$layout() {
        return features_stride_batch$LAYOUT;
    }

    private static final long features_stride_batch$OFFSET = 104;

    /** Offset of field features_stride_batch. */
    public static final long features_stride_batch$offset() {
        return features_stride_batch$OFFSET;
    }

    /** Getter of field features_stride_batch. */
    public static long features_stride_batch(MemorySegment struct) {
        return struct.get(features_stride_batch$LAYOUT, features_stride_batch$OFFSET);
    }

    /** Setter of field features_stride_batch. */
    public static void features_stride_batch(MemorySegment struct, long fieldValue) {
        struct.set(features_stride_batch$LAYOUT, features_stride_batch$OFFSET, fieldValue);
    }

    private static final OfLong features_stride_row$LAYOUT = (OfLong) $LAYOUT.select(groupElement("features_stride_row"));

    /** Layout of field features_stride_row. */
    public static final OfLong features_stride_row$layout() {
        return features_stride_row$LAYOUT;
    }

    private static final long features_stride_row$OFFSET = 112;

    /** Offset of field features_stride_row. */
    public static final long features_stride_row$offset() {
        return features_stride_row$OFFSET;
    }

    /** Getter of field features_stride_row. */
    public static long features_stride_row(MemorySegment struct) {
        return struct.get(features_stride_row$LAYOUT, features_stride_row$OFFSET);
    }

    /** Setter of field features_stride_row. */
    public static void features_stride_row(MemorySegment struct, long fieldValue) {
        struct.set(features_stride_row$LAYOUT, features_stride_row$OFFSET, fieldValue);
    }

    private static final OfLong indices_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("indices_rows_per_batch"));

    /** Layout of field indices_rows_per_batch. */
    public static final OfLong indices_rows_per_batch$layout() {
        return indices_rows_per_batch$LAYOUT;
    }

    private static final long indices_rows_per_batch$OFFSET = 120;

    /** Offset of field indices_rows_per_batch. */
    public static final long indices_rows_per_batch$offset() {
        return indices_rows_per_batch$OFFSET;
    }

    /** Getter of field indices_rows_per_batch. */
    public static long indices_rows_per_batch(MemorySegment struct) {
        return struct.get(indices_rows_per_batch$LAYOUT, indices_rows_per_batch$OFFSET);
    }

    /** Setter of field indices_rows_per_batch. */
    public static void indices_rows_per_batch(MemorySegment struct, long fieldValue) {
        struct.set(indices_rows_per_batch$LAYOUT, indices_rows_per_batch$OFFSET, fieldValue);
    }

    private static final OfLong indices_stride_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("indices_stride_batch"));

    /** Layout of field indices_stride_batch. */
    public static final OfLong indices_stride_batch$layout() {
        return indices_stride_batch$LAYOUT;
    }

    private static final long indices_stride_batch$OFFSET = 128;

    /** Offset of field indices_stride_batch. */
    public static final long indices_stride_batch$offset() {
        return indices_stride_batch$OFFSET;
    }

    /** Getter of field indices_stride_batch. */
    public static long indices_stride_batch(MemorySegment struct) {
        return struct.get(indices_stride_batch$LAYOUT, indices_stride_batch$OFFSET);
    }

    /** Setter of field indices_stride_batch. */
    public static void indices_stride_batch(MemorySegment struct, long fieldValue) {
        struct.set(indices_stride_batch$LAYOUT, indices_stride_batch$OFFSET, fieldValue);
    }

    private static final OfLong indices_stride_row$LAYOUT = (OfLong) $LAYOUT.select(groupElement("indices_stride_row"));

    /** Layout of field indices_stride_row. */
    public static final OfLong indices_stride_row$layout() {
        return indices_stride_row$LAYOUT;
    }

    private static final long indices_stride_row$OFFSET = 136;

    /** Offset of field indices_stride_row. */
    public static final long indices_stride_row$offset() {
        return indices_stride_row$OFFSET;
    }

    /** Getter of field indices_stride_row. */
    public static long indices_stride_row(MemorySegment struct) {
        return struct.get(indices_stride_row$LAYOUT, indices_stride_row$OFFSET);
    }

    /** Setter of field indices_stride_row. */
    public static void indices_stride_row(MemorySegment struct, long fieldValue) {
        struct.set(indices_stride_row$LAYOUT, indices_stride_row$OFFSET, fieldValue);
    }

    private static final OfLong values_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("values_rows_per_batch"));

    /** Layout of field values_rows_per_batch. */
    public static final OfLong values_rows_per_batch$layout() {
        return values_rows_per_batch$LAYOUT;
    }

    private static final long values_rows_per_batch$OFFSET = 144;

    /** Offset of field values_rows_per_batch. */
    public static final long values_rows_per_batch$offset() {
        return values_rows_per_batch$OFFSET;
    }

    /** Getter of field values_rows_per_batch. */
    public static long values_rows_per_batch(MemorySegment struct) {
        return struct.get(values_rows_per_batch$LAYOUT, values_rows_per_batch$OFFSET);
    }

    /** Setter of field values_rows_per_batch. */
    public static void values_rows_per_batch(MemorySegment struct, long fieldValue) {
        struct.set(values_rows_per_batch$LAYOUT, values_rows_per_batch$OFFSET, fieldValue);
    }

    private static final OfLong values_stride_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("values_stride_batch"));

    /** Layout of field values_stride_batch. */
    public static final OfLong values_stride_batch$layout() {
        return values_stride_batch$LAYOUT;
    }

    private static final long values_stride_batch$OFFSET = 152;

    /** Offset of field values_stride_batch. */
    public static final long values_stride_batch$offset() {
        return values_stride_batch$OFFSET;
    }

    /** Getter of field values_stride_batch. */
    public static long values_stride_batch(MemorySegment struct) {
        return struct.get(values_stride_batch$LAYOUT, values_stride_batch$OFFSET);
    }

    /** Setter of field values_stride_batch. */
    public static void values_stride_batch(MemorySegment struct, long fieldValue) {
        struct.set(values_stride_batch$LAYOUT, values_stride_batch$OFFSET, fieldValue);
    }

    private static final OfLong values_stride_row$LAYOUT = (OfLong) $LAYOUT.select(groupElement("values_stride_row"));

    /** Layout of field values_stride_row. */
    public static final OfLong values_stride_row$layout() {
        return values_stride_row$LAYOUT;
    }

    private static final long values_stride_row$OFFSET = 160;

    /** Offset of field values_stride_row. */
    public static final long values_stride_row$offset() {
        return values_stride_row$OFFSET;
    }

    /** Getter of field values_stride_row. */
    public static long values_stride_row(MemorySegment struct) {
        return struct.get(values_stride_row$LAYOUT, values_stride_row$OFFSET);
    }

    /** Setter of field values_stride_row. */
    public static void values_stride_row(MemorySegment struct, long fieldValue) {
        struct.set(values_stride_row$LAYOUT, values_stride_row$OFFSET, fieldValue);
    }

    private static final OfLong count_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("count_rows_per_batch"));

    /** Layout of field count_rows_per_batch. */
    public static final OfLong count_rows_per_batch$layout() {
        return count_rows_per_batch$LAYOUT;
    }

    private static final long count_rows_per_batch$OFFSET = 168;

    /** Offset of field count_rows_per_batch. */
    public static final long count_rows_per_batch$offset() {
        return count_rows_per_batch$OFFSET;
    }

    /** Getter of field count_rows_per_batch. */
    public static long count_rows_per_batch(MemorySegment struct) {
        return struct.get(count_rows_per_batch$LAYOUT, count_rows_per_batch$OFFSET);
    }

    /** Setter of field count_rows_per_batch. */
    public static void count_rows_per_batch(MemorySegment struct, long fieldValue) {
        struct.set(count_rows_per_batch$LAYOUT, count_rows_per_batch$OFFSET, fieldValue);
    }

    private static final OfLong count_stride_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("count_stride_batch"));

    /** Layout of field count_stride_batch. */
    public static final OfLong count_stride_batch$layout() {
        return count_stride_batch$LAYOUT;
    }

    private static final long count_stride_batch$OFFSET = 176;

    /** Offset of field count_stride_batch. */
    public static final long count_stride_batch$offset() {
        return count_stride_batch$OFFSET;
    }

    /** Getter of field count_stride_batch. */
    public static long count_stride_batch(MemorySegment struct) {
        return struct.get(count_stride_batch$LAYOUT, count_stride_batch$OFFSET);
    }

    /** Setter of field count_stride_batch. */
    public static void count_stride_batch(MemorySegment struct, long fieldValue) {
        struct.set(count_stride_batch$LAYOUT, count_stride_batch$OFFSET, fieldValue);
    }

    private static final OfLong count_stride_row$LAYOUT = (OfLong) $LAYOUT.select(groupElement("count_stride_row"));

    /** Layout of field count_stride_row. */
    public static final OfLong count_stride_row$layout() {
        return count_stride_row$LAYOUT;
    }

    private static final long count_stride_row$OFFSET = 184;

    /** Offset of field count_stride_row. */
    public static final long count_stride_row$offset() {
        return count_stride_row$OFFSET;
    }

    /** Getter of field count_stride_row. */
    public static long count_stride_row(MemorySegment struct) {
        return struct.get(count_stride_row$LAYOUT, count_stride_row$OFFSET);
    }

    /** Setter of field count_stride_row. */
    public static void count_stride_row(MemorySegment struct, long fieldValue) {
        struct.set(count_stride_row$LAYOUT, count_stride_row$OFFSET, fieldValue);
    }

    private static final OfLong mask_rows_per_batch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("mask_rows_per_batch"));

    /** Layout of field mask_rows_per_batch. */
    public static final OfLong mask_rows_per_batch$layout() {
        return mask_rows_per_batch$LAYOUT;
    }

    private static final long mask_rows_per_batch$OFFSET = 192;

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

    private static final long mask_stride_batch$OFFSET = 200;

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

    private static final long mask_stride_row$OFFSET = 208;

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

    private static final OfInt mask_dtype$LAYOUT = (OfInt) $LAYOUT.select(groupElement("mask_dtype"));

    /** Layout of field mask_dtype. */
    public static final OfInt mask_dtype$layout() {
        return mask_dtype$LAYOUT;
    }

    private static final long mask_dtype$OFFSET = 216;

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
