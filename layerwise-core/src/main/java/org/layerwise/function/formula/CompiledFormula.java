package org.layerwise.function.formula;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.objecthunter.exp4j.function.Function;
import net.objecthunter.exp4j.function.Functions;
import net.objecthunter.exp4j.operator.Operator;
import net.objecthunter.exp4j.operator.Operators;
import net.objecthunter.exp4j.tokenizer.FunctionToken;
import net.objecthunter.exp4j.tokenizer.NumberToken;
import net.objecthunter.exp4j.tokenizer.OperatorToken;
import net.objecthunter.exp4j.tokenizer.Token;
import net.objecthunter.exp4j.tokenizer.VariableToken;

/**
 * A formula compiled from exp4j's reverse Polish tokens into a tree of small immutable nodes.
 *
 * <p><b>Contract.</b> For every point {@code x}, {@link #eval(double[])} returns the same double (bit for bit, as
 * compared by {@link Double#doubleToLongBits}) as exp4j 0.4.8's {@code Expression.evaluate()} on the same tokens, and
 * throws the same {@link ArithmeticException} where exp4j does (division or {@code %} by zero, {@code cot} of a
 * multiple of pi). It does so because every node applies exactly the Java operation the corresponding exp4j
 * operator or function applies ({@code +,-,*,/,%} as the IEEE operations, {@code ^} and {@code pow} as
 * {@link Math#pow}, {@code log2(t) = Math.log(t) / Math.log(2)}, exp4j's own {@code signum} (0 for NaN), ...), to the
 * same operands; precedence (for instance {@code -x^2 = -(x^2)}) is whatever exp4j's shunting-yard produced.
 *
 * <p><b>Cost.</b> One virtual call per node, no allocation and no mutable state: one instance may be used by any
 * number of threads. Constant subtrees are folded at compile time (same operations, so the same bits), unless
 * folding would throw.
 */
public final class CompiledFormula {

