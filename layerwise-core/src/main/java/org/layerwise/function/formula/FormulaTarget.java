package org.layerwise.function.formula;

import org.layerwise.function.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EmptyStackException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.layerwise.InvalidInputException;

import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.ValidationResult;
import net.objecthunter.exp4j.shuntingyard.ShuntingYard;
import net.objecthunter.exp4j.tokenizer.Token;

/**
 * A target given by a formula, parsed by exp4j.
 *
 * <p><b>Syntax.</b> Numbers ({@code 2}, {@code 0.5}, {@code 1e-3}), operators {@code + - * / ^ %} (with
 * {@code ^} binding tighter than unary minus: {@code -x^2 = -(x^2)}), parentheses, the constants {@code pi} and
 * {@code e}, the functions listed in {@link FormulaFunctions} (exp4j's built-ins plus {@code step}, {@code sign},
 * {@code min}, {@code max}, {@code clamp}). Multiplication must be written: {@code 2*x}, not {@code 2x}.
 *
 * <p><b>Variables.</b> {@code x1, ..., xd} are the coordinates of {@code x} in {@code [0,1]^d}. When
 * {@code d <= 3} the aliases {@code x, y, z} may be used for {@code x1, x2, x3}; the two styles may be mixed
 * ({@code x} and {@code x1} are the same variable). The dimension is, in order:
 * <ol>
 *   <li>the given {@code dim}, if any; a variable {@code xk} with {@code k > dim} is an error, and so is an alias
 *       when {@code dim > 3};</li>
 *   <li>otherwise the largest coordinate used ({@code x5 -> 5}, {@code y -> 2}, {@code z -> 3}); an alias together
 *       with a variable beyond {@code x3} is an error;</li>
 *   <li>1 for a formula that uses no variable.</li>
 * </ol>
 * At most {@link #MAX_DIM} coordinates.
 *
 * <p><b>Evaluation.</b> exp4j parses and validates the formula (and words the error messages); its reverse Polish
 * tokens are then compiled into a {@link CompiledFormula}, an immutable tree that returns exactly the doubles exp4j's
 * interpreter returns (bit for bit, including NaN, infinities and the {@link ArithmeticException} exp4j throws for a
 * division by zero), several times faster and without per-call allocation. {@link #value(double[])} is thread-safe.
 */
public final class FormulaTarget implements Target {

    /** The largest dimension a formula may have. */
    public static final int MAX_DIM = 64;

    private static final Pattern INDEXED = Pattern.compile("x([1-9][0-9]{0,8})");
    private static final Map<String, Integer> ALIASES = Map.of("x", 1, "y", 2, "z", 3);
    private static final List<String> CONSTANTS = List.of("pi", "e", "\u03c0");

    private final String text;
    private final int dim;
    /** The variable names used by the formula and the coordinate (0-based) each one reads. */
    private final String[] names;
    private final int[] coordinates;
    private final CompiledFormula compiled;

    private FormulaTarget(String text, int dim, String[] names, int[] coordinates, CompiledFormula compiled) {
        this.text = text;
        this.dim = dim;
        this.names = names;
        this.coordinates = coordinates;
        this.compiled = compiled;
    }

