package org.panattn.dit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A DiTFastAttn compression plan: one {@link AttentionMethod} per sampling step × layer, and the window its
 * WA-RS steps use. Step 0 of every layer computes full attention (there is nothing to reuse yet). Immutable;
 * saved and loaded as a small JSON document:
 * <pre>
 * {"format": "panattn-dit-plan", "version": 1, "window": 32, "steps": 3, "layers": 2,
 *  "methods": [["full", "full"], ["ast", "wa-rs"], ["wa-rs+asc", "asc"]]}
 * </pre>
 */
public final class CompressionPlan {
    public static final String FORMAT = "panattn-dit-plan";
    public static final int VERSION = 1;

    private final int window;
    private final AttentionMethod[][] methods;

    /** @param methods [step][layer]; copied */
    public CompressionPlan(int window, AttentionMethod[][] methods) {
        if (window < 0) {
            throw new IllegalArgumentException("window: expected >= 0, got " + window);
        }
        if (methods == null || methods.length == 0) {
            throw new IllegalArgumentException("methods: expected at least one step, got "
                    + (methods == null ? "null" : "none"));
        }
        int layers = methods[0] == null ? 0 : methods[0].length;
        if (layers == 0) {
            throw new IllegalArgumentException("methods[0]: expected at least one layer, got none");
        }
        this.window = window;
        this.methods = new AttentionMethod[methods.length][];
        for (int s = 0; s < methods.length; s++) {
            if (methods[s] == null || methods[s].length != layers) {
                throw new IllegalArgumentException("methods[" + s + "]: expected " + layers + " layers, got "
                        + (methods[s] == null ? "null" : methods[s].length));
            }
            for (int l = 0; l < layers; l++) {
                if (methods[s][l] == null) {
                    throw new IllegalArgumentException("methods[" + s + "][" + l + "]: expected a method, got null");
                }
            }
            this.methods[s] = methods[s].clone();
        }
        for (int l = 0; l < layers; l++) {
            if (!methods[0][l].isFull()) {
                throw new IllegalArgumentException("methods[0][" + l + "]: expected full or asc (step 0 has nothing "
                        + "cached to reuse), got " + methods[0][l].jsonName());
            }
        }
    }

