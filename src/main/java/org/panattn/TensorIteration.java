package org.panattn;

/** Row-major walks over strided tensors (no allocation per element). */
final class TensorIteration {
    private TensorIteration() {
    }

    @FunctionalInterface
    interface OffsetConsumer {
        void accept(long elementOffset);
    }

    @FunctionalInterface
    interface PairConsumer {
        void accept(long srcOffset, long dstOffset);
    }

    static void forEach(Tensor t, OffsetConsumer consumer) {
        forEachPair(t, t, (a, b) -> consumer.accept(a));
    }

    static void forEachPair(Tensor a, Tensor b, PairConsumer consumer) {
        long[] shape = a.shape();
        if (a.numel() == 0) {
            return;
        }
        int rank = shape.length;
        if (rank == 0) {
            consumer.accept(a.offset(), b.offset());
            return;
        }
        long[] sa = a.strides();
        long[] sb = b.strides();
        long[] idx = new long[rank];
        long offA = a.offset();
        long offB = b.offset();
        long inner = shape[rank - 1];
        while (true) {
            for (long i = 0; i < inner; i++) {
                consumer.accept(offA + i * sa[rank - 1], offB + i * sb[rank - 1]);
            }
            int d = rank - 2;
            while (d >= 0) {
                idx[d]++;
                offA += sa[d];
                offB += sb[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                offA -= sa[d] * shape[d];
                offB -= sb[d] * shape[d];
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }
}