    /** exp4j's built-in constants (the values {@code Expression} assigns to them). */
    private static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI, "\u03c0", Math.PI, "e", Math.E,
            "\u03c6", 1.61803398874d);

    private final Node root;
    private final boolean fallback;

    private CompiledFormula(Node root, boolean fallback) {
        this.root = root;
        this.fallback = fallback;
    }

    /**
     * Compiles exp4j RPN tokens (as produced by {@code ShuntingYard.convertToRPN}) into a tree.
     *
     * @param rpn          the tokens in reverse Polish order
     * @param coordinateOf for every variable name, the 0-based coordinate of {@code x} it reads
     * @throws IllegalArgumentException for an unknown variable or a malformed token sequence (with exp4j's wording)
     */
    public static CompiledFormula compile(Token[] rpn, Map<String, Integer> coordinateOf) {
        Deque<Node> stack = new ArrayDeque<>();
        boolean fallback = false;
        for (Token t : rpn) {
            switch (t.getType()) {
                case Token.TOKEN_NUMBER -> stack.push(new Const(((NumberToken) t).getValue()));
                case Token.TOKEN_VARIABLE -> {
                    String name = ((VariableToken) t).getName();
                    Integer k = coordinateOf.get(name);
                    if (k != null) {
                        stack.push(new Var(k));
                    } else if (CONSTANTS.containsKey(name)) {
                        stack.push(new Const(CONSTANTS.get(name)));
                    } else {
                        throw new IllegalArgumentException("No value has been set for the setVariable '" + name + "'.");
                    }
                }
                case Token.TOKEN_OPERATOR -> {
                    Operator op = ((OperatorToken) t).getOperator();
                    int n = op.getNumOperands();
                    if (stack.size() < n) {
                        throw new IllegalArgumentException("Invalid number of operands available for '"
                                + op.getSymbol() + "' operator");
                    }
                    Node b = stack.pop();
                    Node a = n == 2 ? stack.pop() : null;
                    Node node = operator(op, a, b);
                    if (node == null) {
                        node = n == 2 ? new Generic(op::apply, new Node[] {a, b}) : new Generic(op::apply, new Node[] {b});
                        fallback = true;
                    }
                    stack.push(fold(node));
                }
                case Token.TOKEN_FUNCTION -> {
                    Function f = ((FunctionToken) t).getFunction();
                    int n = f.getNumArguments();
                    if (stack.size() < n) {
                        throw new IllegalArgumentException("Invalid number of arguments available for '"
                                + f.getName() + "' function");
                    }
                    Node[] args = new Node[n];
                    for (int i = n - 1; i >= 0; i--) {
                        args[i] = stack.pop();
                    }
                    Node node = function(f, args);
                    if (node == null) {
                        node = new Generic(f::apply, args);
                        fallback = true;
                    }
                    stack.push(fold(node));
                }
                default -> throw new IllegalArgumentException("unexpected token of type " + t.getType());
            }
        }
        if (stack.size() > 1) {
            throw new IllegalArgumentException("Invalid number of items on the output queue. Might be caused by an"
                    + " invalid number of arguments for a function.");
        }
        if (stack.isEmpty()) {
            throw new IllegalArgumentException("empty expression");
        }
        return new CompiledFormula(stack.pop(), fallback);
    }

    /** {@code f(x)}; see the class contract. Thread-safe, allocation-free. */
    public double eval(double[] x) {
        return root.eval(x);
    }

    /** Whether some operator or function had no dedicated node and is evaluated through exp4j (allocating). */
    boolean usesFallback() {
        return fallback;
    }

    /** The number of nodes in the tree (after constant folding). */
    int size() {
        return root.size();
    }

    private static Node operator(Operator op, Node a, Node b) {
        String s = op.getSymbol();
        if (s.length() != 1 || Operators.getBuiltinOperator(s.charAt(0), op.getNumOperands()) != op) {
            return null;
        }
        if (op.getNumOperands() == 1) {
            return switch (s.charAt(0)) {
                case '-' -> new Neg(b);
                case '+' -> b;
                default -> null;
            };
        }
        return switch (s.charAt(0)) {
            case '+' -> new Add(a, b);
            case '-' -> new Sub(a, b);
            case '*' -> new Mul(a, b);
            case '/' -> new Div(a, b);
            case '%' -> new Mod(a, b);
            case '^' -> new Pow(a, b);
            default -> null;
        };
    }

    private static Node function(Function f, Node[] a) {
        String name = f.getName();
        if (Functions.getBuiltinFunction(name) == f) {
            return builtin(name, a);
        }
        List<Function> own = FormulaFunctions.ALL;
        for (Function g : own) {
            if (g == f) {
                return switch (name) {
                    case "step" -> new Unary(a[0], Unary.STEP);
                    case "sign" -> new Unary(a[0], Unary.SIGN);
                    case "min" -> new Min(a[0], a[1]);
                    case "max" -> new Max(a[0], a[1]);
                    case "clamp" -> new Clamp(a[0], a[1], a[2]);
                    default -> null;
                };
            }
        }
        return null;
    }

    private static final Map<String, Integer> UNARY_CODES = unaryCodes();

    private static Map<String, Integer> unaryCodes() {
        Map<String, Integer> m = new HashMap<>();
        String[] names = {"sin", "cos", "tan", "cot", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "expm1",
                "log", "log2", "log10", "log1p", "sqrt", "cbrt", "abs", "floor", "ceil", "signum"};
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], i);
        }
        return Map.copyOf(m);
    }

    private static Node builtin(String name, Node[] a) {
        if (name.equals("pow") && a.length == 2) {
            return new Pow(a[0], a[1]);
        }
        Integer code = UNARY_CODES.get(name);
        if (code == null || a.length != 1) {
            return null;
        }
        return switch (name) {
            case "sin" -> new Sin(a[0]);
            case "cos" -> new Cos(a[0]);
            case "exp" -> new Exp(a[0]);
            case "sqrt" -> new Sqrt(a[0]);
            case "abs" -> new Abs(a[0]);
            case "log" -> new Log(a[0]);
            default -> new Unary(a[0], code);
        };
    }

    /** Replaces a subtree without variables by its value, computed with the very same node code. */
    private static Node fold(Node n) {
        if (!n.constant()) {
            return n;
        }
        try {
            return new Const(n.eval(new double[0]));
        } catch (ArithmeticException e) {
            // Keep it: exp4j throws at evaluation time, and so must we.
            return n;
        }
    }

    /** A node of the tree: an immutable function of the point. */
    abstract static class Node {
        abstract double eval(double[] x);

        /** Whether the value does not depend on the point. */
        abstract boolean constant();

        abstract int size();
    }

    private static final class Const extends Node {
        private final double c;

        Const(double c) {
            this.c = c;
        }

        @Override
        double eval(double[] x) {
            return c;
        }

        @Override
        boolean constant() {
            return true;
        }

        @Override
        int size() {
            return 1;
        }
    }

    private static final class Var extends Node {
        private final int k;

        Var(int k) {
            this.k = k;
        }

        @Override
        double eval(double[] x) {
            return x[k];
        }

        @Override
        boolean constant() {
            return false;
        }

        @Override
        int size() {
            return 1;
        }
    }

    /** A node with one operand. */
    private abstract static class One extends Node {
        final Node a;

        One(Node a) {
            this.a = a;
        }

        @Override
        final boolean constant() {
            return a.constant();
        }

        @Override
        final int size() {
            return 1 + a.size();
        }
    }

    /**
     * A node with two operands, evaluated left then right (as exp4j's stack machine does). A variable or constant
     * operand is read inline instead of through a call (the commonest shapes: {@code x - 0.5}, {@code t^2},
     * {@code 2*pi*x}).
     */
    private abstract static class Two extends Node {
        final Node a;
        final Node b;
        /** For a variable operand its coordinate, for a constant -1, otherwise -2. */
        private final int ka;
        private final int kb;
        private final double ca;
        private final double cb;

        Two(Node a, Node b) {
            this.a = a;
            this.b = b;
            this.ka = kind(a);
            this.kb = kind(b);
            this.ca = a instanceof Const c ? c.c : 0;
            this.cb = b instanceof Const c ? c.c : 0;
        }

        private static int kind(Node n) {
            return n instanceof Var v ? v.k : (n instanceof Const ? -1 : -2);
        }

        final double left(double[] x) {
            int k = ka;
            return k >= 0 ? x[k] : (k == -1 ? ca : a.eval(x));
        }

        final double right(double[] x) {
            int k = kb;
            return k >= 0 ? x[k] : (k == -1 ? cb : b.eval(x));
        }

        @Override
        final boolean constant() {
            return a.constant() && b.constant();
        }

        @Override
        final int size() {
            return 1 + a.size() + b.size();
        }
    }

    private static final class Neg extends One {
        Neg(Node a) {
            super(a);
        }

        @Override
        double eval(double[] x) {
            return -a.eval(x);
        }
    }

    private static final class Add extends Two {
        Add(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return left(x) + right(x);
        }
    }

    private static final class Sub extends Two {
        Sub(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return left(x) - right(x);
        }
    }

    private static final class Mul extends Two {
        Mul(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return left(x) * right(x);
        }
    }

    /** exp4j's '/': throws on a zero divisor (either sign) instead of returning an infinity or NaN. */
    private static final class Div extends Two {
        Div(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            double p = left(x);
            double q = right(x);
            if (q == 0d) {
                throw new ArithmeticException("Division by zero!");
            }
            return p / q;
        }
    }

    /** exp4j's '%': Java's remainder, throwing on a zero divisor. */
    private static final class Mod extends Two {
        Mod(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            double p = left(x);
            double q = right(x);
            if (q == 0d) {
                throw new ArithmeticException("Division by zero!");
            }
            return p % q;
        }
    }

    private static final class Pow extends Two {
        Pow(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return Math.pow(left(x), right(x));
        }
    }

    private static final class Min extends Two {
        Min(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return Math.min(left(x), right(x));
        }
    }

    private static final class Max extends Two {
        Max(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return Math.max(left(x), right(x));
        }
    }

    private static final class Clamp extends Node {
        private final Node t;
        private final Node lo;
        private final Node hi;

        Clamp(Node t, Node lo, Node hi) {
            this.t = t;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        double eval(double[] x) {
            return FormulaFunctions.clamp(t.eval(x), lo.eval(x), hi.eval(x));
        }

        @Override
        boolean constant() {
            return t.constant() && lo.constant() && hi.constant();
        }

        @Override
        int size() {
            return 1 + t.size() + lo.size() + hi.size();
        }
    }

    // The commonest functions get their own class (a direct call the JIT inlines); the rest share a switch.

    private static final class Sin extends One {
        Sin(Node a) {
            super(a);
        }

        @Override
        double eval(double[] x) {
            return Math.sin(a.eval(x));
        }
    }

    private static final class Cos extends One {
        Cos(Node a) {
            super(a);
        }

        @Override
        double eval(double[] x) {
            return Math.cos(a.eval(x));
        }
    }

    private static final class Exp extends One {
        Exp(Node a) {
            super(a);
        }

        @Override
        double eval(double[] x) {
            return Math.exp(a.eval(x));
        }
    }

    private static final class Sqrt extends One {
        Sqrt(Node a) {
            super(a);
        }

        @Override
        double eval(double[] x) {
            return Math.sqrt(a.eval(x));
        }
    }

    private static final class Abs extends One {
        Abs(Node a) {
            super(a);
        }

        @Override
        double eval(double[] x) {
            return Math.abs(a.eval(x));
        }
    }

    private static final class Log extends One {
        Log(Node a) {
            super(a);
        }

        @Override
        double eval(double[] x) {
            return Math.log(a.eval(x));
        }
    }

    /** The other one-argument functions, each exactly as exp4j 0.4.8 (or {@link FormulaFunctions}) defines it. */
    private static final class Unary extends One {
        static final int STEP = 100;
        static final int SIGN = 101;
        private final int code;

        Unary(Node a, int code) {
            super(a);
            this.code = code;
        }

        @Override
        double eval(double[] x) {
            double t = a.eval(x);
            switch (code) {
                case 0: return Math.sin(t);
                case 1: return Math.cos(t);
                case 2: return Math.tan(t);
                case 3: {
                    // exp4j: throws when tan is (signed) zero, else 1 / tan.
                    double tan = Math.tan(t);
                    if (tan == 0d) {
                        throw new ArithmeticException("Division by zero in cotangent!");
                    }
                    return 1d / Math.tan(t);
                }
                case 4: return Math.asin(t);
                case 5: return Math.acos(t);
                case 6: return Math.atan(t);
                case 7: return Math.sinh(t);
                case 8: return Math.cosh(t);
                case 9: return Math.tanh(t);
                case 10: return Math.exp(t);
                case 11: return Math.expm1(t);
                case 12: return Math.log(t);
                // exp4j computes log(2) at every call; the same double.
                case 13: return Math.log(t) / Math.log(2.0d);
                case 14: return Math.log10(t);
                case 15: return Math.log1p(t);
                case 16: return Math.sqrt(t);
                case 17: return Math.cbrt(t);
                case 18: return Math.abs(t);
                case 19: return Math.floor(t);
                case 20: return Math.ceil(t);
                // exp4j's signum: 0 (positive) for NaN and for -0.
                case 21: return t > 0 ? 1 : (t < 0 ? -1 : 0);
                case STEP: return FormulaFunctions.step(t);
                case SIGN: return FormulaFunctions.sign(t);
                default: throw new IllegalStateException("unknown function code " + code);
            }
        }
    }

    /** Any other operator or function: calls exp4j's implementation (allocates its argument array). */
    private static final class Generic extends Node {
        private final java.util.function.ToDoubleFunction<double[]> f;
        private final Node[] args;

        Generic(java.util.function.ToDoubleFunction<double[]> f, Node[] args) {
            this.f = f;
            this.args = args;
        }

        @Override
        double eval(double[] x) {
            double[] v = new double[args.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = args[i].eval(x);
            }
            return f.applyAsDouble(v);
        }

        @Override
        boolean constant() {
            for (Node n : args) {
                if (!n.constant()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        int size() {
            int s = 1;
            for (Node n : args) {
                s += n.size();
            }
            return s;
        }
    }
}
