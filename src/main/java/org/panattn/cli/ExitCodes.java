package org.panattn.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.panattn.PanattnException;

/** Maps failures to exit codes: bad input or an unavailable backend is the user's to fix (2); the rest is ours (1). */
final class ExitCodes {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }

    static int of(Throwable t) {
        if (t instanceof IllegalArgumentException || t instanceof UsageException) {
            return USAGE;
        }
        if (t instanceof UncheckedIOException u && (u.getCause() instanceof NoSuchFileException
                || u.getCause() instanceof AccessDeniedException || u.getCause() instanceof java.nio.file.FileSystemException)) {
            return USAGE;
        }
        if (t instanceof PanattnException p && p.getMessage() != null && p.getMessage().contains("unavailable")) {
            return USAGE;
        }
        return INTERNAL;
    }

    static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
