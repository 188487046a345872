package org.medfed.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.methods.Invocation;
import org.medfed.methods.evaluation.EvaluationParameters;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.simulator.GlmReferenceTest;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.ContributionPart;
import org.medfed.transport.proto.JobRecord;
import org.medfed.transport.proto.SiteMessage;

/**
 * A securely aggregated round whose masked input is larger than the hub accepts in one message
 * (max_message_mb 4, the smallest allowed): {@code glm --evaluate} with 2^18 AUC bins masks two
 * histograms of 2^18 numbers per site, 8 MiB, which must travel in several parts. Over real gRPC
 * and mutual TLS it gives the simulator's result to the bit, survives a connection dropped in the
 * middle of those parts, and a site that repeats a chunk fails the job with a message naming the
 * site and the round.
 */
class LargeMaskedRoundTest {
    private static final ReferenceCase BIRTHWT = ReferenceCase.load("glm-logistic-birthwt");
    private static final List<String> ALL = List.of("site1", "site2", "site3");
    private static final int BINS = 1 << 18;

    @TempDir
    Path dir;

    private static GlmParameters parameters() {
        return GlmReferenceTest.parameters(BIRTHWT).withEvaluation(new EvaluationParameters(10, BINS));
    }

    private static boolean carriesHistogram(SiteMessage m) {
        return m.hasContribution() && m.getContribution().getMaskedList().stream()
                .anyMatch(c -> c.getName().startsWith("eval_hist_"));
    }

    private LoopbackConsortium consortium() throws InterruptedException {
        LoopbackConsortium.Builder b = SiteFailureTest.birthwt(dir).maxMessageMb(4).roundTimeout(Duration.ofSeconds(30));
        ALL.forEach(site -> b.policy(site, ReleasePolicy.defaults().withEvaluationMinCellCount(1)));
        return b.start();
    }

    @Test
    void aMaskedInputLargerThanOneMessageGivesTheSimulatorsResultAndSurvivesAReconnection() throws Exception {
        Simulation sim = Simulator.load(BIRTHWT.siteFiles()).withSecureAggregation(true).run(new GlmMethod(), parameters(), null);
        try (LoopbackConsortium consortium = consortium(); AnalystClient analyst = consortium.analyst()) {
            AtomicInteger histogramParts = new AtomicInteger();
            AtomicInteger largest = new AtomicInteger();
            consortium.site("site1").onSend(m -> {
                if (carriesHistogram(m)) {
                    histogramParts.incrementAndGet();
                    largest.accumulateAndGet(m.getSerializedSize(), Math::max);
                }
                return true;
            });
            JobRecord record = analyst.submit(Invocation.of(new GlmMethod(), parameters()), "birthwt", null, ALL, e -> { });
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertTrue(histogramParts.get() >= 4, "the histograms (8 MiB masked) spanned " + histogramParts + " parts");
            assertTrue(largest.get() < (4 << 20), "a part of " + largest + " bytes");
            assertEquals(SiteFailureTest.core(sim.toJson().toString()).toString(),
                    SiteFailureTest.core(record.getResultJson()).toString(), "bit for bit");
            assertEquals(sim.result().toText(), record.getResultText());

            // site2 loses its connection after the first part of its masked histograms: the new
            // link reassembles the whole answer, which the site repeats from its cache.
            SiteAgent site2 = consortium.site("site2");
            AtomicBoolean dropped = new AtomicBoolean();
            site2.onSend(m -> {
                if (carriesHistogram(m) && !m.getContribution().getLast() && dropped.compareAndSet(false, true)) {
                    site2.sendRaw(m);
                    site2.dropConnection();
                    return false;
                }
                return true;
            });
            JobRecord disturbed = analyst.submit(Invocation.of(new GlmMethod(), parameters()), "birthwt", null, ALL,
                    e -> { });
            assertTrue(dropped.get(), "the connection was dropped mid-answer");
            assertEquals("succeeded", disturbed.getStatus(), disturbed.getError());
            assertEquals(SiteFailureTest.core(record.getResultJson()).toString(),
                    SiteFailureTest.core(disturbed.getResultJson()).toString(), "bit for bit");
        }
    }

