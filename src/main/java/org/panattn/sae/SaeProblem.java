package org.panattn.sae;

import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;

/** Every check of an SAE call, shared by the backends: all of it runs before any kernel touches memory. */
public final class SaeProblem {

    private SaeProblem() {
    }

    /** A validated call: the input rows, and the SAE. */
    public record Input(SparseAutoencoder sae, TokenRows x) {
        public long tokens() {
            return x.count();
        }
    }

    public static Input encode(SparseAutoencoder sae, Tensor x, Tensor features) {
        Input in = input(sae, x, "x");
        requireRows(features, "features", in, sae.dSae(), DType.F32, true);
        requireDisjointFromInputs(features, "features", sae, x, null);
        return in;
    }

    /** Capacity C of the sparse output. */
    public static Input encodeSparse(SparseAutoencoder sae, Tensor x, SparseFeatures out) {
        Input in = input(sae, x, "x");
        if (out == null) {
            throw new IllegalArgumentException("out: expected SparseFeatures, got null");
        }
        Tensor idx = out.indices();
        Tensor val = out.values();
        if (idx == null || val == null || out.activeCount() == null) {
            throw new IllegalArgumentException("out: expected indices, values and activeCount tensors, got "
                    + (idx == null ? "no indices" : val == null ? "no values" : "no activeCount"));
        }
        if (idx.rank() != x.rank()) {
            throw new IllegalArgumentException("indices: expected rank " + x.rank() + " [N..., C] (leading dims of x),"
                    + " got shape " + Arrays.toString(idx.shape()));
        }
        long capacity = idx.dim(idx.rank() - 1);
        if (capacity < 1) {
            throw new IllegalArgumentException("indices: expected a capacity C >= 1 in the last dim, got " + capacity);
        }
        requireRows(idx, "indices", in, capacity, DType.I32, true);
        requireRows(val, "values", in, capacity, DType.F32, true);
        requireTokenShape(out.activeCount(), "activeCount", in, DType.I32, true);
        requireDisjointFromInputs(idx, "indices", sae, x, null);
        requireDisjointFromInputs(val, "values", sae, x, null);
        requireDisjointFromInputs(out.activeCount(), "activeCount", sae, x, null);
        requireDisjoint(idx, "indices", val, "values");
        requireDisjoint(idx, "indices", out.activeCount(), "activeCount");
        requireDisjoint(val, "values", out.activeCount(), "activeCount");
        return in;
    }

    public static Input decode(SparseAutoencoder sae, Tensor features, Tensor reconstruction) {
        requireSae(sae);
        if (features == null) {
            throw new IllegalArgumentException("features: expected a tensor, got null");
        }
        requireFloatRows(features, "features", sae.dSae(), sae.device());
        Input in = new Input(sae, TokenRows.of(features, features.rank() - 1));
        requireRows(reconstruction, "reconstruction", in, sae.dIn(), DType.F32, true);
        requireDisjointFromInputs(reconstruction, "reconstruction", sae, features, null);
        return in;
    }

    public static Input steer(SparseAutoencoder sae, Tensor x, Tensor mask, Steering steering, Tensor out) {
        Input in = input(sae, x, "x");
        if (steering == null) {
            throw new IllegalArgumentException("steering: expected a Steering, got null");
        }
        checkEdits(sae, steering);
        if (mask != null) {
            requireMask(mask, in);
        }
        if (out == null) {
            throw new IllegalArgumentException("out: expected a tensor (x itself for in place), got null");
        }
        if (!out.dtype().isFloating()) {
            throw new IllegalArgumentException("out: expected dtype F32, F16 or BF16, got " + out.dtype());
        }
        if (!Arrays.equals(out.shape(), x.shape())) {
            throw new IllegalArgumentException("out: expected shape " + Arrays.toString(x.shape()) + " (that of x), got "
                    + Arrays.toString(out.shape()));
        }
        if (!out.device().equals(x.device())) {
            throw new IllegalArgumentException("out: expected device " + x.device() + " (that of x), got "
                    + out.device());
        }
        out.checkAlive("out");
        out.checkWritable("out");
        boolean inPlace = sameView(out, x);
        if (inPlace && out.dtype() != x.dtype()) {
            throw new IllegalArgumentException("out: expected dtype " + x.dtype() + " in place, got " + out.dtype());
        }
        requireDisjointFromInputs(out, "out", sae, inPlace ? null : x, mask);
        return in;
    }

    /** Each edit's feature lies in [0, d_sae), and CLAMP is not asked of a TOPK SAE. */
    static void checkEdits(SparseAutoencoder sae, Steering steering) {
        for (Steering.Edit e : steering.edits()) {
            if (e.feature() >= sae.dSae()) {
                throw new IllegalArgumentException("feature: expected in [0, " + sae.dSae() + ") (d_sae), got "
                        + e.feature());
            }
            if (e.mode() == Steering.Mode.CLAMP && sae.activation() == SparseAutoencoder.Activation.TOPK) {
                throw new IllegalArgumentException("steering: CLAMP of feature " + e.feature() + " needs f_j(x), which"
                        + " for a TOPK SAE depends on every feature: expected ADD, or a JUMP_RELU/RELU SAE");
            }
        }
    }

    public static Input accumulate(SparseAutoencoder sae, Tensor x, Tensor mask, FeatureStatistics statistics) {
        Input in = input(sae, x, "x");
        if (statistics == null) {
            throw new IllegalArgumentException("statistics: expected a FeatureStatistics, got null");
        }
        if (statistics.dSae() != sae.dSae()) {
            throw new IllegalArgumentException("statistics: expected d_sae " + sae.dSae() + ", got "
                    + statistics.dSae());
        }
        if (mask != null) {
            requireMask(mask, in);
        }
        return in;
    }

