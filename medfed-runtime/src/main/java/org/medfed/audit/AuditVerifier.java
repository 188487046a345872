package org.medfed.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medfed.audit.AuditLines.Line;

/**
 * Checks an audit log's hash chain and says, in plain words with line numbers, what is wrong:
 * changed contents, missing, reordered, inserted or repeated records, and lines that are not
 * records. It reports every problem, but one per cause: after a problem it resynchronizes on the
 * next record that fits, so one removed record gives one message, not one per later line.
 *
 * <p>The chain cannot show a cut tail (the remaining records are intact). Pass the head hash (and
 * record count) kept elsewhere to {@link #verify(Path, String, long)} to detect that.
 */
public final class AuditVerifier {

    private AuditVerifier() {
    }

    public static VerifyReport verify(Path file) {
        return verify(file, null, 0);
    }

    /**
     * @param expectedHead    a head hash printed earlier (null: do not check); the log must still
     *                        contain it — records appended after it are fine and are noted
     * @param expectedRecords the record count printed earlier (0: do not check); the log must hold at least as many
     */
    public static VerifyReport verify(Path file, String expectedHead, long expectedRecords) {
        return check(AuditLines.read(file), expectedHead, expectedRecords);
    }

    /** The chain position that the next record must follow. */
    private record Link(long seq, String hash, int line) {
    }

    static VerifyReport check(List<Line> lines, String expectedHead, long expectedRecords) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        // Which lines name a given hash as their prev: finds a record's genuine successor without rescans.
        Map<String, List<Line>> byPrev = new HashMap<>();
        for (Line l : lines) {
            if (l.valid()) {
                byPrev.computeIfAbsent(l.record().prev(), k -> new ArrayList<>()).add(l);
            }
        }

        List<Link> chain = new ArrayList<>();
        chain.add(new Link(0, AuditJson.GENESIS, 0));
        Set<Integer> consumed = new HashSet<>();
        Set<Integer> edited = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        int invalidSinceLastRecord = 0;

        for (int i = 0; i < lines.size(); ) {
            Line line = lines.get(i);
            if (consumed.contains(line.number())) {
                i++;
                continue;
            }
            if (!line.valid()) {
                problems.add("line " + line.number() + " is not a valid record: " + line.error());
                invalidSinceLastRecord++;
                i++;
                continue;
            }
            AuditRecord r = line.record();
            String at = "line " + line.number() + " (record " + r.seq() + ")";
            if (!edited.contains(line.number()) && !AuditJson.recomputeHash(r).equals(r.hash())) {
                edited.add(line.number());
                problems.add(at + ": contents changed — its hash does not match");
            }
            Link tip = chain.get(chain.size() - 1);
            long expected = tip.seq() + 1;
            boolean follows = r.prev().equals(tip.hash());

            if (r.seq() == expected && follows) {
                chain.add(new Link(r.seq(), r.hash(), line.number()));
                seen.putIfAbsent(r.hash(), line.number());
                invalidSinceLastRecord = 0;
                i++;
                continue;
            }
            if (edited.contains(line.number()) && (r.seq() == expected || follows)) {
                // Its fields were edited (seq or prev among them, perhaps); the message above says
                // so. Later records still point at its stored hash, so it keeps its place.
                chain.add(new Link(expected, r.hash(), line.number()));
                seen.putIfAbsent(r.hash(), line.number());
                invalidSinceLastRecord = 0;
                i++;
                continue;
            }
            Integer first = seen.get(r.hash());
            if (first != null) {
                problems.add(at + " repeats the record on line " + first);
                i++;
                continue;
            }
            Line genuine = genuineSuccessor(byPrev, tip, i, lines, consumed);
            if (genuine != null) {
                boolean linked = byPrev.containsKey(r.hash()) || r.prev().equals(genuine.record().hash());
                if (!linked) {
                    problems.add(at + " is not part of the chain (nothing links to it and it does not follow "
                            + describe(tip) + "): it was inserted or forged; record " + expected
                            + " is on line " + genuine.number());
                    seen.putIfAbsent(r.hash(), line.number());
                    i++;
                    continue;
                }
                if (genuine.number() == line.number() + 1 && r.seq() == expected + 1) {
                    problems.add("records " + expected + " and " + r.seq() + " are out of order (line "
                            + line.number() + " holds record " + r.seq() + ")");
                } else {
                    problems.add("record " + expected + " is out of place: it is on line " + genuine.number()
                            + " but belongs on line " + line.number() + " (which holds record " + r.seq() + ")");
                }
                chain.add(new Link(expected, genuine.record().hash(), genuine.number()));
                seen.putIfAbsent(genuine.record().hash(), genuine.number());
                consumed.add(genuine.number());
                continue; // the same line again, now after the record that belongs before it
            }
            if (r.seq() > expected) {
                long missing = r.seq() - expected;
                if (follows) {
                    problems.add(at + " directly follows " + describe(tip)
                            + " but is numbered " + r.seq() + ": its sequence number was changed");
                } else if (missing > invalidSinceLastRecord) {
                    // Invalid lines in between have been reported; they stand for missing records.
                    problems.add((missing == 1 ? "record " + expected + " is missing"
                            : "records " + expected + " to " + (r.seq() - 1) + " are missing")
                            + " (line " + line.number() + " holds record " + r.seq() + ")");
                }
                chain.add(new Link(r.seq(), r.hash(), line.number()));
                seen.putIfAbsent(r.hash(), line.number());
                invalidSinceLastRecord = 0;
                i++;
                continue;
            }
            if (r.seq() == expected) {
                problems.add(at + " does not follow " + describe(tip) + ": its 'prev' is not "
                        + (tip.line() == 0 ? "64 zeros, as the first record's must be"
                        : "that record's hash, so record " + tip.seq() + " was rewritten with a recomputed hash, "
                        + "or record " + r.seq() + " was replaced"));
                chain.add(new Link(r.seq(), r.hash(), line.number()));
                seen.putIfAbsent(r.hash(), line.number());
                invalidSinceLastRecord = 0;
                i++;
                continue;
            }
            // Numbered at or before the tip.
            Link before = chain.size() >= 2 ? chain.get(chain.size() - 2) : null;
            if (before != null && tip.line() > 0 && r.seq() == tip.seq() && r.prev().equals(before.hash())) {
                // Two records claim the same place; the genuine one is the one later records follow.
                if (byPrev.containsKey(r.hash()) && !byPrev.containsKey(tip.hash())) {
                    problems.add("line " + tip.line() + " (record " + tip.seq() + ") is not part of the chain: "
                            + "it was inserted or forged; the records after it follow the record " + r.seq()
                            + " on line " + line.number());
                    chain.set(chain.size() - 1, new Link(r.seq(), r.hash(), line.number()));
                } else {
                    problems.add(at + " is not part of the chain: it was inserted or forged; record " + r.seq()
                            + " is on line " + tip.line());
                }
            } else {
                problems.add(at + " is out of place: it comes after " + describe(tip));
            }
            seen.putIfAbsent(r.hash(), line.number());
            i++;
        }

