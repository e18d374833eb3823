package org.panattn.cli;

import java.lang.foreign.Arena;

import org.panattn.Backend;
import org.panattn.Device;
import org.panattn.Tensor;

import picocli.CommandLine.Option;

/** --backend, --device, --threads, --verbose: shared by every kernel subcommand. */
final class BackendOptions {
    @Option(names = "--backend", paramLabel = "cpu|cuda|ref",
            description = "Kernels to run: cpu (Vector API), cuda, ref (double-precision oracle). "
                    + "Default: cpu, or cuda with --device cuda.")
    String backend;

    @Option(names = "--device", paramLabel = "cpu|cuda[:N]", description = "Device for the tensors (default cpu).")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: all cores).")
    Integer threads;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    Backend resolve() {
        if (threads != null && threads < 1) {
            throw new UsageException("--threads: expected >= 1, got " + threads);
        }
        int cudaOrdinal = 0;
        String dev = device == null ? "cpu" : device.trim().toLowerCase();
        boolean cudaDevice;
        if (dev.equals("cpu")) {
            cudaDevice = false;
        } else if (dev.equals("cuda") || dev.startsWith("cuda:")) {
            cudaDevice = true;
            if (dev.startsWith("cuda:")) {
                try {
                    cudaOrdinal = Integer.parseInt(dev.substring(5));
                } catch (NumberFormatException e) {
                    throw new UsageException("--device: expected cpu, cuda or cuda:N, got " + device);
                }
            }
        } else {
            throw new UsageException("--device: expected cpu, cuda or cuda:N, got " + device);
        }
        String b = backend == null ? (cudaDevice ? "cuda" : "cpu") : backend.trim().toLowerCase();
        return switch (b) {
            case "cpu" -> {
                if (cudaDevice) {
                    throw new UsageException("--backend cpu cannot run on --device " + device);
                }
                yield threads == null ? Backend.cpu() : Backend.cpu(threads);
            }
            case "ref" -> {
                if (cudaDevice) {
                    throw new UsageException("--backend ref cannot run on --device " + device);
                }
                yield Backend.reference();
            }
            case "cuda" -> {
                String reason = Backend.cudaUnavailableReason();
                if (reason != null) {
                    throw new UsageException("--backend cuda: no usable CUDA device: " + reason);
                }
                yield Backend.cuda(cudaOrdinal);
            }
            default -> throw new UsageException("--backend: expected cpu, cuda or ref, got " + backend);
        };
    }

    /** The tensor on the backend's device: itself for host backends, a device copy otherwise. */
    static Tensor onDevice(Backend backend, Arena arena, Tensor host) {
        if (backend.device().equals(host.device())) {
            return host;
        }
        Tensor dev = backend.allocate(arena, host.dtype(), host.shape());
        host.copyTo(dev);
        return dev;
    }

    /** A host copy of a device tensor (itself if already on the host). */
    static Tensor onHost(Arena arena, Tensor t) {
        if (t.device().equals(Device.CPU)) {
            return t;
        }
        Tensor host = Tensor.allocate(arena, t.dtype(), t.shape());
        t.copyTo(host);
        return host;
    }
}
