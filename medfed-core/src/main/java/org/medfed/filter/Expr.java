package org.medfed.filter;

import java.util.List;

/**
 * The parsed form of a filter. Every node keeps the position of its first character, so that
 * errors found only against a site's data (a text column compared with a number) can still
 * point into the expression the analyst wrote.
 */
sealed interface Expr {
    int position();

    /** A column of the site's table, by name. */
    record Col(String name, int position) implements Expr {
    }

    record Num(double value, String text, int position) implements Expr {
    }

    record Str(String value, int position) implements Expr {
    }

    record Bool(boolean value, int position) implements Expr {
    }

    /** {@code NA}, allowed only inside {@code c(...)} after {@code %in%}. */
    record Na(int position) implements Expr {
    }

    record Not(Expr operand, int position) implements Expr {
    }

    record And(Expr left, Expr right, int position) implements Expr {
    }

    record Or(Expr left, Expr right, int position) implements Expr {
    }

    /** {@code left op right} with op one of {@code == != < <= > >=}. */
    record Compare(String op, Expr left, Expr right, int position) implements Expr {
    }

    /** {@code operand %in% c(values)}; values are Num, Str, Bool or Na. */
    record In(Expr operand, List<Expr> values, int position) implements Expr {
    }

    record IsNa(Expr operand, int position) implements Expr {
    }
}
