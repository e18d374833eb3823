package org.panattn.cli;

/** A usage or input error the user can fix: exit code 2, one line. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
