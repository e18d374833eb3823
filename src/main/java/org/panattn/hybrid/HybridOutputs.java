package org.panattn.hybrid;

import org.panattn.Tensor;

/**
 * Where a hybrid call writes: {@code out} [B, Hq, T, Dv] F32 and, optionally (null = not computed),
 * {@code diagnostics} [B, Hq, 4] F32, the component diagnostics of each (batch, head) over the call's rows:
 * <ol start="0">
 *   <li>the mean share of the normaliser from the softmax branch, g sum e^{s - m} / den;</li>
 *   <li>the mean share of the normaliser from the linear branch, l sum phi.phi / den;</li>
 *   <li>the mean share of the output norm from the softmax branch, |y_win| / (|y_win| + |y_lin|);</li>
 *   <li>the mean share of the output norm from the linear branch, |y_lin| / (|y_win| + |y_lin|);</li>
 * </ol>
 * where y = y_win + y_lin splits the output by branch. Rows with a zero normaliser (resp. a zero output) are left
 * out of the denominator (resp. output) means; where no row counts, both shares are 0 (mode zero). Each pair sums
 * to 1 otherwise. In sinks-only mode the sink softmax counts as the softmax branch. A linear share near 0 in mode
 * hybrid is the paper's finding: the layer bypasses its linear branch.
 */
public record HybridOutputs(Tensor out, Tensor diagnostics) {

    public static final int WINDOW_DENOMINATOR_SHARE = 0;
    public static final int LINEAR_DENOMINATOR_SHARE = 1;
    public static final int WINDOW_OUTPUT_SHARE = 2;
    public static final int LINEAR_OUTPUT_SHARE = 3;
    /** Entries per (batch, head) of {@code diagnostics}. */
    public static final int DIAGNOSTICS = 4;

    public static HybridOutputs of(Tensor out) {
        return new HybridOutputs(out, null);
    }

    public HybridOutputs withDiagnostics(Tensor t) {
        return new HybridOutputs(out, t);
    }
}