    /**
     * Parses {@code expression} as a target of dimension {@code dim} (or the inferred dimension when {@code dim}
     * is null, see the class comment).
     *
     * @throws InvalidInputException for an empty or malformed formula, an unknown name, or a variable that does not
     *                               fit the dimension; the message quotes the formula and the offending token
     */
    public static FormulaTarget parse(String expression, Integer dim) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException("formula is empty");
        }
        String text = expression.strip();
        if (dim != null && (dim < 1 || dim > MAX_DIM)) {
            throw new InvalidInputException("dimension of formula '" + text + "' must be between 1 and " + MAX_DIM
                    + ", got " + dim);
        }
        checkParentheses(text);
        // Variables used, in order of first appearance, with their coordinate (1-based).
        Map<String, Integer> used = new LinkedHashMap<>();
        String firstAlias = null;
        String highest = null;
        int maxCoordinate = 0;
        for (Name n : names(text)) {
            if (FormulaFunctions.isFunction(n.text) || CONSTANTS.contains(n.text)) {
                continue;
            }
            int k;
            Matcher m = INDEXED.matcher(n.text);
            if (m.matches()) {
                k = Integer.parseInt(m.group(1));
                int limit = dim != null ? dim : MAX_DIM;
                if (k > limit) {
                    String why = dim != null ? "the dimension is " + dim : "at most " + MAX_DIM + " coordinates";
                    throw new InvalidInputException("variable '" + n.text + "' in formula '" + text + "' (character "
                            + n.position + ") does not fit: " + why + "; allowed: " + allowed(dim));
                }
            } else if (ALIASES.containsKey(n.text)) {
                k = ALIASES.get(n.text);
                if (dim != null && (dim > 3 || k > dim)) {
                    throw new InvalidInputException("variable '" + n.text + "' in formula '" + text + "' (character "
                            + n.position + ") does not fit: the dimension is " + dim + "; allowed: " + allowed(dim));
                }
                if (firstAlias == null) {
                    firstAlias = n.text;
                }
            } else if (n.call) {
                throw new InvalidInputException("unknown function '" + n.text + "' in formula '" + text
                        + "' (character " + n.position + "); known functions: " + FormulaFunctions.names());
            } else {
                throw new InvalidInputException("unknown variable '" + n.text + "' in formula '" + text
                        + "' (character " + n.position + "); allowed: " + allowed(dim));
            }
            used.putIfAbsent(n.text, k);
            if (k > maxCoordinate) {
                maxCoordinate = k;
                highest = n.text;
            }
        }
        int d = dim != null ? dim : Math.max(1, maxCoordinate);
        if (firstAlias != null && d > 3) {
            throw new InvalidInputException("variable '" + firstAlias + "' in formula '" + text
                    + "' is only allowed when d <= 3, but the formula uses " + highest + " (so d = " + d
                    + "); write x" + ALIASES.get(firstAlias) + " instead");
        }
        String[] names = used.keySet().toArray(new String[0]);
        int[] coordinates = used.values().stream().mapToInt(k -> k - 1).toArray();
        Expression prototype = build(text, names);
        trial(text, names, prototype);
        Map<String, Integer> coordinateOf = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            coordinateOf.put(names[i], coordinates[i]);
        }
        CompiledFormula compiled;
        try {
            compiled = CompiledFormula.compile(rpn(text, names), coordinateOf);
        } catch (IllegalArgumentException | EmptyStackException ex) {
            throw cannotParse(text, ex.getMessage());
        }
        return new FormulaTarget(text, d, names, coordinates, compiled);
    }

    /** The reverse Polish tokens, obtained exactly as exp4j's {@code ExpressionBuilder.build()} obtains them. */
    static Token[] rpn(String text, String[] names) {
        Map<String, net.objecthunter.exp4j.function.Function> functions = new HashMap<>();
        for (net.objecthunter.exp4j.function.Function f : FormulaFunctions.ALL) {
            functions.put(f.getName(), f);
        }
        Set<String> variables = new HashSet<>(Arrays.asList(names));
        variables.addAll(List.of("pi", "\u03c0", "e", "\u03c6"));
        return ShuntingYard.convertToRPN(text, functions, Map.of(), variables, false);
    }

    /** exp4j's interpreter for the formula (a fresh instance), the reference {@link CompiledFormula} must match. */
    static Expression interpreted(String text, String[] names) {
        return build(text, names);
    }

    /** The variable names the formula uses, in order of first appearance; a fresh copy. */
    String[] variableNames() {
        return names.clone();
    }

    private static Expression build(String text, String[] names) {
        Expression e;
        try {
            e = new ExpressionBuilder(text).variables(names).functions(FormulaFunctions.ALL)
                    .implicitMultiplication(false).build();
        } catch (IllegalArgumentException | EmptyStackException ex) {
            throw cannotParse(text, ex.getMessage());
        }
        ValidationResult v = e.validate(false);
        if (!v.isValid()) {
            throw cannotParse(text, String.join("; ", v.getErrors()));
        }
        return e;
    }

    /**
     * Evaluates once with exp4j at the centre of the cube, so that structural errors exp4j only finds then are reported
     * now, in exp4j's words. A division by zero there ({@link ArithmeticException}) is not a syntax error: the
     * formula is accepted and throws at the points where it divides by zero (the compiled tree checks the structure).
     */
    private static void trial(String text, String[] names, Expression e) {
        try {
            for (int i = 0; i < names.length; i++) {
                e.setVariable(names[i], 0.5);
            }
            e.evaluate();
        } catch (ArithmeticException ex) {
            // Undefined at the centre only; see above.
        } catch (IllegalArgumentException | EmptyStackException ex) {
            throw cannotParse(text, ex.getMessage());
        }
    }

    private static InvalidInputException cannotParse(String text, String detail) {
        String d = detail == null ? "malformed expression" : detail.strip();
        if (!d.isEmpty()) {
            d = d.substring(0, 1).toLowerCase(Locale.ROOT) + d.substring(1);
        }
        if (d.contains("too many operands") || d.contains("invalid number of items")) {
            d += " (missing operator? write products explicitly, e.g. 2*x, and check function arguments)";
        }
        return new InvalidInputException("cannot parse formula '" + text + "': " + d);
    }

    /** Reports the first unbalanced bracket (exp4j treats (), [] and {} alike) with its 1-based position. */
    private static void checkParentheses(String text) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                open.add(i);
            } else if (c == ')' || c == ']' || c == '}') {
                if (open.isEmpty()) {
                    throw cannotParse(text, "mismatched parentheses: '" + c + "' at character " + (i + 1)
                            + " has no matching opening bracket");
                }
                open.remove(open.size() - 1);
            }
        }
        if (!open.isEmpty()) {
            int i = open.get(open.size() - 1);
            throw cannotParse(text, "mismatched parentheses: '" + text.charAt(i) + "' at character " + (i + 1)
                    + " is never closed");
        }
    }

    /** A name in the formula: its text, 1-based position, and whether a '(' follows it. */
    private record Name(String text, int position, boolean call) {
    }

    /** Splits out the names (letters, digits, '_' and '.', starting with a letter or '_'), skipping numbers. */
    private static List<Name> names(String s) {
        List<Name> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isDigit(c) || c == '.') {
                i++;
                while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                // An exponent 1e-3 belongs to the number, not a name 'e'.
                if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                        j++;
                    }
                    if (j < n && Character.isDigit(s.charAt(j))) {
                        i = j;
                        while (i < n && Character.isDigit(s.charAt(i))) {
                            i++;
                        }
                    }
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                i++;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
                    i++;
                }
                int j = i;
                while (j < n && Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                out.add(new Name(s.substring(start, i), start + 1, j < n && s.charAt(j) == '('));
            } else {
                i++;
            }
        }
        return out;
    }

    /** The variable names allowed for a given dimension (null: not fixed), for error messages. */
    static String allowed(Integer dim) {
        if (dim == null) {
            return "x1, x2, ..., x" + MAX_DIM + " (the dimension is the largest index used), or x, y, z when d <= 3;"
                    + " constants pi, e";
        }
        StringBuilder sb = new StringBuilder();
        if (dim <= 6) {
            for (int k = 1; k <= dim; k++) {
                sb.append(k == 1 ? "" : ", ").append('x').append(k);
            }
        } else {
            sb.append("x1, x2, ..., x").append(dim);
        }
        String[] alias = {"x", "y", "z"};
        for (int k = 0; k < dim && dim <= 3; k++) {
            sb.append(", ").append(alias[k]);
        }
        return sb.toString();
    }

    /** The formula text, as given (without surrounding blanks). */
    @Override
    public String name() {
        return text;
    }

    @Override
    public int dim() {
        return dim;
    }

    /**
     * The compiled tree, for interval and Taylor enclosures of the real function
     * ({@link CompiledFormula#enclose}, {@link CompiledFormula#taylor}).
     */
    public CompiledFormula compiled() {
        return compiled;
    }

    /** The coordinates (0-based) the formula actually reads, in order of first use; a fresh copy. */
    public int[] usedCoordinates() {
        return java.util.Arrays.stream(coordinates).distinct().toArray();
    }

    @Override
    public double value(double[] x) {
        if (x.length != dim) {
            throw new InvalidInputException("point has " + x.length + " coordinates, formula '" + text
                    + "' expects " + dim);
        }
        try {
            return compiled.eval(x);
        } catch (ArithmeticException e) {
            // exp4j's division by zero: bad input at this point, reported with the point
            throw new InvalidInputException("formula '" + text + "': " + e.getMessage() + " at x = "
                    + java.util.Arrays.toString(x), e);
        }
    }

    @Override
    public String toString() {
        return "formula '" + text + "' (d = " + dim + ")";
    }
}
