package org.panattn.kvcache;

import java.util.Locale;

/**
 * Per-key saliency over an observation window W of queries (Gu et al., OBCache), with z_ij = q_i.k_j.scale,
 * A_ij the masked softmax and o_i the window output:
 * <ul>
 *   <li>{@link #VALUE}: S^V_j = (sum_i A_ij^2) ||v_j||^2, the output change when v_j is zeroed;</li>
 *   <li>{@link #KEY}: S^K_j = sum_i A_ij^2 z_ij^2 ||v_j - o_i||^2, the first-order change when z_ij is zeroed;</li>
 *   <li>{@link #JOINT}: S^KV_j = S^V_j + S^K_j + 2 sum_i A_ij^2 z_ij (||v_j||^2 - o_i.v_j), both at once;</li>
 *   <li>{@link #ACCUMULATED}: S^acc_j = sum_i A_ij, the accumulated attention of H2O, TOVA and SnapKV.</li>
 * </ul>
 */
public enum SaliencyScore {
    VALUE, KEY, JOINT, ACCUMULATED;

    /** Whether the score reads the window outputs o_i (so a kernel must run the full attention first). */
    public boolean needsOutputs() {
        return this == KEY || this == JOINT;
    }

    /** "value", "key", "joint" or "accumulated" (the CLI's spelling). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the CLI's spelling; throws IllegalArgumentException naming {@code argument}. */
    public static SaliencyScore parse(String text, String argument) {
        for (SaliencyScore s : values()) {
            if (s.cliName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException(argument + ": expected value, key, joint or accumulated, got " + text);
    }
}
