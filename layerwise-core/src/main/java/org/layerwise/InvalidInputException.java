package org.layerwise;

/** A user-supplied value is out of range, malformed or inconsistent; the message says which and why. */
public class InvalidInputException extends LayerwiseException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the offending value and why it is refused
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the offending value and why it is refused
     * @param cause   the underlying failure (for example a parser's exception), or null
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
