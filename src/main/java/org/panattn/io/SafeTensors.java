package org.panattn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
 * {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {...}}, then the data.
 * Reading memory-maps the file: every tensor is a zero-copy view (F32, F16, BF16, I32). Malformed files (bad
 * header, unknown dtype, offsets outside the data or not matching the shape) throw {@link NpyFormatException}.
 */
public final class SafeTensors {
    /** Headers above this size are refused before anything is allocated for them. */
    private static final long MAX_HEADER_BYTES = 100L << 20;

    private SafeTensors() {
    }

    /** Every tensor of {@code file}, in header order, mapped into {@code arena}. */
    public static Map<String, Tensor> read(Path file, Arena arena) {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new NpyFormatException(name + ": not a safetensors file (" + size
                        + " bytes, shorter than the 8-byte header length)");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw new NpyFormatException(name + ": bad header length " + headerLength + " (expected 2 to "
                        + Math.min(MAX_HEADER_BYTES, size - 8) + " for a file of " + size + " bytes)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBytes, 8);
            String json = new String(headerBytes.array(), StandardCharsets.UTF_8);
            Object parsed;
            try {
                parsed = new Json(json).parseDocument();
            } catch (IllegalStateException e) {
                throw new NpyFormatException(name + ": malformed JSON header: " + e.getMessage());
            }
            if (!(parsed instanceof Map<?, ?> entries)) {
                throw new NpyFormatException(name + ": malformed header: expected a JSON object");
            }
            long dataStart = 8 + headerLength;
            long dataBytes = size - dataStart;
            MemorySegment data = dataBytes == 0 ? MemorySegment.NULL.reinterpret(0)
                    : ch.map(FileChannel.MapMode.READ_ONLY, dataStart, dataBytes, arena);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (var e : entries.entrySet()) {
                String key = (String) e.getKey();
                if (key.equals("__metadata__")) {
                    continue;
                }
                tensors.put(key, tensor(name, key, e.getValue(), data, dataBytes));
            }
            return tensors;
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(name + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Writes host tensors (converted to their dtype, C order) as a safetensors file; names in map order. */
    public static void write(Path file, Map<String, Tensor> tensors) {
        StringBuilder json = new StringBuilder("{");
        long offset = 0;
        List<Tensor> order = new ArrayList<>();
        for (var e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (!t.device().isCpu()) {
                throw new IllegalArgumentException(e.getKey() + ": expected a CPU tensor to write " + file
                        + ", got one on " + t.device());
            }
            long bytes = t.numel() * t.dtype().byteSize();
            json.append(json.length() > 1 ? "," : "").append('"').append(escape(e.getKey())).append("\":{\"dtype\":\"")
                    .append(t.dtype().name()).append("\",\"shape\":[");
            long[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) {
                json.append(i == 0 ? "" : ",").append(shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
            order.add(t);
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8; // keeps the data 8-byte aligned
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); Arena arena = Arena.ofConfined()) {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(header);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            head.flip();
            while (head.hasRemaining()) {
                ch.write(head);
            }
            for (Tensor t : order) {
                long bytes = t.numel() * t.dtype().byteSize();
                if (bytes == 0) {
                    continue;
                }
                MemorySegment staging = arena.allocate(bytes, 64);
                t.copyTo(Tensor.wrap(staging, t.dtype(), t.shape()));
                ByteBuffer chunk = staging.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Tensor tensor(String file, String key, Object entry, MemorySegment data, long dataBytes) {
        String where = file + ": tensor " + key;
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new NpyFormatException(where + ": expected an object with dtype, shape and data_offsets");
        }
        if (!(fields.get("dtype") instanceof String dtypeName)) {
            throw new NpyFormatException(where + ": expected a string dtype");
        }
        DType dtype = switch (dtypeName) {
            case "F32" -> DType.F32;
            case "F16" -> DType.F16;
            case "BF16" -> DType.BF16;
            case "I32" -> DType.I32;
            default -> throw new NpyFormatException(where + ": unsupported dtype " + dtypeName
                    + " (expected F32, F16, BF16 or I32)");
        };
        long[] shape = longs(fields.get("shape"), where + ": shape", -1);
        long[] offsets = longs(fields.get("data_offsets"), where + ": data_offsets", 2);
        long count = 1;
        try {
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            count = Math.multiplyExact(count, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new NpyFormatException(where + ": shape too large");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataBytes) {
            throw new NpyFormatException(where + ": data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataBytes + " bytes (truncated file?)");
        }
        if (end - begin != count) {
            throw new NpyFormatException(where + ": data_offsets span " + (end - begin) + " bytes, but shape "
                    + java.util.Arrays.toString(shape) + " of " + dtypeName + " needs " + count);
        }
        return Tensor.wrap(data.asSlice(begin, end - begin), dtype, shape);
    }

    private static long[] longs(Object value, String what, int expectedLength) {
        if (!(value instanceof List<?> list) || (expectedLength >= 0 && list.size() != expectedLength)) {
            throw new NpyFormatException(what + ": expected a list of " + (expectedLength >= 0 ? expectedLength + " " : "")
                    + "non-negative integers");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0) {
                throw new NpyFormatException(what + ": expected non-negative integers, got " + list.get(i));
            }
            out[i] = v;
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new NpyFormatException("unexpected end of file");
            }
            pos += n;
        }
    }

    /** Just enough JSON for safetensors headers: objects, arrays, strings, integers, true/false/null. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object parseDocument() {
            Object v = value(0);
            skipSpace();
            if (i != s.length()) {
                throw new IllegalStateException("unexpected text at " + i);
            }
            return v;
        }

        private Object value(int depth) {
            if (depth > 32) {
                throw new IllegalStateException("nesting too deep");
            }
            skipSpace();
            if (i >= s.length()) {
                throw new IllegalStateException("unexpected end");
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> map = new LinkedHashMap<>();
                skipSpace();
                if (peek('}')) {
                    i++;
                    return map;
                }
                do {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    if (map.put(key, value(depth + 1)) != null) {
                        throw new IllegalStateException("duplicate key " + key);
                    }
                    skipSpace();
                } while (tryConsume(','));
                expect('}');
                return map;
            }
            if (c == '[') {
                i++;
                List<Object> list = new ArrayList<>();
                skipSpace();
                if (peek(']')) {
                    i++;
                    return list;
                }
                do {
                    list.add(value(depth + 1));
                    skipSpace();
                } while (tryConsume(','));
                expect(']');
                return list;
            }
            if (c == '"') {
                return string();
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                int start = i;
                i++;
                while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                String num = s.substring(start, i);
                try {
                    return Long.parseLong(num);
                } catch (NumberFormatException e) {
                    try {
                        return Double.parseDouble(num);
                    } catch (NumberFormatException e2) {
                        throw new IllegalStateException("bad number " + num);
                    }
                }
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            throw new IllegalStateException("unexpected character '" + c + "' at " + i);
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (i >= s.length()) {
                        break;
                    }
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            if (i + 4 > s.length()) {
                                throw new IllegalStateException("bad \\u escape");
                            }
                            try {
                                b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw new IllegalStateException("bad \\u escape");
                            }
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            throw new IllegalStateException("unterminated string");
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private boolean tryConsume(char c) {
            if (peek(c)) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!tryConsume(c)) {
                throw new IllegalStateException("expected '" + c + "' at " + i);
            }
        }
    }
}
