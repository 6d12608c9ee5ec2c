package org.layerwise.function;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.layerwise.InvalidInputException;
import org.layerwise.function.formula.FormulaTarget;

/**
 * How a target was given, recorded so that it can be rebuilt later (the {@code target} block of a model
 * file, read by {@code refine}).
 *
 * <ul>
 * <li>{@code formula}: {@code spec} is the formula text, {@code dim} its dimension;</li>
 * <li>{@code builtin}: {@code spec} is the catalog name;</li>
 * <li>{@code image}, {@code grid}: {@code spec} is the absolute path and {@code sha256} the SHA-256 (hex)
 *     of the file's bytes; {@link #resolve()} refuses a file whose contents changed;</li>
 * <li>{@code java}: {@code spec} is the name of a function given in Java; {@link #resolve()} refuses it (the
 *     function is not in the file).</li>
 * </ul>
 *
 * @param kind   how the target was given
 * @param spec   formula text, builtin name, or absolute file path
 * @param dim    the target's dimension {@code d >= 1}
 * @param sha256 SHA-256 of the file for {@code image} and {@code grid}, else null
 */
public record TargetSpec(Kind kind, String spec, int dim, String sha256) {

    /** How a target was given; {@link #id()} is the name in the target block. */
    public enum Kind {
        /** A formula in {@code x1..xd}. */
        FORMULA("formula"),
        /** A name in the built-in catalog. */
        BUILTIN("builtin"),
        /** A PNG or JPEG file (luminance, d = 2). */
        IMAGE("image"),
        /** A CSV file of cell values. */
        GRID("grid"),
        /**
         * A function given in Java ({@link Targets#of}); {@code spec} is its name. It cannot be rebuilt from a model
         * file: refine such a model from Java, passing the function again.
         */
        JAVA("java");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /**
         * @return the name in the target block ({@code "formula"}, {@code "builtin"}, {@code "image"}, {@code "grid"})
         */
        public String id() {
            return id;
        }

        /** Whether the target is read from a file whose hash is recorded. */
        boolean isFile() {
            return this == IMAGE || this == GRID;
        }

        /**
         * The kind named {@code id}.
         *
         * @param id a name as returned by {@link #id()}
         * @return the kind
         * @throws InvalidInputException if no kind has that name
         */
        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new InvalidInputException("unknown target kind '" + id + "' (formula, builtin, image, grid or java)");
        }

