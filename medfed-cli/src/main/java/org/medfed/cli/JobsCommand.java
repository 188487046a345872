package org.medfed.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.medfed.analyst.AnalystClient;
import org.medfed.transport.proto.JobRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed jobs}: the analyst's jobs at a hub, newest first. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List your jobs at a hub, newest first.")
final class JobsCommand implements Callable<Integer> {
    @Mixin
    HubOptions hub = new HubOptions();

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<JobRecord> jobs;
        try (AnalystClient client = hub.connect()) {
            jobs = client.jobs();
        }
        if (json) {
            ArrayNode list = OutputOptions.JSON.createArrayNode();
            for (JobRecord j : jobs) {
                ObjectNode n = list.addObject();
                n.put("job", j.getJob());
                n.put("status", j.getStatus());
                n.put("method", j.getMethod());
                n.put("dataset", j.getDataset());
                n.put("submitted", j.getSubmitted());
                n.put("finished", j.getFinished());
                n.put("rounds", j.getRounds());
                ArrayNode sites = n.putArray("sites");
                j.getSitesList().forEach(sites::add);
                n.put("where", j.getWhere().isEmpty() ? null : j.getWhere());
                n.put("error", j.getError().isEmpty() ? null : j.getError());
                n.put("rerun_of", j.getRerunOf().isEmpty() ? null : j.getRerunOf());
            }
            System.out.println(OutputOptions.JSON.writeValueAsString(list));
            return 0;
        }
        if (jobs.isEmpty()) {
            System.out.println("no jobs yet");
            return 0;
        }
        System.out.printf("%-6s %-11s %-8s %-14s %-20s %6s  %s%n", "JOB", "STATUS", "METHOD", "DATASET", "SUBMITTED", "ROUNDS", "NOTE");
        for (JobRecord j : jobs) {
            String note = !j.getError().isEmpty() ? j.getError()
                    : !j.getRerunOf().isEmpty() ? "re-run of job " + j.getRerunOf() : "";
            System.out.printf("%-6s %-11s %-8s %-14s %-20s %6d  %s%n", j.getJob(), j.getStatus(), j.getMethod(),
                    j.getDataset(), shortTime(j.getSubmitted()), j.getRounds(), note);
        }
        return 0;
    }

    private static String shortTime(String iso) {
        return iso.length() >= 19 ? iso.substring(0, 19).replace('T', ' ') : iso;
    }
}
