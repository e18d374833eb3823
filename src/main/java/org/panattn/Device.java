package org.panattn;

/** Where a tensor's memory lives: the host ({@link #CPU}) or one CUDA device. */
public record Device(Kind kind, int ordinal) {
    public enum Kind { CPU, CUDA }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        if (kind == null) {
            throw new IllegalArgumentException("kind: expected CPU or CUDA, got null");
        }
        if (ordinal < 0 || (kind == Kind.CPU && ordinal != 0)) {
            throw new IllegalArgumentException("ordinal: expected " + (kind == Kind.CPU ? "0 for CPU" : ">= 0")
                    + ", got " + ordinal);
        }
    }

    public static Device cuda(int ordinal) {
        return new Device(Kind.CUDA, ordinal);
    }

    public boolean isCpu() {
        return kind == Kind.CPU;
    }

    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    @Override
    public String toString() {
        return isCpu() ? "cpu" : "cuda:" + ordinal;
    }
}