        /** The same as {@link #id()}. */
        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * @param kind   how the target was given
     * @param spec   formula text, built-in name, absolute file path or Java function name
     * @param dim    the dimension {@code >= 1}
     * @param sha256 the file's SHA-256 for images and grids, else null
     * @throws InvalidInputException if a value is missing or out of range
     */
    public TargetSpec {
        if (kind == null) {
            throw new InvalidInputException("unknown target kind 'null' (formula, builtin, image, grid or java)");
        }
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("target of kind " + kind + " has no spec");
        }
        if (dim < 1) {
            throw new InvalidInputException("target dimension must be >= 1, got " + dim);
        }
        if (kind.isFile() && (sha256 == null || sha256.isBlank())) {
            throw new InvalidInputException("target file " + spec + " has no recorded SHA-256");
        }
    }

    /**
     * A formula target's description.
     *
     * @param text the formula
     * @param dim  its dimension; null infers it from the formula
     * @return the description and the target
     * @throws InvalidInputException if the formula does not parse
     */
    public static Described formula(String text, Integer dim) {
        Target t = Targets.formula(text, dim);
        return new Described(new TargetSpec(Kind.FORMULA, text, t.dim(), null), t);
    }

    /**
     * A built-in target's description.
     *
     * @param name the catalog name
     * @return the description and the target
     * @throws InvalidInputException if there is no such built-in
     */
    public static Described builtin(String name) {
        Target t = Targets.builtin(name);
        return new Described(new TargetSpec(Kind.BUILTIN, name, t.dim(), null), t);
    }

    /**
     * An image target's description, with the file's absolute path and hash.
     *
     * @param file a PNG or JPEG file
     * @return the description and the target
     * @throws InvalidInputException if the file cannot be read
     */
    public static Described image(Path file) {
        String hash = sha256(file);
        Target t = Targets.image(file);
        return new Described(new TargetSpec(Kind.IMAGE, file.toAbsolutePath().normalize().toString(), t.dim(), hash), t);
    }

    /**
     * A CSV grid target's description, with the file's absolute path and hash.
     *
     * @param file a CSV grid file
     * @return the description and the target
     * @throws InvalidInputException if the file cannot be read or is malformed
     */
    public static Described grid(Path file) {
        String hash = sha256(file);
        Target t = Targets.grid(file);
        return new Described(new TargetSpec(Kind.GRID, file.toAbsolutePath().normalize().toString(), t.dim(), hash), t);
    }

    /**
     * How a target made in Java was given: a formula ({@link Targets#formula}) or a built-in ({@link Targets#builtin})
     * is recorded as such, so the command line can rebuild it; any other target (a lambda from {@link Targets#of},
     * an image or grid read in Java) as kind {@code java} with its name.
     *
     * @param t the target
     * @return its description
     */
    public static TargetSpec of(Target t) {
        if (t instanceof FormulaTarget formula) {
            return new TargetSpec(Kind.FORMULA, formula.name(), formula.dim(), null);
        }
        if (t instanceof BuiltinTarget b && BuiltinCatalog.ALL.contains(b)) {
            return new TargetSpec(Kind.BUILTIN, b.name(), b.dim(), null);
        }
        String name = t.name() == null || t.name().isBlank() ? "unnamed" : t.name();
        return new TargetSpec(Kind.JAVA, name, t.dim(), null);
    }

    /** A target together with how it was given. */
    public record Described(TargetSpec spec, Target target) {
    }

    /**
     * Rebuilds the target.
     *
     * @return the target
     * @throws InvalidInputException if a file is missing or its SHA-256 differs from the recorded one, the rebuilt
     *                               target's dimension differs from {@code dim}, or the target was a Java function
     */
    public Target resolve() {
        Target t = switch (kind) {
            case FORMULA -> Targets.formula(spec, dim);
            case BUILTIN -> Targets.builtin(spec);
            case JAVA -> throw new InvalidInputException("target '" + spec + "' was given as a Java function and cannot"
                    + " be rebuilt from the model file; refine the model from Java, passing the function again"
                    + " (Layerwise.refine(model, target, levels))");
            case IMAGE, GRID -> {
                Path file = Path.of(spec);
                String now = sha256(file);
                if (!now.equalsIgnoreCase(sha256)) {
                    throw new InvalidInputException("target file " + spec + " has changed (SHA-256 " + now
                            + ", recorded " + sha256 + ")");
                }
                yield kind == Kind.IMAGE ? Targets.image(file) : Targets.grid(file);
            }
        };
        if (t.dim() != dim) {
            throw new InvalidInputException("target " + spec + " now has dimension " + t.dim() + ", recorded " + dim);
        }
        return t;
    }

    /**
     * The members for a model file's target block.
     *
     * @return {@code kind, spec, dim[, sha256]} in that order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.id());
        m.put("spec", spec);
        m.put("dim", dim);
        if (sha256 != null) {
            m.put("sha256", sha256);
        }
        return m;
    }

    /**
     * Reads {@link #toMap()}'s members back (other members are ignored).
     *
     * @param m a target block
     * @return the description
     * @throws InvalidInputException if a member is missing, has the wrong type or an unknown kind
     */
    public static TargetSpec fromMap(Map<String, ?> m) {
        Object kind = m.get("kind");
        Object spec = m.get("spec");
        Object dim = m.get("dim");
        Object sha = m.get("sha256");
        if (!(kind instanceof String) || !(spec instanceof String) || !(dim instanceof Number)) {
            throw new InvalidInputException("the target block needs string 'kind', string 'spec' and integer 'dim', got "
                    + m);
        }
        return new TargetSpec(Kind.of((String) kind), (String) spec, ((Number) dim).intValue(),
                sha instanceof String s ? s : null);
    }

    /**
     * The SHA-256 of a file's bytes.
     *
     * @param file the file
     * @return the hash in lower-case hex
     * @throws InvalidInputException if the file does not exist or cannot be read
     */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            MessageDigest md = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("target file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read target file " + file + ": " + e.getMessage());
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
