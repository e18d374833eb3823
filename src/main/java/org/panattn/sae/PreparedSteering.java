package org.panattn.sae;

import org.panattn.Tensor;

/**
 * A {@link Steering} bound to one SAE with its edit vectors copied out once, in fp32: for each edit the W_dec row
 * and (CLAMP) the W_enc column, b_enc_j and theta_j, plus b_dec when the SAE centres its input. A W_enc column is a
 * strided gather (one element per row of a [d_in, d_sae] matrix, typically one page apart), so a decode loop that
 * steers one token per call should prepare once and call {@link SaeOps#steer(PreparedSteering, Tensor, Tensor,
 * Tensor)}: each call then touches only x and the packed vectors. The vectors are a snapshot of the weights when
 * prepared. For an SAE in device memory nothing is copied and backends read the weights themselves.
 */
public final class PreparedSteering {
    private final SparseAutoencoder sae;
    private final Steering steering;
    private final float[] directions;
    private final float[] columns;
    private final float[] scalars;
    private final float[] center;

    private PreparedSteering(SparseAutoencoder sae, Steering steering, float[] directions, float[] columns,
                             float[] scalars, float[] center) {
        this.sae = sae;
        this.steering = steering;
        this.directions = directions;
        this.columns = columns;
        this.scalars = scalars;
        this.center = center;
    }

    /** Checks the edits against the SAE (feature range, CLAMP on TOPK) and copies the vectors of host SAEs. */
    public static PreparedSteering of(SparseAutoencoder sae, Steering steering) {
        if (sae == null) {
            throw new IllegalArgumentException("sae: expected a SparseAutoencoder, got null");
        }
        if (steering == null) {
            throw new IllegalArgumentException("steering: expected a Steering, got null");
        }
        SaeProblem.checkEdits(sae, steering);
        if (!sae.device().isCpu()) {
            return new PreparedSteering(sae, steering, null, null, null, null);
        }
        int dIn = (int) sae.dIn();
        int edits = steering.edits().size();
        float[] directions = new float[Math.multiplyExact(edits, dIn)];
        float[] columns = new float[steering.needsActivations() ? directions.length : 0];
        float[] scalars = new float[4 * edits];
        for (int e = 0; e < edits; e++) {
            Steering.Edit edit = steering.edits().get(e);
            int j = edit.feature();
            Tensor wDec = sae.wDec();
            long row = wDec.offset() + j * wDec.stride(0);
            for (int i = 0; i < dIn; i++) {
                directions[e * dIn + i] = wDec.readFloat(row + i);
            }
            scalars[4 * e + 2] = edit.value();
            if (edit.mode() == Steering.Mode.CLAMP) {
                scalars[4 * e + 3] = 1f;
                Tensor wEnc = sae.wEnc();
                for (int i = 0; i < dIn; i++) {
                    columns[e * dIn + i] = wEnc.readFloat(wEnc.offset() + i * wEnc.stride(0) + j);
                }
                scalars[4 * e] = sae.bEnc().readFloat(sae.bEnc().offset() + j * sae.bEnc().stride(0));
                scalars[4 * e + 1] = sae.threshold() == null ? 0f
                        : sae.threshold().readFloat(sae.threshold().offset() + j * sae.threshold().stride(0));
            }
        }
        float[] center = null;
        if (sae.centerInput()) {
            center = new float[dIn];
            for (int i = 0; i < dIn; i++) {
                center[i] = sae.bDec().readFloat(sae.bDec().offset() + i * sae.bDec().stride(0));
            }
        }
        return new PreparedSteering(sae, steering, directions, columns, scalars, center);
    }

    public SparseAutoencoder sae() {
        return sae;
    }

    public Steering steering() {
        return steering;
    }

    /** Whether the vectors were copied (a host SAE). */
    public boolean hasVectors() {
        return directions != null;
    }

    /**
     * Copies the packed vectors into caller buffers: directions [edits * d_in] (W_dec rows), columns
     * [edits * d_in] (W_enc columns of CLAMP edits, others 0), scalars [4 * edits] (b_enc_j, theta_j, value,
     * 1 for CLAMP), and, when the SAE centres its input, b_dec into center [d_in].
     */
    public void copyVectors(float[] directionsOut, float[] columnsOut, float[] scalarsOut, float[] centerOut) {
        if (!hasVectors()) {
            throw new IllegalStateException("no host vectors: the SAE lives on " + sae.device());
        }
        System.arraycopy(directions, 0, directionsOut, 0, directions.length);
        System.arraycopy(columns, 0, columnsOut, 0, columns.length);
        System.arraycopy(scalars, 0, scalarsOut, 0, scalars.length);
        if (center != null) {
            System.arraycopy(center, 0, centerOut, 0, center.length);
        }
    }
}