    @Test
    void aRepeatedChunkFailsTheJobNamingSiteAndRound() throws Exception {
        try (LoopbackConsortium consortium = consortium(); AnalystClient analyst = consortium.analyst()) {
            SiteAgent site3 = consortium.site("site3");
            AtomicInteger seen = new AtomicInteger();
            site3.onSend(m -> {
                if (carriesHistogram(m) && seen.incrementAndGet() == 2) {
                    // The second part's first chunk continues 'eval_hist_cases': send it again
                    // right after the part, as a replaying site would.
                    ContributionPart p = m.getContribution();
                    site3.sendRaw(m);
                    site3.sendRaw(SiteMessage.newBuilder().setContribution(p.toBuilder().clearNumbers().clearLabels()
                            .clearMasked().addMasked(p.getMasked(0)).setLast(false)).build());
                    return false;
                }
                return true;
            });
            JobRecord record = analyst.submit(Invocation.of(new GlmMethod(), parameters()), "birthwt", null, ALL, e -> { });
            assertEquals("failed", record.getStatus());
            assertTrue(record.getError().matches("(?s).*site site3 sent a malformed masked input in round \\d+ of job "
                    + record.getJob() + ": a chunk of 'eval_hist_cases' at word \\d+ repeats words already received"
                    + " \\(expected word \\d+\\).*"), record.getError());
        }
    }

    @Test
    void aClearArrayLongerThanTheRequestDeclaredIsRefusedWithoutAllocatingIt() throws Exception {
        try (LoopbackConsortium consortium = consortium(); AnalystClient analyst = consortium.analyst()) {
            SiteAgent site2 = consortium.site("site2");
            AtomicBoolean once = new AtomicBoolean();
            site2.onSend(m -> {
                if (m.hasContribution() && m.getContribution().getNumbersCount() > 0 && once.compareAndSet(false, true)) {
                    // A rogue site claims one of its clear arrays holds 2^31 - 1 numbers (16 GiB).
                    ContributionPart p = m.getContribution();
                    site2.sendRaw(SiteMessage.newBuilder().setContribution(p.toBuilder().setNumbers(0,
                            p.getNumbers(0).toBuilder().setTotalLength(Integer.MAX_VALUE))).build());
                    return false;
                }
                return true;
            });
            // The hub closes that stream instead of allocating; the agent reconnects and resends
            // its real answer, so the job ends as it would have.
            JobRecord record = analyst.submit(SiteFailureTest.glm(), "birthwt", null, ALL, e -> { });
            assertTrue(once.get(), "the rogue part was sent");
            assertEquals("succeeded", record.getStatus(), record.getError());
        }
    }

    @Test
    void anAnswerWithoutItsMaskedInputFailsTheJobNamingSiteAndRound() throws Exception {
        try (LoopbackConsortium consortium = consortium(); AnalystClient analyst = consortium.analyst()) {
            SiteAgent site1 = consortium.site("site1");
            site1.onSend(m -> {
                if (m.hasContribution() && m.getContribution().getMaskedCount() > 0) {
                    // The round's one part, its masked chunks left out.
                    site1.sendRaw(SiteMessage.newBuilder().setContribution(m.getContribution().toBuilder().clearMasked())
                            .build());
                    return false;
                }
                return true;
            });
            JobRecord record = analyst.submit(SiteFailureTest.glm(), "birthwt", null, ALL, e -> { });
            assertEquals("failed", record.getStatus());
            assertTrue(record.getError().matches("(?s).*site site1 sent a malformed masked input in round 1 of job "
                    + record.getJob() + ": the answer ended with '\\w+' at word 0 of \\d+ .*\\(chunks missing\\).*"),
                    record.getError());
        }
    }
}
