package org.medfed.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.medfed.audit.AuditJson;
import org.medfed.audit.AuditReader;
import org.medfed.audit.AuditRecord;
import org.medfed.audit.AuditVerifier;
import org.medfed.audit.ReleasedQuantity;
import org.medfed.audit.VerifyReport;
import org.medfed.error.MedfedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medfed audit show}: the log as a table for a person, or as a JSON array. It shows
 * whatever well-formed records the file holds; if the chain is broken it still shows them and
 * warns on stderr, because reading a damaged log is how one investigates it.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print an audit log as a table (or --json): what left the site, when, for whom.")
final class AuditShowCommand implements Callable<Integer> {
    @Option(names = "--log", required = true, paramLabel = "FILE", description = "The site's audit log.")
    Path log;

    @Option(names = "--job", paramLabel = "JOB", description = "Only the records of this job.")
    String job;

    @Option(names = "--json", description = "Print the records as one JSON array (the log's own field names).")
    boolean json;

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;

    @Override
    public Integer call() {
        List<AuditRecord> all = AuditReader.read(log);
        List<AuditRecord> shown = new ArrayList<>();
        for (AuditRecord r : all) {
            if (job == null || job.equals(r.event().job())) {
                shown.add(r);
            }
        }
        VerifyReport report = AuditVerifier.verify(log);
        if (json) {
            ArrayNode array = OutputOptions.JSON.createArrayNode();
            shown.forEach(r -> array.add(AuditJson.toJson(r)));
            try {
                System.out.println(OutputOptions.JSON.writeValueAsString(array));
            } catch (JsonProcessingException e) {
                throw new MedfedException("cannot print the audit log as JSON: " + e.getOriginalMessage(), e);
            }
        } else {
            System.out.print(table(shown));
            System.out.println((job == null ? shown.size() + " records" : shown.size() + " of " + all.size()
                    + " records (job " + job + ")") + ", head " + report.head());
        }
        if (!report.ok()) {
            System.err.println("medfed: warning: audit log " + log + " has " + report.problems().size()
                    + (report.problems().size() == 1 ? " problem" : " problems") + ", starting with: "
                    + report.problems().get(0) + "; run 'medfed audit verify --log " + log + "'");
        }
        return 0;
    }

    private static String table(List<AuditRecord> records) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"seq", "time", "job", "analyst", "method", "round/step", "event", "quantities",
                "rows", "reason"});
        for (AuditRecord r : records) {
            var e = r.event();
            List<ReleasedQuantity> qs = e.quantities();
            String roundStep = e.round() == 0 && e.step() == null ? "" : e.round() + (e.step() == null ? "" : "/" + e.step());
            rows.add(new String[] {Long.toString(r.seq()), r.time().truncatedTo(ChronoUnit.SECONDS).toString(),
                    dash(e.job()), dash(e.analyst()), dash(e.method()), roundStep, e.kind(),
                    qs.isEmpty() ? "" : qs.get(0).describe(), e.rows() == 0 ? "" : Integer.toString(e.rows()),
                    e.reason() == null ? "" : e.reason()});
            // One quantity per line keeps the table narrow; GLM rounds release several.
            for (int i = 1; i < qs.size(); i++) {
                rows.add(new String[] {"", "", "", "", "", "", "", qs.get(i).describe(), "", ""});
            }
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean right = c == 0 || c == 8;
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(right ? pad + cell : cell + (c == row.length - 1 ? "" : pad));
            }
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
