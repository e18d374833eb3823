package org.panattn.dit;

import java.util.Locale;

/**
 * What one layer's self-attention does at one sampling step (DiTFastAttn's per step × layer choice).
 * ASC = attention sharing across CFG: only the conditional half of the batch is computed and copied into the
 * unconditional half.
 */
public enum AttentionMethod {
    /** Full attention (and, when a later step of this layer uses WA-RS, the residual cached in the same pass). */
    FULL("full"),
    /** Full attention on the conditional half of the CFG batch, shared with the other half. */
    ASC("asc"),
    /** Window attention plus the residual cached at this layer's last full step. */
    WA_RS("wa-rs"),
    /** WA-RS on the conditional half, shared with the other half. */
    WA_RS_ASC("wa-rs+asc"),
    /** Attention sharing across timesteps: this layer's output of its last computed step, no attention at all. */
    AST("ast");

    private final String jsonName;

    AttentionMethod(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in plan files and reports. */
    public String jsonName() {
        return jsonName;
    }

    /** The method named {@code name} in a plan file (case-insensitive). */
    public static AttentionMethod fromJsonName(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (AttentionMethod m : values()) {
                if (m.jsonName.equals(n)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("method: expected one of full, asc, wa-rs, wa-rs+asc, ast, got " + name);
    }

    /** Computes full attention (and can cache a residual for later WA-RS steps). */
    public boolean isFull() {
        return this == FULL || this == ASC;
    }

    /** Computes window attention and adds the cached residual. */
    public boolean isWindow() {
        return this == WA_RS || this == WA_RS_ASC;
    }

    /** Computes only the conditional half of a CFG batch. */
    public boolean sharesCfg() {
        return this == ASC || this == WA_RS_ASC;
    }

    /**
     * Attention cost relative to full attention over the whole batch (the paper's FLOP counter): full 1, window
     * {@code windowFraction}, ASC halves, AST 0, and a full step that also caches the residual 1 + window.
     */
    public double relativeCost(double windowFraction, boolean cachesResidual) {
        double c = switch (this) {
            case FULL, ASC -> cachesResidual ? 1 + windowFraction : 1;
            case WA_RS, WA_RS_ASC -> windowFraction;
            case AST -> 0;
        };
        return sharesCfg() ? c / 2 : c;
    }
}
