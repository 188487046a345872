package org.medfed.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medfed.error.MedfedException;
import org.medfed.io.DurableFiles;
import org.medfed.error.UsageException;
import org.medfed.site.JobTicket;

/**
 * Manual approval of jobs at a site, through files in the site's state folder so that the site
 * operator needs no network access to the agent: the agent writes {@code pending/JOB.json}
 * describing the job (analyst, method, dataset, filter, parameters); {@code medfed site approve
 * JOB} copies it to {@code approved/JOB.json}, {@code medfed site deny JOB} to
 * {@code denied/JOB.json}. An approval counts only for exactly the job it describes: a different
 * job that reuses the id (a hub whose data was reset, say) is not approved by it.
 */
public final class Approvals {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public Approvals(Path stateDir) {
        this.dir = stateDir;
    }

    /** What the operator decided, if anything yet. */
    public enum Decision { APPROVED, DENIED }

    /** Records a job awaiting the operator. */
    public void pending(JobTicket ticket, String parametersJson) {
        ObjectNode job = describe(ticket, parametersJson);
        job.put("received", Instant.now().toString());
        write(dir.resolve("pending").resolve(fileName(ticket.job())), job);
    }

    /** The operator's decision on exactly this job, or empty while undecided. */
    public Optional<Decision> decision(JobTicket ticket, String parametersJson) {
        ObjectNode expected = describe(ticket, parametersJson);
        for (Decision d : Decision.values()) {
            Path f = dir.resolve(d.name().toLowerCase(java.util.Locale.ROOT)).resolve(fileName(ticket.job()));
            if (Files.isRegularFile(f)) {
                try {
                    if (sameJob(read(f), expected)) {
                        return Optional.of(d);
                    }
                } catch (MedfedException unreadable) {
                    // not a decision this agent can read; files are written atomically, so it is foreign
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets a finished job's pending entry. */
    public void done(String job) {
        try {
            Files.deleteIfExists(dir.resolve("pending").resolve(fileName(job)));
        } catch (IOException ignored) {
            // a stale pending file is harmless: decisions are matched on the whole job
        }
    }

    /** Jobs waiting for the operator, oldest first. */
    public List<ObjectNode> pendingJobs() {
        List<ObjectNode> out = new ArrayList<>();
        Path pending = dir.resolve("pending");
        if (!Files.isDirectory(pending)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pending, "*.json")) {
            for (Path f : files) {
                try {
                    out.add(read(f));
                } catch (MedfedException unreadable) {
                    // being written or damaged: not a pending job (yet)
                }
            }
        } catch (IOException e) {
            throw new MedfedException("cannot list " + pending + ": " + e.getMessage(), e);
        }
        out.sort(java.util.Comparator.comparing(n -> n.path("received").asText()));
        return out;
    }

    /** The operator's approval (or denial) of a pending job. */
    public void decide(String job, Decision decision) {
        Path pending = dir.resolve("pending").resolve(fileName(job));
        if (!Files.isRegularFile(pending)) {
            List<String> waiting = pendingJobs().stream().map(n -> n.path("job").asText()).toList();
            throw new MedfedException("no job " + job + " is waiting for approval"
                    + (waiting.isEmpty() ? " (none is)" : " (waiting: " + String.join(", ", waiting) + ")"));
        }
        Path target = dir.resolve(decision.name().toLowerCase(java.util.Locale.ROOT)).resolve(fileName(job));
        try {
            write(target, read(pending));
        } catch (MedfedException e) {
            throw new MedfedException("cannot record the decision in " + target + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode describe(JobTicket ticket, String parametersJson) {
        ObjectNode n = JSON.createObjectNode();
        n.put("job", ticket.job());
        n.put("analyst", ticket.analyst());
        n.put("method", ticket.method());
        n.put("dataset", ticket.dataset());
        n.put("where", ticket.where());
        ticket.sites().forEach(n.putArray("sites")::add);
        n.put("parameters", parametersJson);
        return n;
    }

    private static boolean sameJob(ObjectNode stored, ObjectNode expected) {
        for (String key : List.of("job", "analyst", "method", "dataset", "where", "sites", "parameters")) {
            if (!stored.path(key).equals(expected.path(key))) {
                return false;
            }
        }
        return true;
    }

    private static String fileName(String job) {
        if (!job.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new UsageException("'" + job + "' is not a job id");
        }
        return job + ".json";
    }

    private static ObjectNode read(Path f) {
        try {
            return (ObjectNode) JSON.readTree(f.toFile());
        } catch (IOException | ClassCastException e) {
            throw new MedfedException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Writes to a temporary file and renames it into place, so a reader never sees half a file. */
    private static void write(Path f, ObjectNode n) {
        try {
            DurableFiles.replace(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
        } catch (IOException e) {
            throw new MedfedException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
