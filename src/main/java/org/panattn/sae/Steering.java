package org.panattn.sae;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Edits of single SAE features applied to a residual stream, all evaluated on the unedited input (the SAE
 * "encode, edit f, decode with the error term kept" semantics, without a full encode):
 * x' = x + sum_e delta_e W_dec[j_e], with delta = c - f_j(x) for CLAMP (set f_j to c) and delta = a for ADD.
 * Each feature appears at most once.
 */
public record Steering(List<Edit> edits) {

    public enum Mode { CLAMP, ADD }

    /** One edit: feature j, its mode, and c (CLAMP) or a (ADD); the value must be finite. */
    public record Edit(int feature, Mode mode, float value) {
        public Edit {
            if (feature < 0) {
                throw new IllegalArgumentException("feature: expected >= 0, got " + feature);
            }
            if (mode == null) {
                throw new IllegalArgumentException("mode: expected CLAMP or ADD, got null");
            }
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("value: expected a finite number for " + mode + " of feature "
                        + feature + ", got " + value);
            }
        }
    }

    public Steering {
        if (edits == null || edits.isEmpty()) {
            throw new IllegalArgumentException("edits: expected at least one (feature, value) edit, got none");
        }
        edits = List.copyOf(edits);
        Set<Integer> seen = new HashSet<>();
        for (Edit e : edits) {
            if (!seen.add(e.feature())) {
                throw new IllegalArgumentException("edits: expected each feature at most once, got feature "
                        + e.feature() + " twice");
            }
        }
    }

    /** Set f_j to c on every selected token. */
    public static Steering clamp(int feature, float c) {
        return new Steering(List.of(new Edit(feature, Mode.CLAMP, c)));
    }

    /** Add a·W_dec[j] to every selected token. */
    public static Steering add(int feature, float a) {
        return new Steering(List.of(new Edit(feature, Mode.ADD, a)));
    }

    public static Steering of(Edit... edits) {
        return new Steering(edits == null ? null : List.of(edits));
    }

    /** Whether some edit needs f_j(x) (a CLAMP). */
    public boolean needsActivations() {
        for (Edit e : edits) {
            if (e.mode() == Mode.CLAMP) {
                return true;
            }
        }
        return false;
    }
}
