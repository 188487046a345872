package org.medfed.aggregate;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.method.Aggregate;
import org.medfed.method.Aggregation;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.secagg.Delivery;
import org.medfed.secagg.EncryptedShares;
import org.medfed.secagg.KeyAdvertisement;
import org.medfed.secagg.MaskRequest;
import org.medfed.secagg.RoundSum;
import org.medfed.secagg.SecAggClient;
import org.medfed.secagg.SecAggConfig;
import org.medfed.secagg.SecAggServer;
import org.medfed.secagg.UnmaskRequest;

/**
 * Secure aggregation of one job with every site in this process (the simulator's): each site's
 * SUM quantities are encoded and masked by its own {@link SecAggClient} (Bonawitz et al.), the
 * hub side sums masked vectors and learns only the total after the unmasking step. PER_SITE and
 * UNION quantities are not sums and pass in clear, as they do in the deployed runtime. Sites get
 * fresh EC P-256 identity keys per job (the deployed runtime uses their certificates' keys).
 * Timings of the three costs (key agreement, masking, unmasking) are kept for benchmarks.
 */
public final class SecureAggregation {
    private final SecAggServer server;
    private final Map<String, SecAggClient> clients = new LinkedHashMap<>();
    private long setupNanos;
    private long maskNanos;
    private long unmaskNanos;

    private SecureAggregation(SecAggConfig config, Map<String, KeyPair> identities, SecureRandom random) {
        this.server = new SecAggServer(config);
        Map<String, PublicKey> publicKeys = new LinkedHashMap<>();
        identities.forEach((site, pair) -> publicKeys.put(site, pair.getPublic()));
        for (String site : config.sites()) {
            clients.put(site, new SecAggClient(config, site, identities.get(site).getPrivate(), publicKeys, random));
        }
    }

    /** Sets up a job's keys among its sites (advertise, relay, share, route). */
    public static SecureAggregation setUp(String job, List<String> sites, SecureRandom random) {
        long t0 = System.nanoTime();
        Map<String, KeyPair> identities = new LinkedHashMap<>();
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            for (String site : sites) {
                identities.put(site, g.generateKeyPair());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is missing from this JVM", e);
        }
        SecureAggregation s = new SecureAggregation(SecAggConfig.of(job, sites), identities, random);
        for (SecAggClient c : s.clients.values()) {
            s.server.acceptAdvertisement(c.advertise());
        }
        List<KeyAdvertisement> relayed = s.server.relayAdvertisements().get(0).message();
        for (SecAggClient c : s.clients.values()) {
            s.server.acceptShares(c.site(), c.shareKeys(relayed));
        }
        for (Delivery<List<EncryptedShares>> d : s.server.routeShares()) {
            s.clients.get(d.to()).receiveShares(d.message());
        }
        s.setupNanos = System.nanoTime() - t0;
        return s;
    }

    /**
     * The round's aggregate: SUM quantities through masking and unmasking, the others in clear.
     *
     * @param answers each site's released values, in the job's site order
     */
    public Aggregate combine(Request request, Map<String, Payload> answers) {
        List<Quantity> sums = request.releases().stream().filter(q -> q.aggregation() == Aggregation.SUM).toList();
        if (sums.isEmpty()) {
            return Aggregator.combine(request, answers);
        }
        Aggregate clear = Aggregator.combine(request, answers, false);
        long t0 = System.nanoTime();
        for (Delivery<MaskRequest> d : server.startRound()) {
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Quantity q : sums) {
                values.put(q.name(), answers.get(d.to()).number(q.name()));
            }
            server.acceptMaskedInput(clients.get(d.to()).maskInput(d.message(), values));
        }
        long t1 = System.nanoTime();
        for (Delivery<UnmaskRequest> d : server.requestUnmasking()) {
            server.acceptUnmaskResponse(clients.get(d.to()).unmask(d.message()));
        }
        RoundSum total = server.finishRound();
        long t2 = System.nanoTime();
        maskNanos += t1 - t0;
        unmaskNanos += t2 - t1;
        Map<String, double[]> secured = new LinkedHashMap<>();
        for (Quantity q : sums) {
            secured.put(q.name(), total.sums().get(q.name()));
        }
        return new Aggregate(clear.round(), clear.step(), clear.sites(), secured, clear.perSite(), clear.unions());
    }

    /** Seconds spent in key agreement, masking (all sites) and unmasking (hub + sites). */
    public double[] costSeconds() {
        return new double[] {setupNanos / 1e9, maskNanos / 1e9, unmaskNanos / 1e9};
    }
}
