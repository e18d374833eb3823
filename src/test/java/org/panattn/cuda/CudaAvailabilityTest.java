package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.panattn.Backend;
import org.panattn.PanattnException;
import org.panattn.internal.NativeLibraries;

/**
 * What the CUDA backend says about itself: on a machine without a GPU (CI) no device and a reason naming the CUDA
 * error (or the missing library); on a GPU machine at least one device and no reason.
 */
class CudaAvailabilityTest {

    @Test
    void deviceCountAndReasonAgree() {
        int count = CudaBackend.deviceCount();
        String reason = CudaBackend.unavailableReason();
        assertTrue(count >= 0, "deviceCount " + count);
        if (count == 0) {
            assertNotNull(reason, "a machine without a usable device must say why");
        } else {
            assertNull(reason, "devices are usable, yet a reason was given");
        }
        assertEquals(reason, Backend.cudaUnavailableReason(), "the facade reports the backend's reason");
    }

    @Test
    void withoutDeviceTheReasonNamesTheCudaErrorOrTheMissingLibrary() {
        if (CudaBackend.deviceCount() > 0) {
            return; // a GPU machine: nothing unavailable to describe
        }
        String reason = CudaBackend.unavailableReason();
        if (NativeLibraries.panattnCuda().isEmpty()) {
            assertTrue(reason.contains(NativeLibraries.CUDA_LIBRARY), reason);
        } else {
            // no GPU: the driver is missing (cudaErrorInsufficientDriver, 35) or sees no device (cudaErrorNoDevice, 100)
            assertTrue(reason.startsWith("cudaGetDeviceCount: "), reason);
            assertTrue(reason.matches("cudaGetDeviceCount: (cudaError\\w+ \\(\\d+\\): .+|no CUDA device \\(count 0\\))"),
                    reason);
        }
    }

    @Test
    void openingAMissingDeviceThrowsTheReason() {
        if (CudaBackend.deviceCount() > 0) {
            int n = CudaBackend.deviceCount();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.cuda(n));
            assertTrue(e.getMessage().startsWith("ordinal: expected a CUDA device in [0, " + n + "), got " + n),
                    e.getMessage());
            return;
        }
        PanattnException e = assertThrows(PanattnException.class, () -> Backend.cuda(0));
        assertTrue(e.getMessage().contains(CudaBackend.unavailableReason()), e.getMessage());
        assertTrue(Backend.available().stream().noneMatch(b -> b.device().isCuda()), "no CUDA backend listed");
    }

    @Test
    void negativeOrdinalIsAnArgumentError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CudaBackend.open(-1));
        assertEquals("ordinal: expected >= 0, got -1", e.getMessage());
    }
}
