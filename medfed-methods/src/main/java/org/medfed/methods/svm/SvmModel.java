package org.medfed.methods.svm;

import org.medfed.formula.Formula;

/**
 * The formulas an svm job works with, derived from the analyst's {@code y ~ x...}: the response
 * column, the schema formula {@code ~ factor(y) + x...} (so that the schema round releases the
 * response's levels as a set union and counts rows complete in the response too) and the
 * right-hand side {@code ~ x...} whose design every site builds.
 */
record SvmModel(Formula formula, String response, String responseKey, Formula schema, Formula design) {

    static SvmModel of(String text) {
        Formula f = Formula.parse(text);
        String response = f.responseLabel();
        String full = f.text();
        String prefix = response + " ~ ";
        if (response == null || !full.startsWith(prefix)) {
            throw new IllegalStateException("svm: unexpected formula " + full);
        }
        String rhs = full.substring(prefix.length());
        String key = Formula.parse("~factor(" + quoted(response) + ")").factorKeys().get(0);
        Formula schema = Formula.parse("~" + key + " + " + rhs);
        return new SvmModel(f, response, key, schema, Formula.parse("~" + rhs));
    }

    private static String quoted(String column) {
        return column.matches("[A-Za-z.][A-Za-z0-9._]*") ? column : "`" + column + "`";
    }
}
