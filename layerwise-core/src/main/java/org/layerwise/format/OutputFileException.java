package org.layerwise.format;

import java.nio.file.Path;

import org.layerwise.InvalidInputException;

/**
 * An output cannot be written where it was asked for: the path holds something that is not a regular file
 * (a directory, a FIFO, a device, a socket), or its folder cannot be created or written. The message names the
 * option, the path and the reason, for example {@code "--out /tmp/p is a FIFO (named pipe), not a regular file:
 * refusing to replace it"}.
 */
public class OutputFileException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final String reason;

    /**
     * @param what   the option or role of the output ({@code "--out"}, {@code "output"})
     * @param path   the offending path
     * @param reason why it cannot be written, without the path
     */
    public OutputFileException(String what, Path path, String reason) {
        super(what + " " + path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** @return the offending path */
    public Path path() {
        return path;
    }

    /** @return why it cannot be written, without the path (for example {@code "permission denied"}) */
    public String reason() {
        return reason;
    }
}
