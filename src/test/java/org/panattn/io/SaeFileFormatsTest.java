package org.panattn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.sae.SparseAutoencoder;

/** safetensors and .npz: round trips through files the tests write, a real NumPy archive, and malformed files. */
class SaeFileFormatsTest {
    @TempDir
    Path dir;

    private static Tensor random(Arena arena, DType dtype, long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.allocate(arena, dtype, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) r.nextGaussian());
        }
        return t;
    }

    private static Map<String, Tensor> saeTensors(Arena arena, DType dtype, int dIn, int dSae) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W_enc", random(arena, dtype, 1, dIn, dSae));
        m.put("b_enc", random(arena, dtype, 2, dSae));
        m.put("threshold", random(arena, dtype, 3, dSae));
        m.put("W_dec", random(arena, dtype, 4, dSae, dIn));
        m.put("b_dec", random(arena, dtype, 5, dIn));
        return m;
    }

    private static void assertSame(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (var e : expected.entrySet()) {
            Tensor a = actual.get(e.getKey());
            assertEquals(e.getValue().dtype(), a.dtype(), e.getKey());
            assertArrayEquals(e.getValue().shape(), a.shape(), e.getKey());
            assertArrayEquals(e.getValue().toFloatArray(), a.toFloatArray(), e.getKey());
        }
    }

    @Test
    void safetensorsRoundTripInEveryFloatDtypeIsMemoryMapped() {
        for (DType dtype : new DType[] {DType.F32, DType.F16, DType.BF16}) {
            try (Arena arena = Arena.ofConfined()) {
                Map<String, Tensor> written = saeTensors(arena, dtype, 7, 11);
                Path file = dir.resolve("sae_" + dtype + ".safetensors");
                SafeTensors.write(file, written);
                Map<String, Tensor> read = SafeTensors.read(file, arena);
                assertSame(written, read);
                assertTrue(read.get("W_enc").segment().isMapped(), "zero-copy mapping");
                SparseAutoencoder sae = SparseAutoencoder.load(file, arena);
                assertEquals(SparseAutoencoder.Activation.JUMP_RELU, sae.activation());
                assertEquals(7, sae.dIn());
                assertEquals(11, sae.dSae());
            }
        }
    }

    @Test
    void safetensorsWithoutThresholdIsAReluSae() {
        try (Arena arena = Arena.ofConfined()) {
            Map<String, Tensor> m = saeTensors(arena, DType.F32, 4, 6);
            m.remove("threshold");
            Path file = dir.resolve("relu.safetensors");
            SafeTensors.write(file, m);
            assertEquals(SparseAutoencoder.Activation.RELU, SparseAutoencoder.load(file, arena).activation());
        }
    }

    private Path safetensorsWithHeader(String name, String json, int dataBytes) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static void assertMalformed(Path file, String... fragments) {
        try (Arena arena = Arena.ofConfined()) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> SparseAutoencoder.load(file, arena));
            assertTrue(e instanceof NpyFormatException || e instanceof IllegalArgumentException, e.toString());
            for (String f : fragments) {
                assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should contain '" + f + "'");
            }
            assertTrue(e.getMessage().contains(file.getFileName().toString()), "names the file: " + e.getMessage());
        }
    }

    @Test
    void malformedSafetensorsAreRejected() throws IOException {
        Path tooShort = dir.resolve("short.safetensors");
        Files.write(tooShort, new byte[] {1, 2, 3});
        assertMalformed(tooShort, "shorter than");
        Path hugeHeader = dir.resolve("huge.safetensors");
        Files.write(hugeHeader, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertMalformed(hugeHeader, "header length");
        assertMalformed(safetensorsWithHeader("json.safetensors", "{\"W_enc\": {\"dtype\": ", 0), "malformed JSON");
        assertMalformed(safetensorsWithHeader("dtype.safetensors",
                "{\"W_enc\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8), "unsupported dtype F64");
        assertMalformed(safetensorsWithHeader("trunc.safetensors",
                "{\"W_enc\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8), "outside the data",
                "truncated");
        assertMalformed(safetensorsWithHeader("span.safetensors",
                "{\"W_enc\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", 16), "needs 12");
        assertMalformed(safetensorsWithHeader("negative.safetensors",
                "{\"W_enc\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "non-negative");
        // well-formed file, but the SAE's shapes disagree
        try (Arena arena = Arena.ofConfined()) {
            Map<String, Tensor> m = saeTensors(arena, DType.F32, 4, 6);
            m.put("b_dec", random(arena, DType.F32, 9, 5));
            Path wrong = dir.resolve("wrongshape.safetensors");
            SafeTensors.write(wrong, m);
            assertMalformed(wrong, "bDec", "[4]", "[5]");
            m.remove("W_dec");
            Path missing = dir.resolve("missing.safetensors");
            SafeTensors.write(missing, m);
            assertMalformed(missing, "W_dec");
        }
    }

    /** Writes tensors as .npy members of a zip, stored or deflated, the way np.savez / savez_compressed do. */
    private Path writeNpz(String name, Map<String, Tensor> tensors, boolean deflate) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (var e : tensors.entrySet()) {
                Path npy = dir.resolve(e.getKey() + ".tmp.npy");
                Npy.write(npy, e.getValue());
                byte[] bytes = Files.readAllBytes(npy);
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void npzStoredIsMappedAndDeflatedIsInflated() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Map<String, Tensor> tensors = saeTensors(arena, DType.F32, 5, 9);
            Map<String, Tensor> stored = Npz.read(writeNpz("stored.npz", tensors, false), arena);
            assertSame(tensors, stored);
            assertTrue(stored.get("W_enc").segment().isMapped(), "stored members are zero-copy");
            Map<String, Tensor> deflated = Npz.read(writeNpz("deflated.npz", tensors, true), arena);
            assertSame(tensors, deflated);
            assertFalse(deflated.get("W_enc").segment().isMapped());
            assertEquals(9, SparseAutoencoder.load(dir.resolve("deflated.npz"), arena).dSae());
        }
    }

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, p);
        }
        return p;
    }

    /** Archives written by NumPy itself (np.savez with ZIP64 local headers, and np.savez_compressed). */
    @Test
    void numpyWrittenArchivesLoad() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            for (String name : new String[] {"gemmascope_tiny.npz", "gemmascope_tiny_compressed.npz"}) {
                SparseAutoencoder sae = SparseAutoencoder.load(resource(name), arena);
                assertEquals(3, sae.dIn());
                assertEquals(4, sae.dSae());
                assertEquals(SparseAutoencoder.Activation.JUMP_RELU, sae.activation());
                assertEquals(11 / 8f, sae.wEnc().getFloat(2, 3));
                assertEquals(0.4f, sae.threshold().getFloat(3));
                assertEquals(-1.5f, sae.wDec().getFloat(0, 0));
                assertEquals(3f, sae.bDec().getFloat(2));
            }
            assertEquals(DType.F16, Npz.read(dir.resolve("gemmascope_tiny_compressed.npz"), arena).get("b_dec").dtype());
        }
    }

    @Test
    void malformedNpzAreRejected() throws IOException {
        byte[] good;
        try (Arena arena = Arena.ofConfined()) {
            good = Files.readAllBytes(writeNpz("good.npz", saeTensors(arena, DType.F32, 3, 4), false));
            Path garbage = dir.resolve("garbage.npz");
            Files.write(garbage, new byte[100]);
            assertMalformed(garbage, "end-of-central-directory");
            Path truncated = dir.resolve("truncated.npz");
            Files.write(truncated, Arrays.copyOf(good, good.length / 2));
            assertMalformed(truncated);
            // a byte of W_enc's data flipped inside a deflated archive fails its CRC (or the inflater)
            byte[] deflated = Files.readAllBytes(writeNpz("deflated.npz", saeTensors(arena, DType.F32, 3, 4), true));
            deflated[60] ^= 0x55;
            Path corrupt = dir.resolve("corrupt.npz");
            Files.write(corrupt, deflated);
            assertMalformed(corrupt, "W_enc.npy");
            // a member of an unsupported dtype
            Map<String, Tensor> ints = saeTensors(arena, DType.F32, 3, 4);
            ints.put("b_enc", Tensor.of(new int[] {1, 2, 3, 4}, 4));
            assertMalformed(writeNpz("ints.npz", ints, false), "b_enc", "I32");
        }
        // the npy header inside a member says more data than the member holds
        String header = new String(good, StandardCharsets.ISO_8859_1);
        int at = header.indexOf("(3, 4)");
        assertTrue(at > 0);
        byte[] bad = good.clone();
        bad[at + 1] = '9';
        Path lying = dir.resolve("lying.npz");
        Files.write(lying, bad);
        assertMalformed(lying, "truncated data");
    }
}
