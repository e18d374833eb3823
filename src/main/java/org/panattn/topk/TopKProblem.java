package org.panattn.topk;

import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;

/** A validated top-k call: the dense checks of q, k, v, out plus every per-row output, before any kernel runs. */
public record TopKProblem(DenseProblem dense, Tensor valueNorms, TopKOutputs outputs, TopKSpec spec,
                          long indexCapacity) {

    public static TopKProblem of(Tensor q, Tensor k, Tensor v, Tensor valueNorms, TopKOutputs outputs,
                                 TopKSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec: expected a TopKSpec, got null");
        }
        if (outputs == null || outputs.out() == null) {
            throw new IllegalArgumentException("out: expected a tensor, got null");
        }
        DenseSpec asDense = new DenseSpec(spec.scale(), spec.causal(), DenseSpec.UNBOUNDED, DenseSpec.UNBOUNDED);
        DenseProblem d = DenseProblem.of(q, k, v, outputs.out(), null, asDense);
        Tensor[] inputs = valueNorms == null ? new Tensor[] {q, k, v, outputs.out()}
                : new Tensor[] {q, k, v, outputs.out(), valueNorms};
        String[] inputNames = {"q", "k", "v", "out", "valueNorms"};
        long[] rowShape = {d.batch(), d.headsQ(), d.nq()};
        checkRowOutput(outputs.keptCount(), "keptCount", DType.I32, rowShape, q.device(), inputs, inputNames);
        checkRowOutput(outputs.tail(), "tail", DType.F32, rowShape, q.device(), inputs, inputNames);
        checkRowOutput(outputs.certificate(), "certificate", DType.F32, rowShape, q.device(), inputs, inputNames);
        checkRowOutput(outputs.exactError(), "exactError", DType.F32, rowShape, q.device(), inputs, inputNames);
        if (valueNorms != null) {
            long[] normShape = {d.batch(), d.headsKv(), d.nk()};
            if (valueNorms.dtype() != DType.F32) {
                throw new IllegalArgumentException("valueNorms: expected dtype F32, got " + valueNorms.dtype());
            }
            if (!Arrays.equals(valueNorms.shape(), normShape)) {
                throw new IllegalArgumentException("valueNorms: expected shape " + Arrays.toString(normShape)
                        + " [B,Hkv,Nk], got " + Arrays.toString(valueNorms.shape()));
            }
            if (!valueNorms.device().equals(q.device())) {
                throw new IllegalArgumentException("valueNorms: expected device " + q.device() + " (that of q), got "
                        + valueNorms.device());
            }
            valueNorms.checkAlive("valueNorms");
        }
        long capacity = 0;
        Tensor idx = outputs.indices();
        if (idx != null) {
            if (idx.rank() != 4) {
                throw new IllegalArgumentException("indices: expected rank 4 [B,Hq,Nq,C], got shape "
                        + Arrays.toString(idx.shape()));
            }
            capacity = idx.dim(3);
            long[] expected = {d.batch(), d.headsQ(), d.nq(), capacity};
            checkRowOutput(idx, "indices", DType.I32, expected, q.device(), inputs, inputNames);
            long needed = spec.isFixedK() ? Math.min(spec.kFixed(), d.nk()) : 1;
            if (capacity < needed && d.nq() > 0 && d.nk() > 0) {
                throw new IllegalArgumentException("indices: buffer too small: expected last dim >= " + needed
                        + " (min(k, Nk)), got " + capacity);
            }
        }
        Tensor[] outs = {outputs.keptCount(), outputs.tail(), outputs.certificate(), outputs.exactError(), idx};
        String[] outNames = {"keptCount", "tail", "certificate", "exactError", "indices"};
        for (int a = 0; a < outs.length; a++) {
            for (int b = a + 1; b < outs.length; b++) {
                if (outs[a] != null && outs[b] != null && outs[a].overlaps(outs[b])) {
                    throw new IllegalArgumentException(outNames[b] + ": expected memory disjoint from " + outNames[a]
                            + ", got overlapping ranges");
                }
            }
        }
        return new TopKProblem(d, valueNorms, outputs, spec, capacity);
    }

    public TopKProblem requireDevice(Device device, String backend) {
        dense.requireDevice(device, backend);
        return this;
    }

    /** Keys row {@code i} may see: [0, visibleKeys(i)). */
    public long visibleKeys(long i) {
        return spec.endKey(i, dense.nq(), dense.nk());
    }

    private static void checkRowOutput(Tensor t, String name, DType dtype, long[] shape, Device device,
                                       Tensor[] inputs, String[] inputNames) {
        if (t == null) {
            return;
        }
        if (t.dtype() != dtype) {
            throw new IllegalArgumentException(name + ": expected dtype " + dtype + ", got " + t.dtype());
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(shape) + ", got "
                    + Arrays.toString(t.shape()));
        }
        if (!t.device().equals(device)) {
            throw new IllegalArgumentException(name + ": expected device " + device + " (that of q), got "
                    + t.device());
        }
        t.checkAlive(name);
        t.checkWritable(name);
        for (int i = 0; i < inputs.length; i++) {
            if (t.overlaps(inputs[i])) {
                throw new IllegalArgumentException(name + ": expected memory disjoint from " + inputNames[i]
                        + ", got overlapping ranges");
            }
        }
    }
}
