package org.medfed.secagg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hub (or site) that forges, substitutes, replays or tampers is refused with a message naming the site. */
class ProtocolAttackTest {
    private static final List<String> SITES = Consortium.siteNames(5);

    private static void assertRejected(Runnable action, String... fragments) {
        SecAggException e = assertThrows(SecAggException.class, action::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    private static List<KeyAdvertisement> replace(List<KeyAdvertisement> ads, KeyAdvertisement bad) {
        List<KeyAdvertisement> out = new ArrayList<>();
        for (KeyAdvertisement ad : ads) {
            out.add(ad.site().equals(bad.site()) ? bad : ad);
        }
        return out;
    }

    @Test
    void aTamperedAdvertisementSignatureIsRejected() {
        Consortium c = new Consortium(SecAggConfig.of("job-1", SITES), 21);
        List<KeyAdvertisement> ads = c.advertise();
        KeyAdvertisement b = ads.get(1);
        byte[] sig = b.signature().clone();
        sig[sig.length - 3] ^= 1;
        List<KeyAdvertisement> tampered = replace(ads, new KeyAdvertisement(b.jobId(), b.site(),
                b.cipherPublicKey(), b.maskPublicKey(), sig));
        assertRejected(() -> c.clients.get("sitea").shareKeys(tampered), "site siteb", "bad signature");
    }

    @Test
    void aKeySubstitutedByTheHubIsRejected() {
        Consortium c = new Consortium(SecAggConfig.of("job-1", SITES), 22);
        List<KeyAdvertisement> ads = c.advertise();
        KeyAdvertisement d = ads.get(3);
        byte[] hubsOwnKey = SecAggCrypto.x25519(Consortium.seeded(99)).getPublic().getEncoded();
        List<KeyAdvertisement> substituted = replace(ads, new KeyAdvertisement(d.jobId(), d.site(),
                d.cipherPublicKey(), hubsOwnKey, d.signature()));
        assertRejected(() -> c.clients.get("sitea").shareKeys(substituted), "site sited", "bad signature");
    }

    @Test
    void anAdvertisementReplayedFromAnotherJobIsRejected() {
        var identities = Consortium.identities(SITES, 23);
        Consortium old = new Consortium(SecAggConfig.of("job-old", SITES), identities, 23);
        KeyAdvertisement replayed = old.advertise().get(2);
        Consortium c = new Consortium(SecAggConfig.of("job-new", SITES), identities, 24);
        List<KeyAdvertisement> ads = c.advertise();
        assertRejected(() -> c.clients.get("sitea").shareKeys(replace(ads, replayed)),
                "site sitec", "job job-old", "replayed");
        // relabelling the old advertisement with the new job id breaks its signature
        KeyAdvertisement relabelled = new KeyAdvertisement("job-new", replayed.site(), replayed.cipherPublicKey(),
                replayed.maskPublicKey(), replayed.signature());
        assertRejected(() -> c.clients.get("siteb").shareKeys(replace(ads, relabelled)), "site sitec", "bad signature");
    }

    @Test
    void aDuplicatedAdvertisementOrOneSignedForAnotherSiteIsRejected() {
        Consortium c = new Consortium(SecAggConfig.of("job-1", SITES), 25);
        List<KeyAdvertisement> ads = c.advertise();
        List<KeyAdvertisement> twice = new ArrayList<>(ads);
        twice.add(ads.get(4));
        assertRejected(() -> c.clients.get("sitea").shareKeys(twice), "site sitee", "appears twice");
        // siteb's advertisement presented as sitec's
        KeyAdvertisement b = ads.get(1);
        KeyAdvertisement asC = new KeyAdvertisement(b.jobId(), "sitec", b.cipherPublicKey(), b.maskPublicKey(),
                b.signature());
        assertRejected(() -> c.clients.get("sitea").shareKeys(replace(ads, asC)), "site sitec", "bad signature");
    }

    @Test
    void aSiteCopyingAnotherSitesPublicKeyIsRejected() {
        Consortium c = new Consortium(SecAggConfig.of("job-1", SITES), 26);
        List<KeyAdvertisement> ads = c.advertise();
        KeyAdvertisement b = ads.get(1);
        KeyAdvertisement e = ads.get(4);
        // sitee signs, with its real identity key, an advertisement reusing siteb's mask key
        byte[] sig = SecAggCrypto.sign(c.identities.get("sitee").getPrivate(),
                SecAggCrypto.advertisementTranscript("job-1", "sitee", e.cipherPublicKey(), b.maskPublicKey()),
                Consortium.seeded(5));
        KeyAdvertisement copying = new KeyAdvertisement("job-1", "sitee", e.cipherPublicKey(), b.maskPublicKey(), sig);
        assertRejected(() -> c.clients.get("sitea").shareKeys(replace(ads, copying)),
                "site sitee", "already advertised by site siteb");
    }

    @Test
    void aTamperedShareCiphertextIsRejected() {
        Consortium c = new Consortium(SecAggConfig.of("job-1", SITES), 27);
        Map<String, List<EncryptedShares>> routed = c.share(c.advertise());
        List<EncryptedShares> forA = new ArrayList<>(routed.get("sitea"));
        EncryptedShares s = forA.get(0);
        byte[] ct = s.ciphertext().clone();
        ct[5] ^= 0x40;
        forA.set(0, new EncryptedShares(s.jobId(), s.from(), s.to(), s.nonce(), ct));
        assertRejected(() -> c.clients.get("sitea").receiveShares(forA), "from site " + s.from(),
                "fails authentication");
    }

    @Test
    void aShareCiphertextReplayedToAnotherRecipientIsRejected() {
        Consortium c = new Consortium(SecAggConfig.of("job-1", SITES), 28);
        Map<String, List<EncryptedShares>> routed = c.share(c.advertise());
        EncryptedShares bToA = routed.get("sitea").stream().filter(e -> e.from().equals("siteb")).findFirst()
                .orElseThrow();
        List<EncryptedShares> forC = new ArrayList<>(routed.get("sitec"));
        forC.removeIf(e -> e.from().equals("siteb"));
        List<EncryptedShares> asIs = new ArrayList<>(forC);
        asIs.add(bToA);
        assertRejected(() -> c.clients.get("sitec").receiveShares(asIs), "addressed to site sitea");
        List<EncryptedShares> relabelled = new ArrayList<>(forC);
        relabelled.add(new EncryptedShares(bToA.jobId(), "siteb", "sitec", bToA.nonce(), bToA.ciphertext()));
        assertRejected(() -> c.clients.get("sitec").receiveShares(relabelled), "from site siteb",
                "fails authentication");
    }

    @Test
    void aShareCiphertextReplayedFromAnotherJobIsRejected() {
        var identities = Consortium.identities(SITES, 29);
        Consortium old = new Consortium(SecAggConfig.of("job-old", SITES), identities, 29);
        EncryptedShares oldBToA = old.share(old.advertise()).get("sitea").get(0);
        Consortium c = new Consortium(SecAggConfig.of("job-new", SITES), identities, 30);
        Map<String, List<EncryptedShares>> routed = c.share(c.advertise());
        List<EncryptedShares> forA = new ArrayList<>(routed.get("sitea"));
        forA.set(0, oldBToA);
        assertRejected(() -> c.clients.get("sitea").receiveShares(forA), "job job-old", "replayed");
        forA.set(0, new EncryptedShares("job-new", oldBToA.from(), oldBToA.to(), oldBToA.nonce(),
                oldBToA.ciphertext()));
        assertRejected(() -> c.clients.get("sitea").receiveShares(forA), "fails authentication");
    }

    @Test
    void aHubClaimingARevealedSurvivorDroppedIsRefused() {
        Consortium c = new Consortium(SecAggConfig.of("job-1", SITES), 31).setUp();
        Map<String, double[]> data = Map.of("q", new double[] {1, 2, 3});
        for (Delivery<MaskRequest> d : c.server.startRound()) {
            c.server.acceptMaskedInput(c.clients.get(d.to()).maskInput(d.message(), data));
        }
        for (Delivery<UnmaskRequest> d : c.server.requestUnmasking()) {
            c.server.acceptUnmaskResponse(c.clients.get(d.to()).unmask(d.message()));
        }
        c.server.finishRound();
        // round 2: every site masks, then a lying hub says sitec dropped to get its mask key
        MaskRequest r2 = new MaskRequest("job-1", 2, SITES);
        for (String s : SITES) {
            c.clients.get(s).maskInput(r2, data);
        }
        UnmaskRequest lie = new UnmaskRequest("job-1", 2, List.of("sitea", "siteb", "sited", "sitee"),
                List.of("sitec"));
        assertRejected(() -> c.clients.get("sitea").unmask(lie), "site sitea refuses", "site sitec dropped",
                "self-mask share was already revealed");
    }

    @Test
    void aHubCannotAskForMoreThanTheRulesAllow() {
        Consortium c = new Consortium(SecAggConfig.of("job-1", SITES), 32).setUp();
        Map<String, double[]> data = Map.of("q", new double[] {1, 2, 3});
        MaskRequest r1 = new MaskRequest("job-1", 1, SITES);
        c.clients.get("sitea").maskInput(r1, data);
        c.clients.get("siteb").maskInput(r1, data);
        // the same round masked twice would let the hub subtract two inputs under one mask
        assertRejected(() -> c.clients.get("sitea").maskInput(r1, data), "refuses", "round 1");
        // fewer than t survivors: the hub could isolate one site's input
        UnmaskRequest few = new UnmaskRequest("job-1", 1, List.of("sitea", "siteb", "sitec"),
                List.of("sited", "sitee"));
        assertRejected(() -> c.clients.get("sitea").unmask(few), "3 survivors, threshold 4");
        // a survivor list that does not match the round's participants
        UnmaskRequest odd = new UnmaskRequest("job-1", 1, List.of("sitea", "siteb", "sitec", "sited"), List.of());
        assertRejected(() -> c.clients.get("siteb").unmask(odd), "do not split the round's participants");
        // too few participants from the start
        MaskRequest small = new MaskRequest("job-1", 2, List.of("sitec", "sited", "sitee"));
        assertRejected(() -> c.clients.get("sitec").maskInput(small, data), "3 participants, threshold 4");
    }

    @Test
    void aThresholdAtOrBelowHalfTheSitesIsRefused() {
        assertRejected(() -> new SecAggConfig("job-1", SITES, 2), "threshold 2 for 5 sites");
        assertRejected(() -> new SecAggConfig("job-1", Consortium.siteNames(4), 2), "threshold 2 for 4 sites");
        assertRejected(() -> new SecAggConfig("job-1", List.of("a"), 1), "at least 2 sites");
    }
}
