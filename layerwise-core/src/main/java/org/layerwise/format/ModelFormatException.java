package org.layerwise.format;

import org.layerwise.InvalidInputException;

/** A model file is malformed, inconsistent, beyond the configured limits or fails its checksum. */
public class ModelFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message {@code "<source>: <what is wrong>"}, naming the member or number and its value
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * @param message {@code "<source>: <what is wrong>"}, naming the member or number and its value
     * @param cause   the underlying failure (for example a parser's exception), or null
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
