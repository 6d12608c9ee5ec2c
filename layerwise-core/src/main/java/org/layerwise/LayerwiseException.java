package org.layerwise;

/**
 * Base of every error that Layerwise reports about its input or its limits (as opposed to a bug).
 * The command line prints the message on one line and exits with status 2. Messages name the
 * offending value, for example {@code "level 3: cell 17 has NaN mean at x = (0.5, 0.25)"}.
 */
public class LayerwiseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LayerwiseException(String message) {
        super(message);
    }

    public LayerwiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
