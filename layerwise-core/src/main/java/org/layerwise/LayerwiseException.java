package org.layerwise;

/**
 * Base of every error that Layerwise reports about its input or its limits (as opposed to a bug).
 * The command line prints the message on one line and exits with status 2. Messages name the
 * offending value, for example {@code "level 3: cell 17 has NaN mean at x = (0.5, 0.25)"}.
 */
public class LayerwiseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the offending value, printed as is by the command line
     */
    public LayerwiseException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the offending value, printed as is by the command line
     * @param cause   the underlying failure (for example a parser's exception), or null
     */
    public LayerwiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
