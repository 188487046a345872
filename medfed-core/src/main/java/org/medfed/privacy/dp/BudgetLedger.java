package org.medfed.privacy.dp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.error.MedfedException;
import org.medfed.io.DurableFiles;

/**
 * A site's persistent record of every differentially private release, one JSON file per site,
 * and the budgets it enforces. Entries are only ever appended; each charge rewrites the whole
 * file to a temporary file, forces it to disk and renames it over the old one (ATOMIC_MOVE), so
 * a crash leaves either the old or the new ledger, never half of one. The new entry becomes part
 * of the in-memory totals only after the rename succeeded: a charge that cannot be recorded is
 * refused, and a refused charge is not recorded.
 *
 * <p>Format: <pre>
 * {"format": "medfed-dp-ledger", "version": 1,
 *  "entries": [{"time": "2025-01-01T10:00:00Z", "job": "17", "analyst": "alice", "dataset": "births",
 *               "mechanism": "laplace", "accounting": "pure", "epsilon": 0.5, "delta": 0.0, "rho": 0.125}]}
 * </pre>
 * A file that does not parse, or whose entries are malformed, stops the ledger from opening: a
 * site must not forget what it has spent. One process owns a ledger at a time (an exclusive lock
 * on {@code <file>.lock}); within the process, charges are serialized.
 */
public final class BudgetLedger implements AutoCloseable {

    static final String FORMAT = "medfed-dp-ledger";
    static final int VERSION = 1;
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final Path file;
    private final Map<String, BudgetLimit> limits;
    private final Clock clock;
    private final List<LedgerEntry> entries;
    private final Map<String, PrivacyBudget> budgets = new TreeMap<>();
    private final FileChannel lockChannel;
    private final FileLock lock;

    private BudgetLedger(Path file, Map<String, BudgetLimit> limits, Clock clock, List<LedgerEntry> entries,
            FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.limits = Map.copyOf(limits);
        this.clock = clock;
        this.entries = entries;
        this.lockChannel = lockChannel;
        this.lock = lock;
        for (LedgerEntry e : entries) {
            budget(e.dataset()).restore(e.cost());
        }
    }

    /** Opens (or, if absent, starts) the ledger at {@code file} with the policy's per-dataset limits. */
    public static BudgetLedger open(Path file, Map<String, BudgetLimit> limits) {
        return open(file, limits, Clock.systemUTC());
    }

    public static BudgetLedger open(Path file, Map<String, BudgetLimit> limits, Clock clock) {
        Path abs = file.toAbsolutePath();
        FileChannel channel = null;
        try {
            Files.createDirectories(abs.getParent());
            channel = FileChannel.open(abs.resolveSibling(abs.getFileName() + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new MedfedException("privacy budget ledger " + abs + " is in use by another process");
            }
            List<LedgerEntry> entries = Files.exists(abs) ? read(abs) : new ArrayList<>();
            return new BudgetLedger(abs, limits, clock, entries, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new MedfedException("cannot open privacy budget ledger " + abs + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Charges one release of {@code dataset} for {@code job} by {@code analyst}: returns the new
     * totals, or throws {@link BudgetExhaustedException} (over budget, or no budget configured)
     * with the ledger unchanged.
     */
    public synchronized Spent charge(String job, String analyst, String dataset, PrivacyCost cost) {
        if (!limits.containsKey(dataset)) {
            throw new BudgetExhaustedException(dataset, "dataset " + dataset
                    + ": no privacy budget is configured at this site, so no differentially private release is allowed");
        }
        PrivacyBudget budget = budget(dataset);
        budget.preview(cost);
        LedgerEntry entry = new LedgerEntry(clock.instant(), job, analyst, dataset, cost);
        List<LedgerEntry> next = new ArrayList<>(entries);
        next.add(entry);
        write(next);
        entries.add(entry);
        return budget.charge(cost);
    }

    public Spent charge(String job, String analyst, String dataset, Mechanism mechanism) {
        return charge(job, analyst, dataset, mechanism.cost());
    }

    /** The totals for one dataset (all zero if nothing was charged). */
    public synchronized Spent totals(String dataset) {
        return budget(dataset).spent();
    }

    /** Totals for every dataset with a limit or an entry, by name. */
    public synchronized Map<String, Spent> totals() {
        Map<String, Spent> out = new TreeMap<>();
        for (String d : limits.keySet()) {
            out.put(d, budget(d).spent());
        }
        for (Map.Entry<String, PrivacyBudget> b : budgets.entrySet()) {
            out.put(b.getKey(), b.getValue().spent());
        }
        return out;
    }

    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The lock goes with the channel anyway.
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private PrivacyBudget budget(String dataset) {
        return budget(budgets, limits, dataset);
    }

    private static PrivacyBudget budget(Map<String, PrivacyBudget> budgets, Map<String, BudgetLimit> limits,
                                        String dataset) {
        // A dataset found in the ledger but no longer in the policy keeps its history, with a zero limit.
        return budgets.computeIfAbsent(dataset, d -> {
            BudgetLimit l = limits.getOrDefault(d, new BudgetLimit(0, 0));
            return new PrivacyBudget(d, l.epsilon(), l.delta());
        });
    }

    /**
     * Every dataset's budget (those with a limit, and those with entries) with {@code entries}
     * replayed, by name: a custodian's report from {@link #readEntries}, without the ledger's lock.
     */
    public static Map<String, PrivacyBudget> report(List<LedgerEntry> entries, Map<String, BudgetLimit> limits) {
        Map<String, PrivacyBudget> out = new TreeMap<>();
        limits.keySet().forEach(d -> budget(out, limits, d));
        for (LedgerEntry e : entries) {
            budget(out, limits, e.dataset()).restore(e.cost());
        }
        return out;
    }

    /**
     * Reads a ledger's entries without taking its lock (for a custodian's report while the site
     * runs); empty if the file does not exist; a {@link MedfedException} naming the file if it is
     * damaged.
     */
    public static List<LedgerEntry> readEntries(Path file) {
        return Files.exists(file) ? List.copyOf(read(file.toAbsolutePath())) : List.of();
    }

    private static List<LedgerEntry> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw damaged(file, "not valid JSON (" + e.getOriginalMessage() + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
        } catch (IOException e) {
            throw new MedfedException("cannot read privacy budget ledger " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw damaged(file, "not a JSON object", null);
        }
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt(-1) != VERSION) {
            throw damaged(file, "not a version " + VERSION + " " + FORMAT + " file", null);
        }
        JsonNode list = root.get("entries");
        if (list == null || !list.isArray()) {
            throw damaged(file, "'entries' is missing or not a list", null);
        }
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                entries.add(LedgerEntry.fromJson(list.get(i)));
            } catch (IllegalArgumentException e) {
                throw damaged(file, "entry " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    private static MedfedException damaged(Path file, String what, Exception cause) {
        return new MedfedException("privacy budget ledger " + file + " is damaged: " + what
                + "; no differentially private release is possible until the site custodian restores it", cause);
    }

    private void write(List<LedgerEntry> all) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode list = root.putArray("entries");
        for (LedgerEntry e : all) {
            list.add(e.toJson());
        }
        try {
            DurableFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new MedfedException("cannot record the charge in privacy budget ledger " + file + " ("
                    + e.getMessage() + "); the release is refused", e);
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
