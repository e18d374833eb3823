package org.panattn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * NumPy's .npz (np.savez / np.savez_compressed, as Gemma Scope's params.npz): a zip of .npy members, ZIP64
 * included. Stored members are memory-mapped in place (zero-copy); deflated ones are inflated (java.util.zip)
 * into the arena and CRC-checked. Members hold little-endian float32, float16 or int32, C order. Malformed
 * archives or members throw {@link NpyFormatException} naming the file and the member.
 */
public final class Npz {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    private record Member(String name, int method, int flags, long crc, long compressedSize, long size,
                          long localOffset) {
    }

    /** Every array of {@code file}, keyed by member name without ".npy", in archive order. */
    public static Map<String, Tensor> read(Path file, Arena arena) {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 22) {
                throw new NpyFormatException(name + ": not a .npz (zip) file: " + size + " bytes");
            }
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Member m : directory(all, name)) {
                String key = m.name.endsWith(".npy") ? m.name.substring(0, m.name.length() - 4) : m.name;
                out.put(key, member(all, m, name + ": member " + m.name, arena));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(name + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    private static List<Member> directory(MemorySegment zip, String name) {
        long size = zip.byteSize();
        long eocd = -1;
        for (long p = size - 22; p >= Math.max(0, size - 22 - 0xFFFF); p--) {
            if (zip.get(U32, p) == EOCD) {
                eocd = p;
                break;
            }
        }
        if (eocd < 0) {
            throw new NpyFormatException(name + ": not a .npz file (no zip end-of-central-directory record)");
        }
        long entries = u16(zip, eocd + 10);
        long cdSize = u32(zip, eocd + 12);
        long cdOffset = u32(zip, eocd + 16);
        if (entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            long locator = eocd - 20;
            if (locator < 0 || zip.get(U32, locator) != ZIP64_LOCATOR) {
                throw new NpyFormatException(name + ": ZIP64 sizes without a ZIP64 locator");
            }
            long record = zip.get(U64, locator + 8);
            if (record < 0 || record + 56 > size || zip.get(U32, record) != ZIP64_EOCD) {
                throw new NpyFormatException(name + ": bad ZIP64 end-of-central-directory record");
            }
            entries = zip.get(U64, record + 32);
            cdSize = zip.get(U64, record + 40);
            cdOffset = zip.get(U64, record + 48);
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > size || entries < 0 || entries > cdSize / 46) {
            throw new NpyFormatException(name + ": central directory outside the file (truncated?)");
        }
        List<Member> members = new ArrayList<>();
        long p = cdOffset;
        for (long e = 0; e < entries; e++) {
            if (p + 46 > cdOffset + cdSize || zip.get(U32, p) != CENTRAL) {
                throw new NpyFormatException(name + ": malformed central directory entry " + e);
            }
            int flags = u16(zip, p + 8);
            int method = u16(zip, p + 10);
            long crc = u32(zip, p + 16);
            long compressed = u32(zip, p + 20);
            long uncompressed = u32(zip, p + 24);
            int nameLength = u16(zip, p + 28);
            int extraLength = u16(zip, p + 30);
            int commentLength = u16(zip, p + 32);
            long local = u32(zip, p + 42);
            if (p + 46 + nameLength + extraLength + commentLength > cdOffset + cdSize) {
                throw new NpyFormatException(name + ": malformed central directory entry " + e);
            }
            String memberName = new String(bytes(zip, p + 46, nameLength), StandardCharsets.UTF_8);
            // ZIP64 extra field: the 64-bit values of whichever fields were saturated, in this order
            long x = p + 46 + nameLength;
            long xEnd = x + extraLength;
            while (x + 4 <= xEnd) {
                int id = u16(zip, x);
                int len = u16(zip, x + 2);
                long v = x + 4;
                if (id == 0x0001) {
                    if (uncompressed == 0xFFFFFFFFL && v + 8 <= x + 4 + len) {
                        uncompressed = zip.get(U64, v);
                        v += 8;
                    }
                    if (compressed == 0xFFFFFFFFL && v + 8 <= x + 4 + len) {
                        compressed = zip.get(U64, v);
                        v += 8;
                    }
                    if (local == 0xFFFFFFFFL && v + 8 <= x + 4 + len) {
                        local = zip.get(U64, v);
                    }
                }
                x += 4 + len;
            }
            members.add(new Member(memberName, method, flags, crc, compressed, uncompressed, local));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return members;
    }

    private static Tensor member(MemorySegment zip, Member m, String where, Arena arena) {
        if ((m.flags & 1) != 0) {
            throw new NpyFormatException(where + ": encrypted members are not supported");
        }
        if (m.localOffset < 0 || m.localOffset + 30 > zip.byteSize() || zip.get(U32, m.localOffset) != LOCAL) {
            throw new NpyFormatException(where + ": bad local header offset " + m.localOffset);
        }
        long dataStart = m.localOffset + 30 + u16(zip, m.localOffset + 26) + u16(zip, m.localOffset + 28);
        if (m.compressedSize < 0 || m.size < 0 || dataStart + m.compressedSize > zip.byteSize()) {
            throw new NpyFormatException(where + ": data runs past the end of the file (truncated: needs "
                    + m.compressedSize + " bytes at " + dataStart + ", file has " + zip.byteSize() + ")");
        }
        MemorySegment raw = zip.asSlice(dataStart, m.compressedSize);
        MemorySegment npy;
        if (m.method == 0) {
            if (m.compressedSize != m.size) {
                throw new NpyFormatException(where + ": stored member with compressed size " + m.compressedSize
                        + " != size " + m.size);
            }
            npy = raw;
        } else if (m.method == 8) {
            npy = inflate(raw, m, where, arena);
        } else {
            throw new NpyFormatException(where + ": unsupported compression method " + m.method
                    + " (expected 0 stored or 8 deflated)");
        }
        return parseNpy(npy, where);
    }

    private static MemorySegment inflate(MemorySegment raw, Member m, String where, Arena arena) {
        MemorySegment out = arena.allocate(Math.max(m.size, 1), 64).asSlice(0, m.size);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw.asByteBuffer());
            long written = 0;
            while (written < m.size) {
                long chunk = Math.min(m.size - written, 1L << 30);
                var buffer = out.asSlice(written, chunk).asByteBuffer();
                while (buffer.hasRemaining()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        throw new NpyFormatException(where + ": deflated data ends after " + (written
                                + buffer.position()) + " of " + m.size + " bytes (truncated or corrupt)");
                    }
                }
                written += chunk;
            }
            if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                throw new NpyFormatException(where + ": deflated data longer than the recorded size " + m.size);
            }
        } catch (DataFormatException e) {
            throw new NpyFormatException(where + ": corrupt deflated data: " + e.getMessage());
        } finally {
            inflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(out.asByteBuffer());
        if (crc.getValue() != m.crc) {
            throw new NpyFormatException(where + ": CRC mismatch (expected " + Long.toHexString(m.crc) + ", got "
                    + Long.toHexString(crc.getValue()) + ")");
        }
        return out;
    }

    private static Tensor parseNpy(MemorySegment npy, String where) {
        long size = npy.byteSize();
        if (size < 10 || npy.get(ValueLayout.JAVA_BYTE, 0) != (byte) 0x93
                || !new String(bytes(npy, 1, 5), StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new NpyFormatException(where + ": not a .npy array (expected magic \\x93NUMPY)");
        }
        int major = npy.get(ValueLayout.JAVA_BYTE, 6) & 0xFF;
        long headerLength;
        long prefix;
        if (major == 1) {
            headerLength = u16(npy, 8);
            prefix = 10;
        } else if ((major == 2 || major == 3) && size >= 12) {
            headerLength = u32(npy, 8);
            prefix = 12;
        } else {
            throw new NpyFormatException(where + ": unsupported .npy version " + major);
        }
        if (prefix + headerLength > size || headerLength > (1 << 24)) {
            throw new NpyFormatException(where + ": truncated .npy header");
        }
        String text = new String(bytes(npy, prefix, (int) headerLength), StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(text);
        Matcher f = FORTRAN.matcher(text);
        Matcher s = SHAPE.matcher(text);
        if (!text.trim().startsWith("{") || !d.find() || !f.find() || !s.find()) {
            throw new NpyFormatException(where + ": malformed .npy header");
        }
        if (f.group(1).equals("True")) {
            throw new NpyFormatException(where + ": Fortran-order arrays are not supported (expected C order)");
        }
        DType dtype = switch (d.group(1)) {
            case "<f4" -> DType.F32;
            case "<f2" -> DType.F16;
            case "<i4" -> DType.I32;
            default -> throw new NpyFormatException(where + ": unsupported dtype " + d.group(1)
                    + " (expected little-endian float32, float16 or int32)");
        };
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(where + ": malformed shape (" + s.group(1).trim() + ")");
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long bytes;
        try {
            bytes = dtype.byteSize();
            for (long dim : shape) {
                bytes = Math.multiplyExact(bytes, dim);
            }
        } catch (ArithmeticException e) {
            throw new NpyFormatException(where + ": shape " + Arrays.toString(shape) + " too large");
        }
        long available = size - prefix - headerLength;
        if (available != bytes) {
            throw new NpyFormatException(where + ": " + (available < bytes ? "truncated data" : "trailing bytes")
                    + ": shape " + Arrays.toString(shape) + " of " + d.group(1) + " needs " + bytes
                    + " bytes, member has " + available);
        }
        return Tensor.wrap(npy.asSlice(prefix + headerLength, bytes), dtype, shape);
    }

    private static byte[] bytes(MemorySegment seg, long at, int n) {
        byte[] b = new byte[n];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, at, b, 0, n);
        return b;
    }

    private static int u16(MemorySegment seg, long at) {
        return seg.get(U16, at) & 0xFFFF;
    }

    private static long u32(MemorySegment seg, long at) {
        return seg.get(U32, at) & 0xFFFFFFFFL;
    }
}
