package org.panattn;

/** A backend fault (a CUDA error, a missing native library); bad arguments throw IllegalArgumentException. */
public class PanattnException extends RuntimeException {
    public PanattnException(String message) {
        super(message);
    }

    public PanattnException(String message, Throwable cause) {
        super(message, cause);
    }
}
