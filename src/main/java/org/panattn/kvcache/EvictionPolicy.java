package org.panattn.kvcache;

import java.util.Locale;

/**
 * The three eviction policies OBCache plugs its scores into; each takes any {@link SaliencyScore}.
 * <ul>
 *   <li>{@link #H2O}: the score summed over the window queries and, in a {@link KvCache}, over decode steps;</li>
 *   <li>{@link #TOVA}: the last query only (window 1), replaced at every step, no recent budget;</li>
 *   <li>{@link #SNAPKV}: the window score max-pooled along keys (kernel 7), not accumulated across steps.</li>
 * </ul>
 */
public enum EvictionPolicy {
    H2O, TOVA, SNAPKV;

    /** The policy's form of {@code base}: TOVA forces window 1, SnapKV max-pools over 7 keys. */
    public ScoreSpec scoreSpec(ScoreSpec base) {
        if (base == null) {
            throw new IllegalArgumentException("spec: expected a ScoreSpec, got null");
        }
        return switch (this) {
            case H2O -> base;
            case TOVA -> base.withWindow(1);
            case SNAPKV -> base.withPooling(KeyPooling.MAX7);
        };
    }

    /** Whether a decode step adds its score to the stored one (H2O) instead of replacing it. */
    public boolean accumulates() {
        return this == H2O;
    }

    /** Throws unless {@code spec} suits the policy: TOVA has no recent budget. */
    public EvictionSpec check(EvictionSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("eviction: expected an EvictionSpec, got null");
        }
        if (this == TOVA && spec.recent() != 0) {
            throw new IllegalArgumentException("recent: expected 0 with policy tova (TOVA keeps no recent window; "
                    + "its budget goes to the scored tokens), got " + spec.recent());
        }
        return spec;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EvictionPolicy parse(String text, String argument) {
        for (EvictionPolicy p : values()) {
            if (p.cliName().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException(argument + ": expected h2o, tova or snapkv, got " + text);
    }
}
