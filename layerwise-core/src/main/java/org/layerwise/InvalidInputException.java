package org.layerwise;

/** A user-supplied value is out of range, malformed or inconsistent; the message says which and why. */
public class InvalidInputException extends LayerwiseException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
