package org.medfed.filter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.medfed.data.Table;
import org.medfed.error.UsageException;

/**
 * A parsed {@code --where} condition, like the one R's {@code subset()} takes: comparisons
 * ({@code == != < <= > >=}) of columns with numbers, quoted strings, TRUE/FALSE or other
 * columns; {@code %in% c(...)}; {@code is.na(column)}; {@code !}, {@code &}/{@code &&},
 * {@code |}/{@code ||} and parentheses, with R's precedence and three-valued logic. A row is
 * kept only where the condition is TRUE; NA drops it. Syntax errors are {@link UsageException}s
 * that point at the character at fault; a filter that does not fit a site's columns (unknown
 * column, text compared with a number) fails with a {@code DataException} naming the site.
 */
public final class RowFilter {
    private final String text;
    private final Expr expr;
    private final Set<String> columns;

    private RowFilter(String text, Expr expr) {
        this.text = text;
        this.expr = expr;
        Set<String> names = new LinkedHashSet<>();
        collectColumns(expr, names);
        this.columns = Collections.unmodifiableSet(names);
    }

    /** Parses {@code text}; a malformed filter is a {@link UsageException} giving the position. */
    public static RowFilter parse(String text) {
        if (text == null) {
            throw new UsageException("--where: no expression given");
        }
        return new RowFilter(text, Parser.parse(text));
    }

    /** One flag per row of {@code table}: true where the condition is TRUE (not FALSE, not NA). */
    public boolean[] evaluate(Table table) {
        return Truth.kept(new Evaluator(text, table).logical(expr));
    }

    /** The columns the filter reads, in order of first mention. */
    public Set<String> columns() {
        return columns;
    }

    /** The filter as the analyst wrote it. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static void collectColumns(Expr e, Set<String> out) {
        if (e instanceof Expr.Col c) {
            out.add(c.name());
        } else if (e instanceof Expr.Not not) {
            collectColumns(not.operand(), out);
        } else if (e instanceof Expr.And and) {
            collectColumns(and.left(), out);
            collectColumns(and.right(), out);
        } else if (e instanceof Expr.Or or) {
            collectColumns(or.left(), out);
            collectColumns(or.right(), out);
        } else if (e instanceof Expr.Compare c) {
            collectColumns(c.left(), out);
            collectColumns(c.right(), out);
        } else if (e instanceof Expr.In in) {
            collectColumns(in.operand(), out);
        } else if (e instanceof Expr.IsNa isNa) {
            collectColumns(isNa.operand(), out);
        }
    }

    static UsageException syntaxError(String text, int position, String problem) {
        return new UsageException("--where \"" + text + "\": " + problem + " (at position " + (position + 1) + ")");
    }
}
