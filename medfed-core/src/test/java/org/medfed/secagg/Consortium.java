package org.medfed.secagg;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's hub and sites in one process, with messages handed over in memory; randomness is seeded
 * so that every test run sees the same keys and masks.
 */
final class Consortium {
    final SecAggConfig config;
    final SecAggServer server;
    final Map<String, SecAggClient> clients = new LinkedHashMap<>();
    final Map<String, KeyPair> identities = new LinkedHashMap<>();

    Consortium(SecAggConfig config, long seed) {
        this(config, identities(config.sites(), seed), seed);
    }

    Consortium(SecAggConfig config, Map<String, KeyPair> identities, long seed) {
        this.config = config;
        this.server = new SecAggServer(config);
        this.identities.putAll(identities);
        Map<String, PublicKey> publicKeys = new HashMap<>();
        identities.forEach((s, kp) -> publicKeys.put(s, kp.getPublic()));
        int i = 0;
        for (String s : config.sites()) {
            clients.put(s, new SecAggClient(config, s, identities.get(s).getPrivate(), publicKeys,
                    seeded(seed * 1000 + ++i)));
        }
    }

    static List<String> siteNames(int n) {
        List<String> sites = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sites.add("site" + (char) ('a' + i));
        }
        return sites;
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, KeyPair> identities(List<String> sites, long seed) {
        try {
            Map<String, KeyPair> out = new LinkedHashMap<>();
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), seeded(seed ^ 0x5EED));
            for (String s : sites) {
                out.put(s, g.generateKeyPair());
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Phase 1: every site advertises; returns what the hub relays (the same list to all). */
    List<KeyAdvertisement> advertise() {
        for (SecAggClient c : clients.values()) {
            server.acceptAdvertisement(c.advertise());
        }
        return server.relayAdvertisements().get(0).message();
    }

    /** Phase 2 after the given (possibly tampered) advertisement list; returns the hub's routing. */
    Map<String, List<EncryptedShares>> share(List<KeyAdvertisement> relayed) {
        for (SecAggClient c : clients.values()) {
            server.acceptShares(c.site(), c.shareKeys(relayed));
        }
        Map<String, List<EncryptedShares>> routed = new LinkedHashMap<>();
        for (Delivery<List<EncryptedShares>> d : server.routeShares()) {
            routed.put(d.to(), d.message());
        }
        return routed;
    }

    Consortium setUp() {
        Map<String, List<EncryptedShares>> routed = share(advertise());
        routed.forEach((to, shares) -> clients.get(to).receiveShares(shares));
        return this;
    }

    /**
     * One round: participants not in {@code silentBeforeSending} send their masked inputs; those
     * in {@code silentAfterSending} then ignore the unmasking request.
     */
    RoundSum round(Map<String, Map<String, double[]>> inputs, Set<String> silentBeforeSending,
            Set<String> silentAfterSending) {
        for (Delivery<MaskRequest> d : server.startRound()) {
            if (!silentBeforeSending.contains(d.to())) {
                server.acceptMaskedInput(clients.get(d.to()).maskInput(d.message(), inputs.get(d.to())));
            }
        }
        for (Delivery<UnmaskRequest> d : server.requestUnmasking()) {
            if (!silentAfterSending.contains(d.to())) {
                server.acceptUnmaskResponse(clients.get(d.to()).unmask(d.message()));
            }
        }
        return server.finishRound();
    }

    RoundSum round(Map<String, Map<String, double[]>> inputs) {
        return round(inputs, Set.of(), Set.of());
    }
}
