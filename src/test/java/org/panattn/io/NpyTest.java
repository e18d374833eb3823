package org.panattn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panattn.DType;
import org.panattn.Tensor;

class NpyTest {
    @TempDir
    Path dir;

    /** A .npy file as numpy writes it: magic, version, header length, dict padded to 64 bytes, data. */
    static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(order);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void roundTripStridedTensor() {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f - 3;
        }
        Tensor t = Tensor.of(data, 2, 3, 4).transpose(0, 1); // [3,2,4], not contiguous
        Path p = dir.resolve("t.npy");
        Npy.write(p, t);
        try (Arena arena = Arena.ofConfined()) {
            Tensor r = Npy.read(p, arena);
            assertArrayEquals(new long[] {3, 2, 4}, r.shape());
            assertEquals(DType.F32, r.dtype());
            assertArrayEquals(t.toFloatArray(), r.toFloatArray());
        }
        assertEquals(0, Npy.header(p).dataOffset() % 64, "data aligned to 64 bytes");
    }

    @Test
    void roundTripInt32AndScalarShapes() {
        Tensor t = Tensor.of(new int[] {1, -2, 3}, 3);
        Path p = dir.resolve("i.npy");
        Npy.write(p, t);
        try (Arena arena = Arena.ofConfined()) {
            Tensor r = Npy.read(p, arena);
            assertEquals(DType.I32, r.dtype());
            assertEquals(-2, r.getInt(1));
        }
        Npy.write(dir.resolve("e.npy"), Tensor.of(new float[0], 0, 5));
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(new long[] {0, 5}, Npy.read(dir.resolve("e.npy"), arena).shape());
        }
    }

    @Test
    void readsNumpyVariants() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Tensor le = Npy.read(file("le.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
                    floats(ByteOrder.LITTLE_ENDIAN, 1.5f, -2f))), arena);
            assertArrayEquals(new float[] {1.5f, -2f}, le.toFloatArray());
            Tensor be = Npy.read(file("be.npy", npy(2, "{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2), }",
                    floats(ByteOrder.BIG_ENDIAN, 3f, 4f))), arena);
            assertArrayEquals(new float[] {3f, 4f}, be.toFloatArray());
            ByteBuffer h = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            h.putShort(Float.floatToFloat16(0.5f)).putShort(Float.floatToFloat16(-8f));
            Tensor half = Npy.read(file("h.npy", npy(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }",
                    h.array())), arena);
            assertEquals(DType.F16, half.dtype());
            assertArrayEquals(new float[] {0.5f, -8f}, half.toFloatArray());
            ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.25);
            Tensor dbl = Npy.read(file("d.npy", npy(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }",
                    d.array())), arena);
            assertEquals(DType.F32, dbl.dtype());
            assertEquals(0.25f, dbl.getFloat(0));
        }
    }

    private void rejects(String name, byte[] bytes, String fragment) throws IOException {
        Path p = file(name, bytes);
        try (Arena arena = Arena.ofConfined()) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p, arena));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains(fragment),
                    "message '" + e.getMessage() + "' should name " + name + " and contain '" + fragment + "'");
        }
    }

    @Test
    void rejectsMalformedFiles() throws IOException {
        byte[] good = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
                floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4));
        rejects("empty.npy", new byte[0], "not a .npy file");
        rejects("magic.npy", "PK\3\4 this is a zip".getBytes(StandardCharsets.US_ASCII), "magic");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        rejects("trunc.npy", truncated, "truncated data");
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        extra.write(good);
        extra.write(new byte[4]);
        rejects("extra.npy", extra.toByteArray(), "trailing bytes");
        rejects("cut-header.npy", java.util.Arrays.copyOf(good, 40), "truncated header");
        rejects("fortran.npy", npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
                floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4)), "Fortran-order");
        rejects("complex.npy", npy(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]),
                "unsupported dtype '<c8'");
        rejects("object.npy", npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new byte[8]),
                "unsupported dtype");
        rejects("shape.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }", new byte[8]),
                "malformed shape");
        rejects("nodict.npy", npy(1, "garbage", new byte[0]), "malformed header");
        byte[] v9 = good.clone();
        v9[6] = 9;
        rejects("v9.npy", v9, "unsupported .npy version 9");
        NpyFormatException missing = assertThrows(NpyFormatException.class,
                () -> Npy.read(dir.resolve("absent.npy"), Arena.ofAuto()));
        assertTrue(missing.getMessage().contains("no such file"));
    }
}
