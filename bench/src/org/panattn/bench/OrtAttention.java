package org.panattn.bench;

import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * One ORT session over an attention graph with inputs q, k, v and output out, all bound once to caller memory:
 * the inputs are direct buffers ORT reads in place and the output is a pinned tensor ORT writes into, so a
 * {@link #run()} copies no tensor and measures only ORT's compute (plus its per-call JNI bookkeeping).
 */
final class OrtAttention implements AutoCloseable {
    private final OrtSession session;
    private final OnnxTensor q;
    private final OnnxTensor k;
    private final OnnxTensor v;
    private final OnnxTensor out;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> pinnedOutputs;

    OrtAttention(Path model, int threads, BenchData q, BenchData k, BenchData v, BenchData out) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model.toString(), options);
        }
        this.q = OnnxTensor.createTensor(env, q.floatBuffer(), q.shape());
        this.k = OnnxTensor.createTensor(env, k.floatBuffer(), k.shape());
        this.v = OnnxTensor.createTensor(env, v.floatBuffer(), v.shape());
        this.out = OnnxTensor.createTensor(env, out.floatBuffer(), out.shape());
        inputs = Map.of("q", this.q, "k", this.k, "v", this.v);
        pinnedOutputs = Map.of("out", this.out);
    }

    /** Runs the graph once; the result lands in the {@code out} buffer given to the constructor. */
    void run() throws OrtException {
        try (OrtSession.Result result = session.run(inputs, pinnedOutputs)) {
            if (result.isResultOwner(0)) {
                throw new IllegalStateException("ORT allocated its own output instead of writing the pinned one");
            }
        }
    }

    @Override
    public void close() throws OrtException {
        out.close();
        v.close();
        k.close();
        q.close();
        session.close();
    }
}
