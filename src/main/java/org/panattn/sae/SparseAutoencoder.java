package org.panattn.sae;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.io.Npz;
import org.panattn.io.SafeTensors;

/**
 * A sparse autoencoder over a residual stream of width d_in (Gemma Scope / SAELens form):
 * h = (x - c·b_dec) W_enc + b_enc, f = act(h), x_hat = f W_dec + b_dec, with c = 1 only when {@code centerInput}.
 * Activations: JUMP_RELU f_j = h_j if h_j &gt; theta_j else 0; RELU f_j = max(h_j, 0); TOPK keeps the k largest
 * h_j of a token (ties to the lower index) and applies ReLU to them, every other f_j is 0.
 *
 * @param wEnc        [d_in, d_sae] F32/F16/BF16
 * @param bEnc        [d_sae]
 * @param threshold   [d_sae] (JUMP_RELU only; null otherwise)
 * @param wDec        [d_sae, d_in]
 * @param bDec        [d_in]
 * @param activation  JUMP_RELU, RELU or TOPK
 * @param k           features kept per token for TOPK (1..d_sae), 0 otherwise
 * @param centerInput subtract b_dec from x before encoding (SAELens apply_b_dec_to_input; false for Gemma Scope)
 */
public record SparseAutoencoder(Tensor wEnc, Tensor bEnc, Tensor threshold, Tensor wDec, Tensor bDec,
                                Activation activation, int k, boolean centerInput) {

    public enum Activation { JUMP_RELU, RELU, TOPK }

    public SparseAutoencoder {
        requireTensor(wEnc, "wEnc", 2);
        long dIn = wEnc.dim(0);
        long dSae = wEnc.dim(1);
        if (dIn < 1 || dSae < 1) {
            throw new IllegalArgumentException("wEnc: expected shape [d_in >= 1, d_sae >= 1], got "
                    + Arrays.toString(wEnc.shape()));
        }
        if (dIn > Integer.MAX_VALUE - 64 || dSae > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("wEnc: expected d_in and d_sae below 2^31 - 64, got "
                    + Arrays.toString(wEnc.shape()));
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation: expected JUMP_RELU, RELU or TOPK, got null");
        }
        requireShape(bEnc, "bEnc", dSae);
        requireShape(wDec, "wDec", dSae, dIn);
        requireShape(bDec, "bDec", dIn);
        if (activation == Activation.JUMP_RELU) {
            requireShape(threshold, "threshold", dSae);
        } else if (threshold != null) {
            throw new IllegalArgumentException("threshold: expected null for activation " + activation
                    + " (thresholds belong to JUMP_RELU), got " + threshold.describe());
        }
        if (activation == Activation.TOPK) {
            if (k < 1 || k > dSae) {
                throw new IllegalArgumentException("k: expected in [1, " + dSae + "] (d_sae) for TOPK, got " + k);
            }
        } else if (k != 0) {
            throw new IllegalArgumentException("k: expected 0 for activation " + activation + ", got " + k);
        }
        Device device = wEnc.device();
        Tensor[] all = {bEnc, threshold, wDec, bDec};
        String[] names = {"bEnc", "threshold", "wDec", "bDec"};
        for (int i = 0; i < all.length; i++) {
            if (all[i] != null && !all[i].device().equals(device)) {
                throw new IllegalArgumentException(names[i] + ": expected device " + device + " (that of wEnc), got "
                        + all[i].device());
            }
        }
    }

    /** A JumpReLU SAE (Gemma Scope): f_j = h_j where h_j &gt; threshold_j, else 0. */
    public static SparseAutoencoder jumpRelu(Tensor wEnc, Tensor bEnc, Tensor threshold, Tensor wDec, Tensor bDec) {
        return new SparseAutoencoder(wEnc, bEnc, threshold, wDec, bDec, Activation.JUMP_RELU, 0, false);
    }

    /** A ReLU SAE: f = max(h, 0). */
    public static SparseAutoencoder relu(Tensor wEnc, Tensor bEnc, Tensor wDec, Tensor bDec) {
        return new SparseAutoencoder(wEnc, bEnc, null, wDec, bDec, Activation.RELU, 0, false);
    }

    /** A TopK SAE: per token the k largest pre-activations, through ReLU. */
    public static SparseAutoencoder topK(Tensor wEnc, Tensor bEnc, Tensor wDec, Tensor bDec, int k) {
        return new SparseAutoencoder(wEnc, bEnc, null, wDec, bDec, Activation.TOPK, k, false);
    }

    public SparseAutoencoder withInputCentering(boolean center) {
        return new SparseAutoencoder(wEnc, bEnc, threshold, wDec, bDec, activation, k, center);
    }

    public long dIn() {
        return wEnc.dim(0);
    }

    public long dSae() {
        return wEnc.dim(1);
    }

    public Device device() {
        return wEnc.device();
    }

    /**
     * Loads SAE weights named W_enc, b_enc, threshold (optional: present = JumpReLU, absent = ReLU), W_dec, b_dec
     * from a .safetensors file (SAELens) or a .npz file (Gemma Scope params.npz), memory-mapped where the file
     * allows; the tensors live as long as {@code arena}.
     */
    public static SparseAutoencoder load(Path file, Arena arena) {
        if (file == null) {
            throw new IllegalArgumentException("file: expected a path, got null");
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Map<String, Tensor> tensors;
        if (name.endsWith(".npz")) {
            tensors = Npz.read(file, arena);
        } else if (name.endsWith(".safetensors")) {
            tensors = SafeTensors.read(file, arena);
        } else {
            throw new IllegalArgumentException("file: expected a .safetensors or .npz file, got " + file);
        }
        return fromTensors(tensors, file.toString());
    }

    /** Builds an SAE from tensors named as SAELens and Gemma Scope name them; {@code source} names them in errors. */
    public static SparseAutoencoder fromTensors(Map<String, Tensor> tensors, String source) {
        Tensor wEnc = required(tensors, "W_enc", source);
        Tensor bEnc = required(tensors, "b_enc", source);
        Tensor wDec = required(tensors, "W_dec", source);
        Tensor bDec = required(tensors, "b_dec", source);
        Tensor threshold = tensors.get("threshold");
        try {
            return threshold == null ? relu(wEnc, bEnc, wDec, bDec) : jumpRelu(wEnc, bEnc, threshold, wDec, bDec);
        } catch (IllegalArgumentException e) {
            // name the tensor as the file names it
            String message = e.getMessage();
            String[][] names = {{"wEnc", "W_enc"}, {"bEnc", "b_enc"}, {"wDec", "W_dec"}, {"bDec", "b_dec"}};
            for (String[] n : names) {
                if (message.startsWith(n[0] + ":")) {
                    message = n[1] + " (" + n[0] + ")" + message.substring(n[0].length());
                }
            }
            throw new IllegalArgumentException(source + ": " + message, e);
        }
    }

    private static Tensor required(Map<String, Tensor> tensors, String key, String source) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException(source + ": expected a tensor named " + key + ", got only "
                    + tensors.keySet());
        }
        return t;
    }

    private static void requireTensor(Tensor t, String name, int rank) {
        if (t == null) {
            throw new IllegalArgumentException(name + ": expected a tensor, got null");
        }
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException(name + ": expected dtype F32, F16 or BF16, got " + t.dtype());
        }
        if (t.rank() != rank) {
            throw new IllegalArgumentException(name + ": expected rank " + rank + ", got shape "
                    + Arrays.toString(t.shape()));
        }
    }

    private static void requireShape(Tensor t, String name, long... shape) {
        requireTensor(t, name, shape.length);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(shape) + ", got "
                    + Arrays.toString(t.shape()));
        }
    }
}
