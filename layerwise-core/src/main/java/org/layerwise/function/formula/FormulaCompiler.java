package org.layerwise.function.formula;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.layerwise.numeric.Interval;

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
 * Compiles exp4j's reverse Polish tokens into a tree of {@link FormulaNode}s: each exp4j operator or function gets
 * the node that applies exactly the Java operation exp4j applies, and constant subtrees are folded (same node code,
 * so the same bits) unless folding would throw. A folded constant keeps the enclosure of its real value, computed
 * by the subtree's own interval mode.
 */
final class FormulaCompiler {

    /** exp4j's built-in constants (the values {@code Expression} assigns to them). */
    private static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI, "\u03c0", Math.PI, "e", Math.E,
            "\u03c6", 1.61803398874d);

    private FormulaCompiler() {
    }

    /** The tree and whether some node falls back to exp4j's own implementation. */
    record Compiled(FormulaNode root, boolean fallback) {
    }

    /** See {@link CompiledFormula#compile}. */
    static Compiled compile(Token[] rpn, Map<String, Integer> coordinateOf) {
        Deque<FormulaNode> stack = new ArrayDeque<>();
        boolean fallback = false;
        for (Token t : rpn) {
            switch (t.getType()) {
                case Token.TOKEN_NUMBER -> {
                    double v = ((NumberToken) t).getValue();
                    stack.push(new FormulaNode.Const(v, FormulaNode.literal(v)));
                }
                case Token.TOKEN_VARIABLE -> {
                    String name = ((VariableToken) t).getName();
                    Integer k = coordinateOf.get(name);
                    if (k != null) {
                        stack.push(new FormulaNode.Var(k));
                    } else if (CONSTANTS.containsKey(name)) {
                        double v = CONSTANTS.get(name);
                        Interval real = v == Math.PI ? Interval.PI : Interval.around(v);
                        stack.push(new FormulaNode.Const(v, real));
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
                    FormulaNode b = stack.pop();
                    FormulaNode a = n == 2 ? stack.pop() : null;
                    FormulaNode node = operator(op, a, b);
                    if (node == null) {
                        node = n == 2 ? new FormulaNode.Generic(op::apply, new FormulaNode[] {a, b})
                                : new FormulaNode.Generic(op::apply, new FormulaNode[] {b});
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
                    FormulaNode[] args = new FormulaNode[n];
                    for (int i = n - 1; i >= 0; i--) {
                        args[i] = stack.pop();
                    }
                    FormulaNode node = function(f, args);
                    if (node == null) {
                        node = new FormulaNode.Generic(f::apply, args);
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
        return new Compiled(stack.pop(), fallback);
    }

    private static FormulaNode operator(Operator op, FormulaNode a, FormulaNode b) {
        String s = op.getSymbol();
        if (s.length() != 1 || Operators.getBuiltinOperator(s.charAt(0), op.getNumOperands()) != op) {
            return null;
        }
        if (op.getNumOperands() == 1) {
            return switch (s.charAt(0)) {
                case '-' -> new FormulaNode.Neg(b);
                case '+' -> b;
                default -> null;
            };
        }
        return switch (s.charAt(0)) {
            case '+' -> new FormulaNode.Add(a, b);
            case '-' -> new FormulaNode.Sub(a, b);
            case '*' -> new FormulaNode.Mul(a, b);
            case '/' -> new FormulaNode.Div(a, b);
            case '%' -> new FormulaNode.Mod(a, b);
            case '^' -> new FormulaNode.Pow(a, b);
            default -> null;
        };
    }

    private static FormulaNode function(Function f, FormulaNode[] a) {
        String name = f.getName();
        boolean builtin = Functions.getBuiltinFunction(name) == f;
        if (!builtin && !FormulaFunctions.ALL.contains(f)) {
            return null;
        }
        if (builtin && name.equals("pow") && a.length == 2) {
            return new FormulaNode.Pow(a[0], a[1]);
        }
        if (!builtin) {
            switch (name) {
                case "min": return new FormulaNode.Min(a[0], a[1]);
                case "max": return new FormulaNode.Max(a[0], a[1]);
                case "clamp": return new FormulaNode.Clamp(a[0], a[1], a[2]);
                default: break;
            }
        }
        UnaryFunction u = UnaryFunction.BY_NAME.get(name);
        if (u == null || a.length != 1 || (builtin == (u == UnaryFunction.STEP || u == UnaryFunction.SIGN))) {
            return null;
        }
        return switch (u) {
            case SIN -> new FormulaNode.Sin(a[0]);
            case COS -> new FormulaNode.Cos(a[0]);
            case EXP -> new FormulaNode.Exp(a[0]);
            case SQRT -> new FormulaNode.Sqrt(a[0]);
            case ABS -> new FormulaNode.Abs(a[0]);
            case LOG -> new FormulaNode.Log(a[0]);
            default -> new FormulaNode.Unary(a[0], u);
        };
    }

    /** Replaces a subtree without variables by its value, computed with the very same node code. */
    private static FormulaNode fold(FormulaNode n) {
        if (!n.constant() || n instanceof FormulaNode.Const) {
            return n;
        }
        double v;
        try {
            v = n.eval(new double[0]);
        } catch (ArithmeticException e) {
            // Keep it: exp4j throws at evaluation time, and so must we.
            return n;
        }
        Interval real;
        try {
            real = n.enclose(new Interval[0]);
        } catch (UnsupportedOperationException e) {
            real = null;
        }
        return new FormulaNode.Const(v, real);
    }
}
