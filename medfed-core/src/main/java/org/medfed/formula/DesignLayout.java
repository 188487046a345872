package org.medfed.formula;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.medfed.error.MedfedException;

/**
 * The columns of the design matrix, named and ordered exactly as R's {@code model.matrix}
 * with treatment contrasts. Hub and sites derive it from the same formula, levels and types,
 * so it never travels. The coding rule is R's (model.c TermCode): in each term, a factor is
 * coded by contrasts when the term without it is already in the model (the intercept being
 * the empty term), else by one indicator per level; with no intercept, the first factor of
 * the first term that has one is coded by indicators.
 */
public final class DesignLayout {
    /** How a variable enters one term. */
    static final int NUMERIC = 0;
    static final int CONTRASTS = 1;
    static final int INDICATORS = 2;

    /** One model term: its variables in R's variable order and how each is coded. */
    record TermPlan(String label, int[] variables, int[] codes, int width) {
    }

    private final Formula formula;
    private final boolean intercept;
    private final List<TermPlan> plans;
    private final List<String> columnNames;
    private final int[] assign;
    private final boolean[] factor;
    private final List<List<String>> levels;
    private final String[] factorKeys;

    private DesignLayout(Formula formula, List<TermPlan> plans, List<String> columnNames, int[] assign,
            boolean[] factor, List<List<String>> levels, String[] factorKeys) {
        this.formula = formula;
        this.intercept = formula.hasIntercept();
        this.plans = List.copyOf(plans);
        this.columnNames = List.copyOf(columnNames);
        this.assign = assign;
        this.factor = factor;
        this.levels = levels;
        this.factorKeys = factorKeys;
    }

    /**
     * The layout for {@code f}: a bare column in {@code numericVariables} is numeric, any
     * other bare column is a factor with {@code levels.of(name)}, and {@code factor(x)} uses
     * {@code levels.of("factor(x)")}. A factor without at least two levels fails as in R
     * ("contrasts can be applied only to factors with 2 or more levels").
     */
    public static DesignLayout of(Formula f, FactorLevels levels, Set<String> numericVariables) {
        List<Expr> vars = f.variableExprs();
        int nVar = vars.size();
        int response = f.responseIndex();
        List<BitSet> terms = f.terms();

        boolean[] isFactor = new boolean[nVar];
        String[] keys = new String[nVar];
        List<List<String>> varLevels = new ArrayList<>();
        for (int i = 0; i < nVar; i++) {
            varLevels.add(null);
        }
        for (BitSet t : terms) {
            for (int i = t.nextSetBit(0); i >= 0; i = t.nextSetBit(i + 1)) {
                if (i == response || keys[i] != null) {
                    continue;
                }
                Expr v = vars.get(i);
                boolean fac = Formula.isCall(v, "factor") || (v instanceof Expr.Sym s && !numericVariables.contains(s.name()));
                if (!fac) {
                    continue;
                }
                String key = Formula.factorKey(v);
                List<String> lv = levels == null ? null : levels.of(key);
                if (lv == null) {
                    throw new MedfedException("formula " + f.text() + ": no levels agreed for factor " + key
                            + " (it is not numeric at the sites, so it is treated as a factor)");
                }
                if (lv.size() < 2) {
                    throw new MedfedException("formula " + f.text() + ": factor " + key + " has "
                            + (lv.isEmpty() ? "no levels" : "only one level ('" + lv.get(0) + "')")
                            + " in the complete rows of all sites; contrasts need at least two");
                }
                isFactor[i] = true;
                keys[i] = key;
                varLevels.set(i, lv);
            }
        }

        // Factor pattern (R's TermCode); codes[j][i] for term j, variable i.
        int nTerms = terms.size();
        int[][] codes = new int[nTerms][nVar];
        for (int j = 0; j < nTerms; j++) {
            BitSet t = terms.get(j);
            for (int i = t.nextSetBit(0); i >= 0; i = t.nextSetBit(i + 1)) {
                codes[j][i] = termCode(terms, j, i);
            }
        }
        if (!f.hasIntercept()) {
            outer:
            for (int j = 0; j < nTerms; j++) {
                for (int i = response + 1; i < nVar; i++) {
                    if (isFactor[i] && codes[j][i] > 0) {
                        codes[j][i] = INDICATORS;
                        break outer;
                    }
                }
            }
        }
        // R drops a right-hand term that is the response alone (with a warning).
        int rhsResponse = -1;
        if (response >= 0) {
            for (int j = 0; j < nTerms; j++) {
                if (terms.get(j).get(response) && terms.get(j).cardinality() == 1) {
                    rhsResponse = j;
                    break;
                }
            }
        }

        List<TermPlan> plans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> assign = new ArrayList<>();
        if (f.hasIntercept()) {
            names.add("(Intercept)");
            assign.add(0);
        }
        List<String> labels = f.variableLabels();
        for (int j = 0; j < nTerms; j++) {
            if (j == rhsResponse) {
                continue;
            }
            BitSet t = terms.get(j);
            int[] tv = t.stream().toArray();
            int[] tc = new int[tv.length];
            int width = 1;
            for (int k = 0; k < tv.length; k++) {
                int i = tv[k];
                tc[k] = isFactor[i] ? codes[j][i] : NUMERIC;
                width *= columnsOf(tc[k], varLevels.get(i));
            }
            for (int col = 0; col < width; col++) {
                StringBuilder sb = new StringBuilder();
                int index = col;
                for (int k = 0; k < tv.length; k++) {
                    if (k > 0) {
                        sb.append(':');
                    }
                    sb.append(labels.get(tv[k]));
                    int ll = columnsOf(tc[k], varLevels.get(tv[k]));
                    if (tc[k] != NUMERIC) {
                        int first = tc[k] == CONTRASTS ? 1 : 0;
                        sb.append(varLevels.get(tv[k]).get(first + index % ll));
                    }
                    index /= ll;
                }
                names.add(sb.toString());
                assign.add(j + 1);
            }
            plans.add(new TermPlan(f.termLabel(t), tv, tc, width));
        }
        return new DesignLayout(f, plans, names, assign.stream().mapToInt(Integer::intValue).toArray(),
                isFactor, varLevels, keys);
    }

