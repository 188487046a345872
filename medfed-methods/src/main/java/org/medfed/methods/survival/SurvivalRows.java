package org.medfed.methods.survival;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.Set;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.DataException;
import org.medfed.formula.ModelFrame;

/**
 * A site's survival observations: for each used row of its table, the time and whether it ends
 * in the event (true) or is censored (false), as R's {@code Surv(time, status)} reads them.
 *
 * @param time      follow-up time of each used row (not negative, finite)
 * @param event     whether the row's follow-up ends in the event
 * @param rows      the table rows used, in table order ({@code time[i]} belongs to row {@code rows[i]})
 * @param timeStep  the step the site coarsened the time column to when it loaded the data, 0 if none
 */
public record SurvivalRows(double[] time, boolean[] event, int[] rows, double timeStep) {

    /** How many rows. */
    public int count() {
        return time.length;
    }

    /** How many rows end in the event. */
    public int events() {
        int n = 0;
        for (boolean e : event) {
            n += e ? 1 : 0;
        }
        return n;
    }

    /** The used rows as a set of table rows (a contribution's rows used). */
    public BitSet rowSet() {
        BitSet b = new BitSet();
        for (int r : rows) {
            b.set(r);
        }
        return b;
    }

    /**
     * Reads {@code timeColumn} and {@code eventColumn} over the {@code candidates} rows (null: every
     * row), leaving out rows where either is missing (R's {@code na.omit}). The time column is
     * numeric (text holding numbers is parsed); the status is 0 = censored / 1 = event, or
     * TRUE/FALSE. Anything else is a {@link DataException} naming the site, file, line and column.
     */
    public static SurvivalRows read(Table table, String timeColumn, String eventColumn, boolean[] candidates) {
        double[] t = ModelFrame.numbers(table, timeColumn, Set.of(timeColumn), candidates);
        Column status = table.column(eventColumn);
        int n = table.rowCount();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        int[] rows = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (candidates != null && !candidates[i]) {
                continue;
            }
            Boolean e = status(table, status, eventColumn, i);
            if (Double.isNaN(t[i]) || e == null) {
                continue;
            }
            if (t[i] < 0 || Double.isInfinite(t[i])) {
                throw new DataException(table.locate(i, timeColumn), "survival time " + TimeGrid.format(t[i])
                        + " is not allowed (times must be finite and not negative)");
            }
            time[m] = t[i] == 0 ? 0.0 : t[i];
            event[m] = e;
            rows[m] = i;
            m++;
        }
        return new SurvivalRows(Arrays.copyOf(time, m), Arrays.copyOf(event, m),
                Arrays.copyOf(rows, m), table.coarsening(timeColumn));
    }

    /** The row's status: true = event, false = censored, null = missing. */
    private static Boolean status(Table table, Column column, String name, int row) {
        if (column.isMissing(row)) {
            return null;
        }
        if (column instanceof NumericColumn num) {
            double v = num.get(row);
            if (v == 0 || v == 1) {
                return v == 1;
            }
            throw badStatus(table, name, row, TimeGrid.format(v));
        }
        String v = ((TextColumn) column).get(row).trim();
        switch (v.toUpperCase(Locale.ROOT)) {
            case "TRUE", "T", "1" -> {
                return true;
            }
            case "FALSE", "F", "0" -> {
                return false;
            }
            default -> throw badStatus(table, name, row, "'" + v + "'");
        }
    }

    private static DataException badStatus(Table table, String name, int row, String value) {
        return new DataException(table.locate(row, name), "status " + value + " is not 0/1 or TRUE/FALSE "
                + "(0 = censored, 1 = event; recode a 1/2 status as status - 1)");
    }
}
