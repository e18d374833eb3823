package org.panattn.bindings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The functions and integer macros declared in native/include/panattn.h, read from the header text. */
record NativeHeader(Map<String, Integer> functionArity, Map<String, String> macros) {
    private static final Pattern FUNCTION = Pattern.compile("PANATTN_API\\s+[^;(]*?\\b(\\w+)\\s*\\(([^)]*)\\)\\s*;",
            Pattern.DOTALL);
    private static final Pattern MACRO = Pattern.compile("^#define\\s+(PANATTN_\\w+)\\s+(.+)$", Pattern.MULTILINE);

    /** The header named by -Dpanattn.header (set by the build), or native/include/panattn.h. */
    static Path location() {
        return Path.of(System.getProperty("panattn.header", "native/include/panattn.h"));
    }

    static NativeHeader read(Path header) throws IOException {
        String text = Files.readString(header)
                .replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\\n]*", " ");
        Map<String, Integer> functions = new LinkedHashMap<>();
        Matcher m = FUNCTION.matcher(text);
        while (m.find()) {
            String params = m.group(2).trim();
            int arity = params.isEmpty() || params.equals("void") ? 0 : params.split(",").length;
            functions.put(m.group(1), arity);
        }
        Map<String, String> macros = new LinkedHashMap<>();
        Matcher d = MACRO.matcher(text);
        while (d.find()) {
            macros.put(d.group(1), d.group(2).trim());
        }
        return new NativeHeader(functions, macros);
    }

    /** Integer-valued macros, e.g. PANATTN_DTYPE_BF16 -> 2 and PANATTN_WINDOW_UNBOUNDED -> -1. */
    Map<String, Long> integerMacros() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (var e : macros.entrySet()) {
            String v = e.getValue().replaceAll("[()]", "").trim();
            if (v.matches("-?\\d+")) {
                out.put(e.getKey(), Long.parseLong(v));
            }
        }
        return out;
    }

    List<String> functions() {
        return new ArrayList<>(functionArity.keySet());
    }
}