    private static int columnsOf(int code, List<String> levels) {
        return switch (code) {
            case CONTRASTS -> levels.size() - 1;
            case INDICATORS -> levels.size();
            default -> 1;
        };
    }

    /**
     * R's TermCode: contrasts if the term without {@code var} is empty or contained in an
     * earlier term, else indicators.
     */
    private static int termCode(List<BitSet> terms, int j, int var) {
        BitSet reduced = (BitSet) terms.get(j).clone();
        reduced.clear(var);
        if (reduced.isEmpty()) {
            return CONTRASTS;
        }
        for (int k = 0; k < j; k++) {
            BitSet rest = (BitSet) reduced.clone();
            rest.andNot(terms.get(k));
            if (rest.isEmpty()) {
                return CONTRASTS;
            }
        }
        return INDICATORS;
    }

    /** Column names as R's {@code colnames(model.matrix(...))}. */
    public List<String> columnNames() {
        return columnNames;
    }

    public int width() {
        return columnNames.size();
    }

    /** R's {@code attr(model.matrix(...), "assign")}: the term of each column, 0 = intercept. */
    public int[] assign() {
        return assign.clone();
    }

    /** Labels of the terms that produce columns, in column order. */
    public List<String> termLabels() {
        List<String> out = new ArrayList<>();
        for (TermPlan p : plans) {
            out.add(p.label());
        }
        return out;
    }

    public Formula formula() {
        return formula;
    }

    // ---- for ModelFrame ----

    boolean intercept() {
        return intercept;
    }

    List<TermPlan> plans() {
        return plans;
    }

    boolean isFactor(int variable) {
        return factor[variable];
    }

    List<String> levelsOf(int variable) {
        return levels.get(variable);
    }

    String factorKey(int variable) {
        return factorKeys[variable];
    }
}
