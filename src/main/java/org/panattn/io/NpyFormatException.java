package org.panattn.io;

/** A .npy file that cannot be read: the message names the file and what was expected. */
public class NpyFormatException extends IllegalArgumentException {
    public NpyFormatException(String message) {
        super(message);
    }
}
