package org.layerwise.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that a failure (an exception, Ctrl-C) never leaves a half-written file at the destination, and
 * never replaces anything but a regular file.
 *
 * <ul>
 *   <li><b>Atomic:</b> content goes to a temporary file beside the destination, named
 *       {@code .NAME.layerwise-PID-RANDOM.tmp}, which is then renamed into place. Temporaries of the same
 *       destination left by a process that no longer runs (a SIGKILLed write) are removed first.</li>
 *   <li><b>Only regular files are replaced:</b> a destination that is a directory, a FIFO, a device or a socket is
 *       refused with an {@link OutputFileException} naming it. A symbolic link (chain) to a regular file, or to
 *       nothing yet, is written <i>through</i>: the file it points to is replaced and the link stays a link.</li>
 *   <li><b>All or nothing:</b> a {@link Batch} stages several files and renames them into place only when all are
 *       written; a failure leaves none of them (files it replaced are restored, folders it created are removed
 *       when empty).</li>
 *   <li><b>Checked up front:</b> {@link #checkFile} and {@link #checkDirectory} test a destination without writing
 *       it (the probe file they create in the nearest existing folder is removed at once), so a command can refuse
 *       a bad output before computing anything.</li>
 * </ul>
 * I/O failures are reported as {@link OutputFileException} with the reason ({@code "permission denied"},
 * {@code "no space left on device"}, ...).
 */
public final class AtomicFiles {

    /** Produces the content of a file on an output stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the whole content.
         *
         * @param out the temporary file's stream (closed by the caller)
         * @throws IOException when writing fails; the destination is then left as it was
         */
        void write(OutputStream out) throws IOException;
    }

    /** The marker in the names of temporary files: {@code .NAME.layerwise-PID-RANDOM.tmp}. */
    static final String MARK = ".layerwise-";

    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target} atomically.
     *
     * @param target the destination: absent, a regular file, or a symbolic link to one (or to nothing yet)
     * @param bytes  the content
     * @throws OutputFileException when the destination is not a regular file or cannot be written, with the reason
     */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes {@code text} as UTF-8 to {@code target} atomically.
     *
     * @param target the destination, as for {@link #write(Path, byte[])}
     * @param text   the content
     * @throws OutputFileException when the destination is not a regular file or cannot be written, with the reason
     */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Streams content into a temporary file next to {@code target}, then moves it into place; when {@code writer}
     * fails, the temporary file is removed and the destination is left as it was.
     *
     * @param target the destination, as for {@link #write(Path, byte[])}
     * @param writer produces the content
     * @throws OutputFileException when the destination is not a regular file or cannot be written, or the writer
     *                             fails with an {@link IOException}, with the reason
     */
    public static void write(Path target, Writer writer) {
        try (Batch batch = new Batch()) {
            batch.add("output", target, writer);
            batch.commit();
        }
    }

    /**
     * Checks, without writing it, that {@code target} can be written as a regular file: it is absent, a regular
     * file, or a symbolic link to one (or to nothing yet), and the folder it goes into exists as a writable folder
     * or can be created.
     *
     * @param what   the option that named it, for the message ({@code "--out"})
     * @param target the destination to check
     * @throws OutputFileException naming {@code what}, the path and the reason
     */
    public static void checkFile(String what, Path target) {
        Path dest = destination(what, target);
        checkCreatable(what, target, dest.getParent());
    }

    /**
     * Checks, without writing anything, that {@code dir} is or can become a writable folder (a symbolic link to a
     * folder is followed) and that none of {@code files} inside it is anything but a regular file.
     *
     * @param what  the option that named it, for the message ({@code "--report"})
     * @param dir   the folder to check
     * @param files names of files that will be written inside it
     * @throws OutputFileException naming {@code what}, the path and the reason
     */
    public static void checkDirectory(String what, Path dir, String... files) {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new OutputFileException(what, dir, "is " + kind(abs) + ", not a folder");
        }
        if (Files.isDirectory(abs)) {
            for (String f : files) {
                destination(what, abs.resolve(f));
            }
        }
        checkCreatable(what, dir, abs);
    }

    /**
     * The reason of an I/O failure, in words.
     *
     * @param e the failure
     * @return e.g. {@code "permission denied"}, {@code "no such file or folder"}, {@code "no space left on device"},
     *         else the system's own reason when known, else the exception's message
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * The file that writing {@code target} replaces: {@code target} itself, or the end of its chain of symbolic
     * links; refused unless it is absent or a regular file.
     */
    static Path destination(String what, Path target) {
        Path p = target.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops >= MAX_LINKS) {
                throw new OutputFileException(what, target, "too many levels of symbolic links");
            }
            try {
                p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
            } catch (IOException e) {
                throw new OutputFileException(what, target, "cannot read the symbolic link: " + reason(e));
            }
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            String via = p.equals(target.toAbsolutePath()) ? "" : " (a symbolic link to " + p + ")";
            throw new OutputFileException(what, target, "is " + kind(p) + via
                    + ", not a regular file; refusing to replace it");
        }
        return p;
    }

    /** "a folder", "a regular file", "a FIFO (named pipe)", "a character device", ...: what is at {@code p}. */
    static String kind(Path p) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "a folder";
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return "a regular file";
        }
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            switch (mode & 0170000) {
                case 0010000: return "a FIFO (named pipe)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // not a Unix file system: fall through
        }
        return "a special file";
    }

    /** Checks that {@code dir} exists as a writable folder or that its nearest existing ancestor is one. */
    private static void checkCreatable(String what, Path shown, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new OutputFileException(what, shown, "no folder of it exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new OutputFileException(what, shown, existing + " is " + kind(existing) + ", not a folder");
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(existing, ".probe" + MARK + ProcessHandle.current().pid() + "-", ".tmp");
        } catch (IOException e) {
            throw new OutputFileException(what, shown, "cannot create files in " + existing + ": " + reason(e));
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // the probe is empty and recognisable; a later write removes it
                }
            }
        }
    }

    /** Removes {@code .NAME.layerwise-PID-*.tmp} beside {@code dest} whose process no longer runs. */
    static void removeStale(Path dest) {
        Path dir = dest.getParent();
        String prefix = "." + dest.getFileName() + MARK;
        Pattern pid = Pattern.compile(Pattern.quote(prefix) + "(\\d+)-[^/]*\\.tmp");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, globQuote(prefix) + "*.tmp")) {
            for (Path p : ds) {
                Matcher m = pid.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && !alive(Long.parseLong(m.group(1)))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | NumberFormatException | UncheckedIOException e) {
            // stale temporaries are harmless; never fail a write because of them
        }
    }

    private static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String globQuote(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Several files written all or nothing: {@link #add} writes each to a temporary file beside its destination,
     * {@link #commit} renames them all into place; {@link #close} without a successful commit removes every
     * temporary and leaves the destinations as they were. If a rename fails during the commit, the destinations
     * already renamed are restored (a replaced file from a hard-linked backup; a new file is removed).
     * Not thread-safe; use with try-with-resources.
     */
    public static final class Batch implements AutoCloseable {

        private record Staged(String what, Path shown, Path dest, Path tmp) {
        }

        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

        private final List<Staged> staged = new ArrayList<>();
        private final List<Path> createdDirs = new ArrayList<>();
        private boolean committed;

        /**
         * Writes the content of {@code target} to its temporary file; nothing reaches {@code target} before
         * {@link #commit}.
         *
         * @param what   the option or role that named the file, for messages ({@code "--out"})
         * @param target the destination, as for {@link AtomicFiles#write(Path, byte[])}
         * @param writer produces the content
         * @return this batch
         * @throws IllegalStateException when the batch was already committed
         * @throws OutputFileException   when the destination is not a regular file or the content cannot be written
         */
        public Batch add(String what, Path target, Writer writer) {
            if (committed) {
                throw new IllegalStateException("batch already committed");
            }
            Path dest = destination(what, target);
            Path tmp = null;
            try {
                createDirectories(dest.getParent());
                removeStale(dest);
                tmp = createTemporary(dest);
                staged.add(new Staged(what, target, dest, tmp));
                // temporary files are created 0600; outputs get ordinary permissions
                if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    writer.write(out);
                }
            } catch (IOException e) {
                throw new OutputFileException(what, target, "cannot write: " + reason(e));
            }
            return this;
        }

        /** Moves every staged file into place; on failure restores the destinations and throws. */
        public void commit() {
            List<Path[]> done = new ArrayList<>(); // {dest, backup or null}
            for (Staged s : staged) {
                Path backup = staged.size() > 1 && Files.isRegularFile(s.dest(), LinkOption.NOFOLLOW_LINKS)
                        ? backup(s.dest()) : null;
                try {
                    move(s.tmp(), s.dest());
                } catch (IOException e) {
                    deleteQuietly(backup);
                    rollBack(done);
                    throw new OutputFileException(s.what(), s.shown(), "cannot replace: " + reason(e));
                }
                done.add(new Path[] {s.dest(), backup});
            }
            for (Path[] d : done) {
                deleteQuietly(d[1]);
            }
            committed = true;
        }

        private static void deleteQuietly(Path p) {
            if (p != null) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temporary is recognisable and removed by the next write of the same output
                }
            }
        }

        /**
         * Creates {@code .NAME.layerwise-PID-RANDOM.tmp} beside {@code dest}, registered for deletion at exit before
         * it exists (Ctrl-C runs the shutdown hooks, not {@link #close()}), so no window leaves it behind.
         */
        private static Path createTemporary(Path dest) throws IOException {
            String prefix = "." + dest.getFileName() + MARK + ProcessHandle.current().pid() + "-";
            for (int attempt = 0; ; attempt++) {
                Path tmp = dest.resolveSibling(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
                tmp.toFile().deleteOnExit();
                try {
                    return Files.createFile(tmp);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 100) {
                        throw e;
                    }
                }
            }
        }

        private static Path backup(Path dest) {
            Path b = dest.resolveSibling("." + dest.getFileName() + MARK + ProcessHandle.current().pid() + "-backup.tmp");
            try {
                Files.deleteIfExists(b);
                Files.createLink(b, dest);
                return b;
            } catch (IOException | UnsupportedOperationException e) {
                return null; // no hard links here: a failed commit cannot restore this file
            }
        }

        private static void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        private void rollBack(List<Path[]> done) {
            for (int i = done.size() - 1; i >= 0; i--) {
                Path dest = done.get(i)[0];
                Path backup = done.get(i)[1];
                try {
                    if (backup != null) {
                        move(backup, dest);
                    } else {
                        Files.deleteIfExists(dest);
                    }
                } catch (IOException ignored) {
                    // best effort: the original failure is what matters
                }
            }
        }

        private void createDirectories(Path dir) throws IOException {
            List<Path> missing = new ArrayList<>();
            for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
                missing.add(p);
            }
            for (int i = missing.size() - 1; i >= 0; i--) {
                Files.createDirectory(missing.get(i));
                createdDirs.add(missing.get(i));
            }
        }

        /** Without a successful {@link #commit}: removes the temporaries and the folders created for them. */
        @Override
        public void close() {
            for (Staged s : staged) {
                try {
                    Files.deleteIfExists(s.tmp());
                } catch (IOException ignored) {
                    // the original failure is what matters
                }
            }
            if (!committed) {
                for (int i = createdDirs.size() - 1; i >= 0; i--) {
                    try {
                        Files.deleteIfExists(createdDirs.get(i));
                    } catch (IOException ignored) {
                        // not empty (someone else wrote there) or gone: leave it
                    }
                }
            }
        }
    }
}
