package org.panattn.hybrid;

/**
 * What a hybrid call computes: the full layer or one of the component diagnostics of Benfeghoul et al.
 * <ul>
 *   <li>{@link #HYBRID}: the window softmax and the linear branch under their shared normaliser.</li>
 *   <li>{@link #WINDOW_ONLY}: the linear terms dropped: a plain softmax over the window W(i).</li>
 *   <li>{@link #LINEAR_ONLY}: the window terms dropped: normalised linear attention over every key j &lt;= i.</li>
 *   <li>{@link #SINKS_ONLY}: a softmax over the first {@code sinks} tokens only (those j &lt;= i).</li>
 *   <li>{@link #ZERO}: no attention at all: the output is 0.</li>
 * </ul>
 * A row whose normaliser is exactly 0 (nothing to attend to) gets the output 0.
 */
public enum HybridMode {
    HYBRID("hybrid"),
    WINDOW_ONLY("window-only"),
    LINEAR_ONLY("linear-only"),
    SINKS_ONLY("sinks-only"),
    ZERO("zero");

    private final String cliName;

    HybridMode(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether the softmax window branch contributes. */
    public boolean usesWindow() {
        return this == HYBRID || this == WINDOW_ONLY;
    }

    /** Whether the linear branch contributes. */
    public boolean usesLinear() {
        return this == HYBRID || this == LINEAR_ONLY;
    }

    public static HybridMode parse(String name) {
        for (HybridMode m : values()) {
            if (m.cliName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode: expected hybrid, window-only, linear-only, sinks-only or zero, got "
                + name);
    }
}
