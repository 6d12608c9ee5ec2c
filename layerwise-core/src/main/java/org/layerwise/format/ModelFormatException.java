package org.layerwise.format;

import org.layerwise.InvalidInputException;

/** A model file is malformed, inconsistent, beyond the configured limits or fails its checksum. */
public class ModelFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