    /** Full attention everywhere: the uncompressed baseline. */
    public static CompressionPlan full(int steps, int layers, int window) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps: expected >= 1, got " + steps);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers: expected >= 1, got " + layers);
        }
        AttentionMethod[][] m = new AttentionMethod[steps][layers];
        for (AttentionMethod[] row : m) {
            Arrays.fill(row, AttentionMethod.FULL);
        }
        return new CompressionPlan(window, m);
    }

    public int window() {
        return window;
    }

    public int steps() {
        return methods.length;
    }

    public int layers() {
        return methods[0].length;
    }

    public AttentionMethod method(int step, int layer) {
        if (step < 0 || step >= methods.length) {
            throw new IllegalArgumentException("step: expected in [0, " + methods.length + "), got " + step);
        }
        if (layer < 0 || layer >= methods[0].length) {
            throw new IllegalArgumentException("layer: expected in [0, " + methods[0].length + "), got " + layer);
        }
        return methods[step][layer];
    }

    /** The methods of one step, a copy. */
    public AttentionMethod[] stepMethods(int step) {
        method(step, 0);
        return methods[step].clone();
    }

    /** This plan with one entry changed. */
    public CompressionPlan with(int step, int layer, AttentionMethod method) {
        method(step, layer);
        AttentionMethod[][] m = new AttentionMethod[methods.length][];
        for (int s = 0; s < m.length; s++) {
            m[s] = methods[s].clone();
        }
        m[step][layer] = method;
        return new CompressionPlan(window, m);
    }

    /**
     * Whether the full step (step, layer) must cache the residual: some later step of the layer uses WA-RS before
     * the layer's next full step.
     */
    public boolean needsResidual(int step, int layer) {
        if (!method(step, layer).isFull()) {
            return false;
        }
        for (int s = step + 1; s < methods.length; s++) {
            AttentionMethod m = methods[s][layer];
            if (m.isWindow()) {
                return true;
            }
            if (m.isFull()) {
                return false;
            }
        }
        return false;
    }

    /** Throws unless the plan is for a model of {@code steps} steps and {@code layers} layers. */
    public CompressionPlan requireShape(int steps, int layers) {
        if (layers() != layers) {
            throw new IllegalArgumentException("plan: expected " + layers + " layers, got " + layers());
        }
        if (steps() != steps) {
            throw new IllegalArgumentException("plan: expected " + steps + " steps, got " + steps());
        }
        return this;
    }

    /**
     * Attention FLOPs of this plan relative to full attention at every step and layer, for N = {@code tokens}
     * (the paper's counter: window (2w+1)/N, ASC halves, AST 0, a full step caching the residual 1 + window).
     */
    public double relativeCost(long tokens) {
        double wf = DitFlops.windowFraction(window, tokens);
        double sum = 0;
        for (int s = 0; s < methods.length; s++) {
            for (int l = 0; l < methods[s].length; l++) {
                sum += methods[s][l].relativeCost(wf, needsResidual(s, l));
            }
        }
        return sum / ((double) methods.length * methods[0].length);
    }

    /** How many (step, layer) entries use each method. */
    public Map<AttentionMethod, Integer> counts() {
        Map<AttentionMethod, Integer> counts = new EnumMap<>(AttentionMethod.class);
        for (AttentionMethod m : AttentionMethod.values()) {
            counts.put(m, 0);
        }
        for (AttentionMethod[] row : methods) {
            for (AttentionMethod m : row) {
                counts.merge(m, 1, Integer::sum);
            }
        }
        return counts;
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"version\": ").append(VERSION)
                .append(",\n  \"window\": ").append(window).append(",\n  \"steps\": ").append(steps())
                .append(",\n  \"layers\": ").append(layers()).append(",\n  \"methods\": [\n");
        for (int s = 0; s < methods.length; s++) {
            sb.append("    [");
            for (int l = 0; l < methods[s].length; l++) {
                sb.append(l == 0 ? "" : ", ").append('"').append(methods[s][l].jsonName()).append('"');
            }
            sb.append(s + 1 < methods.length ? "],\n" : "]\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    /** Parses {@link #toJson()}'s format; every inconsistency is an IllegalArgumentException naming the field. */
    public static CompressionPlan fromJson(String json) {
        if (!(PlanJson.parse(json) instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("plan JSON: expected an object at the top level");
        }
        Object format = root.get("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format: expected \"" + FORMAT + "\", got " + format);
        }
        int version = integer(root, "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("version: expected " + VERSION + ", got " + version);
        }
        int window = integer(root, "window");
        int steps = integer(root, "steps");
        int layers = integer(root, "layers");
        if (!(root.get("methods") instanceof List<?> rows)) {
            throw new IllegalArgumentException("methods: expected an array of steps, got " + root.get("methods"));
        }
        if (rows.size() != steps) {
            throw new IllegalArgumentException("methods: expected " + steps + " steps (\"steps\"), got " + rows.size());
        }
        AttentionMethod[][] m = new AttentionMethod[steps][layers];
        for (int s = 0; s < steps; s++) {
            if (!(rows.get(s) instanceof List<?> row) || row.size() != layers) {
                throw new IllegalArgumentException("methods[" + s + "]: expected an array of " + layers
                        + " method names, got " + rows.get(s));
            }
            for (int l = 0; l < layers; l++) {
                if (!(row.get(l) instanceof String name)) {
                    throw new IllegalArgumentException("methods[" + s + "][" + l + "]: expected a method name, got "
                            + row.get(l));
                }
                m[s][l] = AttentionMethod.fromJsonName(name);
            }
        }
        return new CompressionPlan(window, m);
    }

    public void save(Path file) {
        try {
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    public static CompressionPlan load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return fromJson(text);
    }

    private static int integer(Map<?, ?> root, String name) {
        Object v = root.get(name);
        if (!(v instanceof Double d) || d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": expected a non-negative integer, got " + v);
        }
        return d.intValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompressionPlan p && p.window == window && Arrays.deepEquals(p.methods, methods);
    }

    @Override
    public int hashCode() {
        return 31 * window + Arrays.deepHashCode(methods);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CompressionPlan(window " + window + ", " + steps() + " steps x "
                + layers() + " layers)");
        for (AttentionMethod[] row : methods) {
            sb.append("\n ");
            for (AttentionMethod m : row) {
                sb.append(' ').append(m.jsonName());
            }
        }
        return sb.toString();
    }
}
