package org.panattn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * NumPy's .npy format (versions 1.0, 2.0, 3.0), C order. Reading: little-endian float32 and int32 files are
 * memory-mapped (zero-copy); float16 is kept as F16; float64 and big-endian files are converted into the arena.
 * Writing: version 1.0, float32 (F16/BF16 tensors are widened) or int32, data aligned to 64 bytes.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** The parsed header of a .npy file. */
    public record Header(String descr, long[] shape, long dataOffset) {
    }

    /** Reads {@code file} into a CPU tensor whose memory belongs to {@code arena}. */
    public static Tensor read(Path file, Arena arena) {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Header h = readHeader(ch, size, name);
            Element el = Element.of(h.descr, name);
            long count = 1;
            for (long d : h.shape) {
                count = Math.multiplyExact(count, d);
            }
            long dataBytes = Math.multiplyExact(count, el.bytes);
            if (size - h.dataOffset < dataBytes) {
                throw new NpyFormatException(name + ": truncated data: shape " + Arrays.toString(h.shape) + " of "
                        + h.descr + " needs " + dataBytes + " bytes after the header, file has "
                        + (size - h.dataOffset));
            }
            if (size - h.dataOffset > dataBytes) {
                throw new NpyFormatException(name + ": " + (size - h.dataOffset - dataBytes)
                        + " trailing bytes after the data of shape " + Arrays.toString(h.shape) + " of " + h.descr);
            }
            if (el.littleEndian && el.storage != null) {
                MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset, dataBytes, arena);
                return Tensor.wrap(mapped, el.storage, h.shape);
            }
            MemorySegment raw = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset, dataBytes, arena);
            DType target = el.storage != null ? el.storage : DType.F32;
            Tensor t = Tensor.allocate(arena, target, h.shape);
            convert(raw, el, t, count);
            return t;
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(name + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Reads and validates only the header. */
    public static Header header(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(ch, ch.size(), file.toString());
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a CPU tensor (any strides) as a C-order .npy: float32, or int32 for I32 tensors. */
    public static void write(Path file, Tensor t) {
        if (!t.device().isCpu()) {
            throw new IllegalArgumentException("tensor: expected a CPU tensor to write " + file + ", got one on "
                    + t.device());
        }
        boolean ints = t.dtype() == DType.I32;
        String shape = shapeLiteral(t.shape());
        String dict = "{'descr': '" + (ints ? "<i4" : "<f4") + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String headerText = dict + " ".repeat(padded - unpadded) + "\n";
        int headerLen = headerText.length();
        boolean v2 = headerLen > 0xFFFF;
        if (v2) {
            unpadded = MAGIC.length + 2 + 4 + dict.length() + 1;
            padded = (unpadded + 63) / 64 * 64;
            headerText = dict + " ".repeat(padded - unpadded) + "\n";
            headerLen = headerText.length();
        }
        long count = t.numel();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); Arena arena = Arena.ofConfined()) {
            ByteBuffer head = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
            head.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
            if (v2) {
                head.putInt(headerLen);
            } else {
                head.putShort((short) headerLen);
            }
            head.put(headerText.getBytes(StandardCharsets.US_ASCII)).flip();
            while (head.hasRemaining()) {
                ch.write(head);
            }
            MemorySegment data;
            if (t.isContiguous() && (t.dtype() == DType.I32 || t.dtype() == DType.F32)) {
                data = t.segment().asSlice(t.byteOffset(), count * 4);
            } else {
                data = arena.allocate(Math.max(count * 4, 1)).asSlice(0, count * 4);
                t.copyTo(Tensor.wrap(data, ints ? DType.I32 : DType.F32, t.shape()));
            }
            if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                throw new IllegalStateException("panattn writes .npy on little-endian hosts only");
            }
            // heap segments have no ByteBuffer view: stream through a native staging buffer
            MemorySegment staging = arena.allocate(1 << 20);
            for (long pos = 0; pos < data.byteSize(); pos += staging.byteSize()) {
                long n = Math.min(staging.byteSize(), data.byteSize() - pos);
                MemorySegment.copy(data, pos, staging, 0, n);
                ByteBuffer chunk = staging.asSlice(0, n).asByteBuffer();
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Header readHeader(FileChannel ch, long size, String name) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pre, 0);
        if (pre.position() < 10) {
            throw new NpyFormatException(name + ": not a .npy file (only " + size + " bytes, shorter than a header)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre.get(i) != MAGIC[i]) {
                throw new NpyFormatException(name + ": not a .npy file (expected magic \\x93NUMPY at the start)");
            }
        }
        int major = pre.get(6) & 0xFF;
        long headerLen;
        int prefix;
        if (major == 1) {
            headerLen = pre.getShort(8) & 0xFFFF;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            if (pre.position() < 12) {
                throw new NpyFormatException(name + ": truncated header");
            }
            headerLen = pre.getInt(8) & 0xFFFFFFFFL;
            prefix = 12;
        } else {
            throw new NpyFormatException(name + ": unsupported .npy version " + major + "." + (pre.get(7) & 0xFF)
                    + " (expected 1.0, 2.0 or 3.0)");
        }
        if (prefix + headerLen > size || headerLen > (1 << 24)) {
            throw new NpyFormatException(name + ": truncated header (header length " + headerLen + ", file has "
                    + size + " bytes)");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        readFully(ch, hb, prefix);
        String text = new String(hb.array(), 0, hb.position(),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(text);
        Matcher f = FORTRAN.matcher(text);
        Matcher s = SHAPE.matcher(text);
        if (!text.trim().startsWith("{") || !d.find() || !f.find() || !s.find()) {
            throw new NpyFormatException(name + ": malformed header (expected a dict with 'descr', 'fortran_order'"
                    + " and 'shape'), got: " + abbreviate(text.trim()));
        }
        if (f.group(1).equals("True")) {
            throw new NpyFormatException(name + ": Fortran-order arrays are not supported (expected C order; save "
                    + "np.ascontiguousarray(a))");
        }
        long[] shape = parseShape(s.group(1), name);
        return new Header(d.group(1), shape, prefix + headerLen);
    }

    private static long[] parseShape(String inner, String name) {
        List<Long> dims = new ArrayList<>();
        for (String part : inner.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(name + ": malformed shape (" + inner.trim()
                        + "): expected non-negative integers");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
    }

    private static void convert(MemorySegment raw, Element el, Tensor t, long count) {
        ValueLayout.OfFloat f32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(el.order());
        ValueLayout.OfDouble f64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(el.order());
        ValueLayout.OfShort f16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(el.order());
        ValueLayout.OfInt i32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(el.order());
        for (long i = 0; i < count; i++) {
            switch (el.kind) {
                case 'f' -> {
                    switch (el.bytes) {
                        case 2 -> t.segment().setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, raw.getAtIndex(f16, i));
                        case 4 -> t.writeFloat(i, raw.getAtIndex(f32, i));
                        default -> t.writeFloat(i, (float) raw.getAtIndex(f64, i));
                    }
                }
                default -> t.segment().setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, raw.getAtIndex(i32, i));
            }
        }
    }

    private static String shapeLiteral(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** An element type of a .npy descr. */
    private record Element(char kind, int bytes, boolean littleEndian, DType storage) {
        static Element of(String descr, String name) {
            if (descr.length() < 3) {
                throw unsupported(descr, name);
            }
            char order = descr.charAt(0);
            char kind = descr.charAt(1);
            int bytes;
            try {
                bytes = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw unsupported(descr, name);
            }
            boolean little = order == '<' || order == '|' || (order == '=' && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
            if (order != '<' && order != '>' && order != '|' && order != '=') {
                throw unsupported(descr, name);
            }
            if (kind == 'f' && bytes == 4) {
                return new Element(kind, bytes, little, DType.F32);
            }
            if (kind == 'f' && bytes == 2) {
                return new Element(kind, bytes, little, DType.F16);
            }
            if (kind == 'f' && bytes == 8) {
                return new Element(kind, bytes, little, null);
            }
            if (kind == 'i' && bytes == 4) {
                return new Element(kind, bytes, little, DType.I32);
            }
            throw unsupported(descr, name);
        }

        ByteOrder order() {
            return littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        }

        private static NpyFormatException unsupported(String descr, String name) {
            return new NpyFormatException(name + ": unsupported dtype '" + descr
                    + "' (expected float32 '<f4', float16 '<f2', float64 '<f8' or int32 '<i4')");
        }
    }
}