        Line last = null;
        long records = 0;
        for (Line l : lines) {
            if (l.valid()) {
                records++;
                last = l;
            }
        }
        String head = last == null ? AuditJson.GENESIS : last.record().hash();
        if (expectedRecords > 0 && records < expectedRecords) {
            problems.add("the log holds " + records + " records but " + expectedRecords + " were expected: "
                    + (expectedRecords - records == 1 ? "record " + expectedRecords + " is"
                    : "records " + (records + 1) + " to " + expectedRecords + " are")
                    + " missing from the end (the file was cut short)");
        }
        if (expectedHead != null) {
            checkHead(lines, last, expectedHead, problems, notes);
        }
        return new VerifyReport(records, head, problems, notes);
    }

    private static void checkHead(List<Line> lines, Line last, String expectedHead, List<String> problems,
                                  List<String> notes) {
        if (last == null) {
            if (!expectedHead.equals(AuditJson.GENESIS)) {
                problems.add("the log is empty, but a head of " + expectedHead
                        + " was expected: its records were removed, or the log was replaced");
            }
            return;
        }
        for (Line l : lines) {
            if (l.valid() && l.record().hash().equals(expectedHead)) {
                if (l != last) {
                    long after = last.record().seq() - l.record().seq();
                    notes.add("the expected head is record " + l.record().seq() + " (line " + l.number() + "); "
                            + after + (after == 1 ? " record was" : " records were") + " appended after it");
                }
                return;
            }
        }
        problems.add("the expected head " + expectedHead + " is not in the log, which ends with record "
                + last.record().seq() + " (line " + last.number()
                + "): records after it were removed (the file was cut short), or the log was replaced");
    }

    /** The unconsumed record after {@code from} that truly continues the chain at {@code tip}. */
    private static Line genuineSuccessor(Map<String, List<Line>> byPrev, Link tip, int from, List<Line> lines,
                                         Set<Integer> consumed) {
        int fromNumber = lines.get(from).number();
        for (Line l : byPrev.getOrDefault(tip.hash(), List.of())) {
            if (l.number() > fromNumber && l.record().seq() == tip.seq() + 1 && !consumed.contains(l.number())) {
                return l;
            }
        }
        return null;
    }

    private static String describe(Link tip) {
        return tip.line() == 0 ? "the start of the log" : "record " + tip.seq() + " (line " + tip.line() + ")";
    }
}
