package org.medfed.privacy.dp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** One charged release in a site's {@link BudgetLedger}: when, for which job and analyst, on which dataset, at what cost. */
public record LedgerEntry(Instant time, String job, String analyst, String dataset, PrivacyCost cost) {

    public LedgerEntry {
        if (time == null || job == null || analyst == null || dataset == null || cost == null) {
            throw new IllegalArgumentException("a ledger entry needs time, job, analyst, dataset and cost");
        }
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("time", time.toString());
        n.put("job", job);
        n.put("analyst", analyst);
        n.put("dataset", dataset);
        n.put("mechanism", cost.mechanism());
        n.put("accounting", cost.accounting().name().toLowerCase(Locale.ROOT));
        n.put("epsilon", cost.epsilon());
        n.put("delta", cost.delta());
        n.put("rho", cost.rho());
        return n;
    }

    /** Reads an entry; a message saying what is wrong (for the ledger's error) if it is malformed. */
    static LedgerEntry fromJson(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            Instant time = Instant.parse(text(n, "time"));
            PrivacyCost.Accounting accounting = accounting(text(n, "accounting"));
            PrivacyCost cost = new PrivacyCost(text(n, "mechanism"), accounting, number(n, "epsilon"),
                    number(n, "delta"), number(n, "rho"));
            return new LedgerEntry(time, text(n, "job"), text(n, "analyst"), text(n, "dataset"), cost);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'time' is not an ISO-8601 instant");
        }
    }

    private static PrivacyCost.Accounting accounting(String s) {
        for (PrivacyCost.Accounting a : PrivacyCost.Accounting.values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("'accounting' is '" + s + "', not 'pure' or 'zcdp'");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a number");
        }
        return v.asDouble();
    }
}
