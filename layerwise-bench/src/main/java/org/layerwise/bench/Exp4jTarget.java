package org.layerwise.bench;

import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;

import org.layerwise.function.Target;

/**
 * A 2-D formula evaluated by exp4j's interpreter (one expression copy per thread), as {@code FormulaTarget} did
 * before it compiled formulas: the baseline the compiled tree is measured against.
 */
public final class Exp4jTarget implements Target {

    private final String formula;
    private final ThreadLocal<Expression> perThread;

    public Exp4jTarget(String formula) {
        this.formula = formula;
        Expression prototype = new ExpressionBuilder(formula).variables("x", "y").build();
        this.perThread = ThreadLocal.withInitial(() -> new Expression(prototype));
    }

    @Override
    public String name() {
        return "exp4j " + formula;
    }

    @Override
    public int dim() {
        return 2;
    }

    @Override
    public double value(double[] x) {
        Expression e = perThread.get();
        e.setVariable("x", x[0]);
        e.setVariable("y", x[1]);
        return e.evaluate();
    }
}
