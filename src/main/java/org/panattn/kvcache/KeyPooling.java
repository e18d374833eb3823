package org.panattn.kvcache;

/**
 * Smoothing of each query head's window score along the key axis, before group aggregation: none, or SnapKV's
 * max pool of kernel 7 (padding 3, stride 1: same-size output, out_j = max of s_t over |t - j| <= 3 inside [0, L)).
 */
public enum KeyPooling {
    NONE(1), MAX7(7);

    private final int kernel;

    KeyPooling(int kernel) {
        this.kernel = kernel;
    }

    /** Keys each side of j that the pool reads. */
    public int radius() {
        return kernel / 2;
    }

    public String cliName() {
        return this == NONE ? "none" : "max7";
    }

    public static KeyPooling parse(String text, String argument) {
        for (KeyPooling p : values()) {
            if (p.cliName().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException(argument + ": expected none or max7, got " + text);
    }
}
