package org.panattn.ref;

import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import org.panattn.Tensor;
import org.panattn.sae.FeatureStatistics;
import org.panattn.sae.SaeOps;
import org.panattn.sae.SaeProblem;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.SparseFeatures;
import org.panattn.sae.Steering;
import org.panattn.sae.TokenRows;

/**
 * The SAE maths stated plainly, in double precision, one token at a time: the oracle of the SAE kernels.
 * A NaN pre-activation gives a NaN feature (never a silent 0); TOPK ranks NaN above every number.
 */
public final class ReferenceSae implements SaeOps {

    @Override
    public void encode(SparseAutoencoder sae, Tensor x, Tensor features) {
        SaeProblem.Input in = SaeProblem.encode(sae, x, features);
        TokenRows out = rows(features);
        for (long n = 0; n < in.tokens(); n++) {
            double[] f = features(sae, in.x(), n);
            long o = out.offset(n);
            for (int j = 0; j < f.length; j++) {
                features.writeFloat(o + j, (float) f[j]);
            }
        }
    }

    @Override
    public void encodeSparse(SparseAutoencoder sae, Tensor x, SparseFeatures out) {
        SaeProblem.Input in = SaeProblem.encodeSparse(sae, x, out);
        TokenRows idx = rows(out.indices());
        TokenRows val = rows(out.values());
        TokenRows cnt = TokenRows.of(out.activeCount(), out.activeCount().rank());
        int capacity = (int) Math.min(Integer.MAX_VALUE, out.indices().dim(out.indices().rank() - 1));
        for (long n = 0; n < in.tokens(); n++) {
            double[] f = features(sae, in.x(), n);
            Integer[] active = java.util.stream.IntStream.range(0, f.length).filter(j -> f[j] != 0).boxed()
                    .toArray(Integer[]::new);
            Arrays.sort(active, (a, b) -> {
                int c = Float.compare((float) f[b], (float) f[a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            out.activeCount().segment().setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, cnt.offset(n), active.length);
            long io = idx.offset(n);
            long vo = val.offset(n);
            for (int c = 0; c < capacity; c++) {
                boolean has = c < active.length;
                out.indices().segment().setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, io + c, has ? active[c] : -1);
                out.values().writeFloat(vo + c, has ? (float) f[active[c]] : 0f);
            }
        }
    }

    @Override
    public void decode(SparseAutoencoder sae, Tensor features, Tensor reconstruction) {
        SaeProblem.Input in = SaeProblem.decode(sae, features, reconstruction);
        TokenRows out = rows(reconstruction);
        int dIn = (int) sae.dIn();
        int dSae = (int) sae.dSae();
        for (long n = 0; n < in.tokens(); n++) {
            long fo = in.x().offset(n);
            double[] acc = new double[dIn];
            for (int i = 0; i < dIn; i++) {
                acc[i] = at(sae.bDec(), i);
            }
            for (int j = 0; j < dSae; j++) {
                double fj = features.readFloat(fo + j);
                if (fj != 0) {
                    for (int i = 0; i < dIn; i++) {
                        acc[i] += fj * at(sae.wDec(), j, i);
                    }
                }
            }
            long o = out.offset(n);
            for (int i = 0; i < dIn; i++) {
                reconstruction.writeFloat(o + i, (float) acc[i]);
            }
        }
    }

    @Override
    public void steer(SparseAutoencoder sae, Tensor x, Tensor mask, Steering steering, Tensor out) {
        SaeProblem.Input in = SaeProblem.steer(sae, x, mask, steering, out);
        TokenRows m = SaeProblem.maskRows(mask);
        TokenRows dst = rows(out);
        int dIn = (int) sae.dIn();
        for (long n = 0; n < in.tokens(); n++) {
            long xo = in.x().offset(n);
            double[] row = new double[dIn];
            for (int i = 0; i < dIn; i++) {
                row[i] = x.readFloat(xo + i);
            }
            double[] edited = row.clone();
            if (SaeProblem.selected(m, n)) {
                for (Steering.Edit e : steering.edits()) {
                    double delta = e.mode() == Steering.Mode.ADD ? e.value()
                            : e.value() - activation(sae, row, e.feature());
                    for (int i = 0; i < dIn; i++) {
                        edited[i] += delta * at(sae.wDec(), e.feature(), i);
                    }
                }
            }
            long o = dst.offset(n);
            for (int i = 0; i < dIn; i++) {
                out.writeFloat(o + i, (float) edited[i]);
            }
        }
    }

    @Override
    public void accumulate(SparseAutoencoder sae, Tensor x, Tensor mask, FeatureStatistics statistics) {
        SaeProblem.Input in = SaeProblem.accumulate(sae, x, mask, statistics);
        TokenRows m = SaeProblem.maskRows(mask);
        int dSae = (int) sae.dSae();
        double[] sums = new double[dSae];
        long[] active = new long[dSae];
        long count = 0;
        for (long n = 0; n < in.tokens(); n++) {
            if (!SaeProblem.selected(m, n)) {
                continue;
            }
            double[] f = features(sae, in.x(), n);
            for (int j = 0; j < dSae; j++) {
                // the sums see the fp32 features every backend produces
                sums[j] += (float) f[j];
                if (f[j] != 0) {
                    active[j]++;
                }
            }
            count++;
        }
        statistics.merge(sums, active, count);
    }

    // ------------------------------------------------------------------------------------------------ the maths

    /** f(x_n) for every feature. */
    static double[] features(SparseAutoencoder sae, TokenRows x, long token) {
        int dIn = (int) sae.dIn();
        double[] row = new double[dIn];
        long xo = x.offset(token);
        for (int i = 0; i < dIn; i++) {
            row[i] = x.tensor().readFloat(xo + i);
        }
        int dSae = (int) sae.dSae();
        double[] h = new double[dSae];
        for (int j = 0; j < dSae; j++) {
            h[j] = preActivation(sae, row, j);
        }
        if (sae.activation() != SparseAutoencoder.Activation.TOPK) {
            for (int j = 0; j < dSae; j++) {
                h[j] = activate(sae, h[j], j);
            }
            return h;
        }
        Integer[] order = new Integer[dSae];
        for (int j = 0; j < dSae; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare((float) h[b], (float) h[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double[] f = new double[dSae];
        for (int r = 0; r < sae.k(); r++) {
            int j = order[r];
            f[j] = Double.isNaN(h[j]) ? h[j] : Math.max(h[j], 0);
        }
        return f;
    }

    /** h_j = (x - c b_dec) . W_enc[:, j] + b_enc[j]. */
    static double preActivation(SparseAutoencoder sae, double[] row, int j) {
        double h = at(sae.bEnc(), j);
        for (int i = 0; i < row.length; i++) {
            double xi = sae.centerInput() ? row[i] - at(sae.bDec(), i) : row[i];
            h += xi * at(sae.wEnc(), i, j);
        }
        return h;
    }

    /** f_j of one token for a JUMP_RELU or RELU SAE. */
    static double activation(SparseAutoencoder sae, double[] row, int j) {
        return activate(sae, preActivation(sae, row, j), j);
    }

    private static double activate(SparseAutoencoder sae, double h, int j) {
        if (Double.isNaN(h)) {
            return h;
        }
        if (sae.activation() == SparseAutoencoder.Activation.JUMP_RELU) {
            return h > at(sae.threshold(), j) ? h : 0;
        }
        return Math.max(h, 0);
    }

    private static double at(Tensor t, long i) {
        return t.readFloat(t.offset() + i * t.stride(0));
    }

    private static double at(Tensor t, long i, long j) {
        return t.readFloat(t.offset() + i * t.stride(0) + j);
    }

    private static TokenRows rows(Tensor t) {
        return TokenRows.of(t, t.rank() - 1);
    }
}
