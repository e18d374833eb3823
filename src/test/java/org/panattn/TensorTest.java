package org.panattn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;

class TensorTest {

    @Test
    void ofFloatArrayIsZeroCopy() {
        float[] data = new float[6];
        Tensor t = Tensor.of(data, 2, 3);
        t.setFloat(5f, 1, 2);
        assertEquals(5f, data[5]);
        data[1] = 7f;
        assertEquals(7f, t.getFloat(0, 1));
        assertArrayEquals(new long[] {3, 1}, t.strides());
    }

    @Test
    void viewsShareMemoryAndComputeOffsets() {
        float[] data = new float[2 * 3 * 4 * 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        Tensor t = Tensor.of(data, 2, 3, 4, 5); // [B,N,H,D]
        Tensor bhnd = t.transpose(1, 2);        // [B,H,N,D] without a copy
        assertArrayEquals(new long[] {2, 4, 3, 5}, bhnd.shape());
        assertEquals(t.getFloat(1, 2, 3, 4), bhnd.getFloat(1, 3, 2, 4));
        Tensor s = bhnd.slice(2, 1, 3);
        assertEquals(bhnd.getFloat(0, 1, 2, 0), s.getFloat(0, 1, 1, 0));
        Tensor sel = bhnd.select(0, 1);
        assertEquals(3, sel.rank());
        assertEquals(bhnd.getFloat(1, 0, 0, 3), sel.getFloat(0, 0, 3));
        assertFalse(bhnd.isContiguous());
        assertTrue(t.isContiguous());
        float[] copy = bhnd.toFloatArray();
        assertEquals(bhnd.getFloat(0, 1, 0, 0), copy[15]);
    }

    @Test
    void lastDimensionMustStayContiguous() {
        Tensor t = Tensor.of(new float[6], 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.transpose(0, 1));
        assertTrue(e.getMessage().contains("last dimension"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Tensor.wrap(MemorySegment.ofArray(new float[6]), DType.F32, Device.CPU, new long[] {2, 3},
                        new long[] {1, 2}, 0));
        assertTrue(e2.getMessage().contains("strides[1]"), e2.getMessage());
    }

    @Test
    void wrapChecksSegmentBounds() {
        MemorySegment seg = MemorySegment.ofArray(new float[10]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.wrap(seg, DType.F32, 3, 4));
        assertTrue(e.getMessage().contains("expected at least 48 bytes, got 40"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.allocate(Arena.ofAuto(), DType.F32, 2, -1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[4], 2, 2).slice(0, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[4], 2, 2).select(1, 2));
    }

    @Test
    void byteBufferWrapNeedsNativeOrder() {
        ByteBuffer direct = ByteBuffer.allocateDirect(4 * 6).order(ByteOrder.nativeOrder());
        Tensor t = Tensor.wrap(direct, DType.F32, 2, 3);
        t.setFloat(3.5f, 1, 1);
        assertEquals(3.5f, direct.getFloat(4 * 4));
        ByteBuffer bigEndian = ByteBuffer.allocateDirect(24).order(ByteOrder.BIG_ENDIAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.wrap(bigEndian, DType.F32, 2, 3));
        assertTrue(e.getMessage().contains("native byte order"), e.getMessage());
    }

    @Test
    void closedArenaIsDetected() {
        Arena arena = Arena.ofConfined();
        Tensor t = Tensor.allocate(arena, DType.F32, 4);
        arena.close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.checkAlive("q"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void copyToConvertsDtypesAcrossStrides() {
        try (Arena arena = Arena.ofConfined()) {
            float[] src = {1f, -2.5f, 3.25f, 65504f, 1e-3f, -0f};
            Tensor a = Tensor.of(src, 2, 3);
            Tensor strided = Tensor.allocate(arena, DType.F16, 3, 2, 1).transpose(0, 1);
            assertThrows(IllegalArgumentException.class, () -> strided.reshape(6));
            Tensor half = Tensor.allocate(arena, DType.F16, 2, 3);
            a.copyTo(half);
            Tensor back = Tensor.allocate(arena, DType.F32, 2, 3);
            half.copyTo(back);
            float[] r = back.toFloatArray();
            for (int i = 0; i < src.length; i++) {
                assertEquals(Float.float16ToFloat(Float.floatToFloat16(src[i])), r[i], 0f, "index " + i);
            }
            assertThrows(IllegalArgumentException.class, () -> a.copyTo(Tensor.allocate(arena, DType.F32, 3, 2)));
            assertEquals(2, strided.dim(0));
        }
    }

    @Property(tries = 300)
    void bf16RoundTripIsRoundToNearestEven(@ForAll @FloatRange(min = -1e30f, max = 1e30f) float x) {
        short b = DType.floatToBf16(x);
        float y = DType.bf16ToFloat(b);
        // the nearest bf16 is within half an ulp of bf16 (2^-8 relative)
        assertTrue(Math.abs(y - x) <= Math.abs(x) * 0x1p-8f + Float.MIN_NORMAL, x + " -> " + y);
        assertEquals(b, DType.floatToBf16(y), "bf16 values are fixed points");
    }

    @Test
    void bf16KeepsNaNAndInfinity() {
        assertTrue(Float.isNaN(DType.bf16ToFloat(DType.floatToBf16(Float.NaN))));
        assertEquals(Float.POSITIVE_INFINITY, DType.bf16ToFloat(DType.floatToBf16(Float.POSITIVE_INFINITY)));
        assertEquals(1.0f, DType.bf16ToFloat(DType.floatToBf16(1.0f + 0x1p-9f)), "ties go to even");
    }

    @Test
    void overlapDetection() {
        float[] data = new float[16];
        Tensor a = Tensor.of(data, 16);
        assertTrue(a.slice(0, 0, 8).overlaps(a.slice(0, 7, 9)));
        assertFalse(a.slice(0, 0, 8).overlaps(a.slice(0, 8, 16)));
        assertFalse(a.overlaps(Tensor.of(new float[16], 16)));
    }

    @Test
    void devicesAndBackends() {
        assertEquals("cuda:1", Device.cuda(1).toString());
        assertThrows(IllegalArgumentException.class, () -> Device.cuda(-1));
        assertEquals("ref", Backend.reference().name());
        assertEquals(Device.CPU, Backend.forTensor(Tensor.of(new float[1], 1)).device());
        assertTrue(Backend.available().stream().anyMatch(b -> b.name().equals("ref")));
    }
}
