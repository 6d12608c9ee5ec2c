package org.layerwise.function.formula;

import java.util.Arrays;

import org.layerwise.InvalidInputException;

import net.objecthunter.exp4j.tokenizer.FunctionToken;
import net.objecthunter.exp4j.tokenizer.OperatorToken;
import net.objecthunter.exp4j.tokenizer.Token;

/**
 * The size limits of a formula, so that no input overflows the stack: the length is checked on the text before
 * anything else, the nesting depth on exp4j's reverse Polish tokens (produced without recursion) before the tree is
 * built, whose evaluation recurses once per level.
 *
 * <ul>
 *   <li>at most {@value #MAX_LENGTH} characters;</li>
 *   <li>a tree at most {@value #MAX_DEPTH} levels deep: a number or a variable is one level, an operator or a function
 *       one more than its deepest operand. A left-associated chain {@code a+b+c+...} of {@code n} terms is {@code n}
 *       levels deep, so a longer sum needs brackets, e.g. {@code (a+b+...)+(c+d+...)}; {@code sin(sin(...x))} is as
 *       deep as it is nested.</li>
 * </ul>
 * The depth limit leaves a margin of 4: evaluation was measured to take at most about 260 bytes of stack per level
 * (a sum of 1000 terms overflowed a 256 KB thread stack, compiled; 2000 a 512 KB one, interpreted), so 1000 levels
 * need about a quarter of the JVM's default 1 MB thread stack ({@code FormulaLimitsTest} evaluates the deepest
 * accepted tree on a 512 KB stack).
 */
public final class FormulaLimits {

    /** The longest formula accepted, in characters. */
    public static final int MAX_LENGTH = 100_000;
    /** The deepest tree accepted (see the class comment). */
    public static final int MAX_DEPTH = 1_000;

    private FormulaLimits() {
    }

    /**
     * Refuses a formula longer than {@link #MAX_LENGTH}; call first, before any parsing.
     *
     * @throws InvalidInputException naming the length and the limit
     */
    public static void checkLength(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("formula of " + text.length() + " characters is longer than the "
                    + MAX_LENGTH + " accepted");
        }
    }

    /**
     * Refuses tokens whose tree would be deeper than {@link #MAX_DEPTH}.
     *
     * @throws InvalidInputException naming the depth, the limit and the remedy
     */
    public static void checkDepth(String text, Token[] rpn) {
        int depth = depth(rpn);
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException("formula '" + shorten(text) + "' nests " + depth + " levels deep, more"
                    + " than the " + MAX_DEPTH + " accepted; group long sums and products in brackets, e.g."
                    + " (a+b+...)+(c+d+...)");
        }
    }

    /** The depth of the tree of {@code rpn} (see the class comment), computed with an explicit stack. */
    static int depth(Token[] rpn) {
        int[] stack = new int[16];
        int top = 0;
        int max = 0;
        for (Token t : rpn) {
            int operands = switch (t.getType()) {
                case Token.TOKEN_OPERATOR -> ((OperatorToken) t).getOperator().getNumOperands();
                case Token.TOKEN_FUNCTION -> ((FunctionToken) t).getFunction().getNumArguments();
                default -> 0;
            };
            int deepest = 0;
            for (int i = 0; i < operands && top > 0; i++) {
                deepest = Math.max(deepest, stack[--top]);
            }
            if (top == stack.length) {
                stack = Arrays.copyOf(stack, 2 * stack.length);
            }
            stack[top++] = deepest + 1;
            max = Math.max(max, deepest + 1);
        }
        return max;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