    /** The mask's rows (width 1), for reading with {@link #selected}. */
    public static TokenRows maskRows(Tensor mask) {
        return mask == null ? null : TokenRows.of(mask, mask.rank());
    }

    /** Whether token i is selected by a (validated) mask; every token when the mask is null. */
    public static boolean selected(TokenRows mask, long token) {
        if (mask == null) {
            return true;
        }
        Tensor m = mask.tensor();
        long off = mask.offset(token);
        if (m.dtype() == DType.I32) {
            return m.segment().getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, off) != 0;
        }
        float v = m.readFloat(off);
        return v != 0 || Float.isNaN(v);
    }

    /** Whether two tensors are the same view of the same memory (in-place steering). */
    public static boolean sameView(Tensor a, Tensor b) {
        return a.segment().address() == b.segment().address() && a.byteOffset() == b.byteOffset()
                && Arrays.equals(a.strides(), b.strides()) && Arrays.equals(a.shape(), b.shape())
                && a.segment().heapBase().equals(b.segment().heapBase()) && a.device().equals(b.device());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void requireSae(SparseAutoencoder sae) {
        if (sae == null) {
            throw new IllegalArgumentException("sae: expected a SparseAutoencoder, got null");
        }
        for (Tensor t : new Tensor[] {sae.wEnc(), sae.bEnc(), sae.threshold(), sae.wDec(), sae.bDec()}) {
            if (t != null) {
                t.checkAlive("sae");
            }
        }
    }

    private static Input input(SparseAutoencoder sae, Tensor x, String name) {
        requireSae(sae);
        if (x == null) {
            throw new IllegalArgumentException(name + ": expected a tensor, got null");
        }
        requireFloatRows(x, name, sae.dIn(), sae.device());
        return new Input(sae, TokenRows.of(x, x.rank() - 1));
    }

    private static void requireFloatRows(Tensor x, String name, long width, Device device) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(name + ": expected dtype F32, F16 or BF16, got " + x.dtype());
        }
        if (x.rank() != 2 && x.rank() != 3) {
            throw new IllegalArgumentException(name + ": expected rank 2 [T, " + width + "] or 3 [B, T, " + width
                    + "], got shape " + Arrays.toString(x.shape()));
        }
        if (x.dim(x.rank() - 1) != width) {
            String what = name.equals("features") ? "d_sae" : "d_in";
            throw new IllegalArgumentException(name + ": expected last dim " + width + " (the SAE's " + what
                    + "), got " + x.dim(x.rank() - 1));
        }
        if (!x.device().equals(device)) {
            throw new IllegalArgumentException(name + ": expected device " + device + " (that of the SAE), got "
                    + x.device());
        }
        x.checkAlive(name);
    }

    private static void requireRows(Tensor t, String name, Input in, long width, DType dtype, boolean output) {
        if (t == null) {
            throw new IllegalArgumentException(name + ": expected a tensor, got null");
        }
        Tensor x = in.x().tensor();
        long[] expected = Arrays.copyOf(x.shape(), x.rank());
        expected[expected.length - 1] = width;
        check(t, name, expected, dtype, x.device(), output);
    }

    private static void requireTokenShape(Tensor t, String name, Input in, DType dtype, boolean output) {
        Tensor x = in.x().tensor();
        check(t, name, Arrays.copyOf(x.shape(), x.rank() - 1), dtype, x.device(), output);
    }

    private static void requireMask(Tensor mask, Input in) {
        Tensor x = in.x().tensor();
        long[] expected = Arrays.copyOf(x.shape(), x.rank() - 1);
        if (!Arrays.equals(mask.shape(), expected)) {
            throw new IllegalArgumentException("mask: expected shape " + Arrays.toString(expected)
                    + " (the leading dims of x), got " + Arrays.toString(mask.shape()));
        }
        if (!mask.device().equals(x.device())) {
            throw new IllegalArgumentException("mask: expected device " + x.device() + " (that of x), got "
                    + mask.device());
        }
        mask.checkAlive("mask");
    }

    private static void check(Tensor t, String name, long[] shape, DType dtype, Device device, boolean output) {
        if (t.dtype() != dtype) {
            throw new IllegalArgumentException(name + ": expected dtype " + dtype + ", got " + t.dtype());
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(shape) + ", got "
                    + Arrays.toString(t.shape()));
        }
        if (!t.device().equals(device)) {
            throw new IllegalArgumentException(name + ": expected device " + device + " (that of x), got "
                    + t.device());
        }
        t.checkAlive(name);
        if (output) {
            t.checkWritable(name);
        }
    }

    private static void requireDisjointFromInputs(Tensor out, String name, SparseAutoencoder sae, Tensor x,
                                                  Tensor mask) {
        Tensor[] inputs = {x, mask, sae.wEnc(), sae.bEnc(), sae.threshold(), sae.wDec(), sae.bDec()};
        String[] names = {"x", "mask", "wEnc", "bEnc", "threshold", "wDec", "bDec"};
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null) {
                requireDisjoint(inputs[i], names[i], out, name);
            }
        }
    }

    private static void requireDisjoint(Tensor a, String aName, Tensor b, String bName) {
        if (a.overlaps(b)) {
            throw new IllegalArgumentException(bName + ": expected memory disjoint from " + aName
                    + ", got overlapping ranges");
        }
    }
}
