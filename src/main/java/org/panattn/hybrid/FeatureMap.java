package org.panattn.hybrid;

/**
 * The feature maps phi of the linear branch, applied to every query and key row x (length D) of a head. With
 * per-head weights W [H, D, P] the row is first projected, u = x W; without weights u = x (P = D).
 * <ul>
 *   <li>{@link #HEDGEHOG}: [softmax(u), softmax(-u)] (each softmax over the P features), F = 2P; needs weights
 *       (LoLCATs' learned Hedgehog map, W [H, D, F/2]).</li>
 *   <li>{@link #ELU1}: elu(u) + 1, F = P.</li>
 *   <li>{@link #RELU}: max(u, 0), F = P.</li>
 *   <li>{@link #EXP}: [exp(u - max(u)), exp(min(u) - u)], F = 2P (LoLCATs' "exp_dim").</li>
 * </ul>
 */
public enum FeatureMap {
    HEDGEHOG("hedgehog"),
    ELU1("elu1"),
    RELU("relu"),
    EXP("exp");

    private final String cliName;

    FeatureMap(String cliName) {
        this.cliName = cliName;
    }

    /** The spelling of the CLI's --feature-map. */
    public String cliName() {
        return cliName;
    }

    /** Whether the map doubles the projected width (a positive and a negative half). */
    public boolean doubles() {
        return this == HEDGEHOG || this == EXP;
    }

    /** Output width F of the map for a projected width P. */
    public int featureDim(int projected) {
        return doubles() ? 2 * projected : projected;
    }

    /** The map named {@code name} (its CLI spelling), or an IllegalArgumentException listing the choices. */
    public static FeatureMap parse(String name) {
        for (FeatureMap m : values()) {
            if (m.cliName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("feature map: expected hedgehog, elu1, relu or exp, got " + name);
    }
}
