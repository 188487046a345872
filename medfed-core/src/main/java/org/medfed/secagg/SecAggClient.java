package org.medfed.secagg;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One site's side of secure aggregation for one job: advertise keys, share mask secrets, then for
 * each aggregation round mask the site's SUM quantities and help unmask the round's sum. Every
 * message from the hub is checked before the site acts on it, and the site refuses anything that
 * would let the hub learn more than the sum over at least t sites.
 *
 * <p>The self-mask seed b is drawn once per job and masks every round under a round-specific
 * context. Once the site has revealed its share of b for some site u (u survived a round), it
 * never reveals its share of u's mask key, and vice versa, for the rest of the job: holding both
 * would let the hub strip every mask from u's masked input of that earlier round. A consequence
 * is that a site whose self-mask was revealed cannot be recovered as "dropped" in a later round:
 * such a round aborts and the job must start over with fresh keys. Sites that dropped, or that
 * did not answer an unmasking request, stay out of the job's later rounds.
 *
 * <p><b>Only the first masked round is unmasked.</b> A round needs an unmasking step only while
 * some participant's self-mask share has not yet been revealed by this site. After this site's
 * first unmasking, every later participant is a survivor of it (participants only shrink), so a
 * later unmasking step could only (a) return shares of self-mask seeds this site has already
 * revealed — nothing new for the hub, which already holds those seeds — or (b) name a dropped
 * site, which this site must refuse anyway (see above). Such a round therefore has no unmasking
 * step: the site reveals nothing and its masked input goes straight into the sum, which saves a
 * round trip per round. Nor does it carry a self mask: the hub holds the seed, so the self mask
 * would hide nothing from it, and both sides skip its keystream. The pairwise masks, which are
 * what hide a site's input from the hub once its self-mask seed is known, are unchanged.
 */
public final class SecAggClient {
    private enum Phase { NEW, ADVERTISED, SHARED, READY }

    private final SecAggConfig config;
    private final String site;
    private final PrivateKey identityKey;
    private final Map<String, PublicKey> identityKeys;
    private final SecureRandom random;
    private final FixedPointRing ring;

    private Phase phase = Phase.NEW;
    private KeyPair cipherKeys;
    private KeyPair maskKeys;
    private KeyAdvertisement ownAdvertisement;
    private final Map<String, PublicKey> cipherPublic = new LinkedHashMap<>();
    private final Map<String, PublicKey> maskPublic = new LinkedHashMap<>();
    private byte[] selfMaskSeed;
    /** Shares held by this site, by owner: [0] of the owner's mask key, [1] of its self-mask seed. */
    private final Map<String, ShamirShare[]> heldShares = new HashMap<>();
    /** X25519 between this site's and each peer's cipher keys: the same secret seals and opens shares. */
    private final Map<String, byte[]> cipherShared = new HashMap<>();
    /** This job's mask streams: the self mask and, by peer, the pairwise masks. */
    private MaskStream selfMask;
    private final Map<String, MaskStream> pairMasks = new HashMap<>();

    private List<String> eligible; // sites that may still take part in a round
    private int lastRound;
    private int pendingRound; // masked, waiting for its unmasking request; 0 if none
    private boolean lastRoundUnmasked; // whether round lastRound has an unmasking step
    private List<String> lastParticipants; // of round lastRound
    private final Set<String> revealedSelfMask = new HashSet<>();
    private final Set<String> revealedMaskKey = new HashSet<>();

    /**
     * @param identityKey the site's identity private key (its mTLS certificate key)
     * @param identityKeys every site's identity public key, from certificates the runtime verified
     */
    public SecAggClient(SecAggConfig config, String site, PrivateKey identityKey,
            Map<String, PublicKey> identityKeys, SecureRandom random) {
        config.shareIndex(site);
        for (String s : config.sites()) {
            if (!identityKeys.containsKey(s)) {
                throw new SecAggException("no identity key for site " + s + " of job " + config.jobId());
            }
        }
        this.config = config;
        this.site = site;
        this.identityKey = identityKey;
        this.identityKeys = Map.copyOf(identityKeys);
        this.random = random;
        this.ring = new FixedPointRing(config.sites().size());
    }

    public String site() {
        return site;
    }

    /** Phase 1: fresh X25519 key pairs for this job, signed with the identity key. */
    public KeyAdvertisement advertise() {
        expect(Phase.NEW, "advertise keys");
        cipherKeys = SecAggCrypto.x25519(random);
        maskKeys = SecAggCrypto.x25519(random);
        byte[] c = cipherKeys.getPublic().getEncoded();
        byte[] s = maskKeys.getPublic().getEncoded();
        byte[] sig = SecAggCrypto.sign(identityKey,
                SecAggCrypto.advertisementTranscript(config.jobId(), site, c, s), random);
        ownAdvertisement = new KeyAdvertisement(config.jobId(), site, c, s, sig);
        phase = Phase.ADVERTISED;
        return ownAdvertisement;
    }

    /**
     * Phase 2: verifies every relayed advertisement, then Shamir-shares this site's mask key and
     * self-mask seed and encrypts each site's pair of shares for it.
     */
    public List<EncryptedShares> shareKeys(List<KeyAdvertisement> advertisements) {
        expect(Phase.ADVERTISED, "share keys");
        Map<String, KeyAdvertisement> bySite = new HashMap<>();
        Map<ByteBuffer, String> keyOwner = new HashMap<>();
        for (KeyAdvertisement ad : advertisements) {
            String who = ad.site();
            if (!config.jobId().equals(ad.jobId())) {
                throw new SecAggException("site " + site + " rejects the key advertisement of site " + who
                        + ": it belongs to job " + ad.jobId() + ", not " + config.jobId() + " (replayed)");
            }
            if (!config.sites().contains(who)) {
                throw new SecAggException("site " + site + " rejects a key advertisement from site " + who
                        + ", which is not part of job " + config.jobId());
            }
            if (bySite.put(who, ad) != null) {
                throw new SecAggException("site " + site + " rejects the advertisements: site " + who
                        + " appears twice (duplicated or replayed)");
            }
            // This site's own advertisement needs no signature check: it must come back byte for byte.
            if (who.equals(site) ? !Arrays.equals(ad.signature(), ownAdvertisement.signature())
                    : !SecAggCrypto.verify(identityKeys.get(who), SecAggCrypto.advertisementTranscript(ad.jobId(),
                            who, ad.cipherPublicKey(), ad.maskPublicKey()), ad.signature())) {
                throw new SecAggException("site " + site + " rejects the key advertisement of site " + who
                        + ": bad signature (forged, tampered, or keys substituted in transit)");
            }
            for (byte[] k : List.of(ad.cipherPublicKey(), ad.maskPublicKey())) {
                String previous = keyOwner.put(ByteBuffer.wrap(k), who);
                if (previous != null) {
                    throw new SecAggException("site " + site + " rejects the key advertisement of site " + who
                            + ": it repeats a public key already advertised by site " + previous);
                }
            }
        }
        KeyAdvertisement mine = bySite.get(site);
        if (mine == null || !Arrays.equals(mine.cipherPublicKey(), ownAdvertisement.cipherPublicKey())
                || !Arrays.equals(mine.maskPublicKey(), ownAdvertisement.maskPublicKey())) {
            throw new SecAggException("site " + site + " rejects the advertisements: its own keys are missing or altered");
        }
        if (bySite.size() < config.threshold()) {
            throw new SecAggException("secure aggregation aborted during key advertisement: " + bySite.size()
                    + " of " + config.sites().size() + " sites advertised keys, threshold " + config.threshold());
        }
        List<String> advertised = new ArrayList<>();
        for (String s : config.sites()) {
            KeyAdvertisement ad = bySite.get(s);
            if (ad != null) {
                advertised.add(s);
                cipherPublic.put(s, SecAggCrypto.x25519Public(ad.cipherPublicKey(), s));
                maskPublic.put(s, SecAggCrypto.x25519Public(ad.maskPublicKey(), s));
            }
        }

        selfMaskSeed = new byte[Shamir.SECRET_BYTES];
        random.nextBytes(selfMaskSeed);
        selfMask = MaskStream.of(selfMaskSeed, "self", config.jobId());
        int n = config.sites().size();
        List<ShamirShare> keyShares = Shamir.split(SecAggCrypto.scalar(maskKeys.getPrivate()), n,
                config.threshold(), random);
        List<ShamirShare> seedShares = Shamir.split(selfMaskSeed, n, config.threshold(), random);
        List<EncryptedShares> out = new ArrayList<>();
        for (String to : advertised) {
            int x = config.shareIndex(to);
            ShamirShare ks = keyShares.get(x - 1);
            ShamirShare bs = seedShares.get(x - 1);
            if (to.equals(site)) {
                heldShares.put(site, new ShamirShare[] {ks, bs});
                continue;
            }
            byte[] plain = new byte[2 * ShamirShare.Y_BYTES];
            System.arraycopy(ks.yBytes(), 0, plain, 0, ShamirShare.Y_BYTES);
            System.arraycopy(bs.yBytes(), 0, plain, ShamirShare.Y_BYTES, ShamirShare.Y_BYTES);
            byte[] key = SecAggCrypto.shareKey(cipherShared(to), config.jobId(), site, to);
            byte[] nonce = new byte[SecAggCrypto.NONCE_BYTES];
            random.nextBytes(nonce);
            out.add(new EncryptedShares(config.jobId(), site, to, nonce,
                    SecAggCrypto.seal(key, nonce, SecAggCrypto.shareAad(config.jobId(), site, to), plain)));
        }
        phase = Phase.SHARED;
        return out;
    }

    /** Phase 2, receiving side: authenticates and decrypts the shares other sites sent this site. */
    public void receiveShares(List<EncryptedShares> shares) {
        expect(Phase.SHARED, "receive shares");
        Set<String> senders = new HashSet<>();
        for (EncryptedShares e : shares) {
            String from = e.from();
            if (!config.jobId().equals(e.jobId())) {
                throw new SecAggException("site " + site + " rejects shares from site " + from + ": they belong to job "
                        + e.jobId() + ", not " + config.jobId() + " (replayed)");
            }
            if (!site.equals(e.to())) {
                throw new SecAggException("site " + site + " rejects shares from site " + from
                        + " addressed to site " + e.to() + " (misrouted or replayed)");
            }
            if (from.equals(site) || !cipherPublic.containsKey(from) || !senders.add(from)) {
                throw new SecAggException("site " + site + " rejects shares claimed to come from site " + from
                        + ": not an advertised peer, or sent twice");
            }
            byte[] key = SecAggCrypto.shareKey(cipherShared(from), config.jobId(), from, site);
            byte[] plain = e.nonce() == null || e.nonce().length != SecAggCrypto.NONCE_BYTES ? null
                    : SecAggCrypto.open(key, e.nonce(), SecAggCrypto.shareAad(config.jobId(), from, site), e.ciphertext());
            if (plain == null || plain.length != 2 * ShamirShare.Y_BYTES) {
                throw new SecAggException("site " + site + " rejects shares from site " + from
                        + ": the ciphertext fails authentication (tampered, or replayed from another job or pair)");
            }
            int x = config.shareIndex(site);
            try {
                heldShares.put(from, new ShamirShare[] {
                    ShamirShare.of(x, Arrays.copyOfRange(plain, 0, ShamirShare.Y_BYTES)),
                    ShamirShare.of(x, Arrays.copyOfRange(plain, ShamirShare.Y_BYTES, plain.length))});
            } catch (IllegalArgumentException bad) {
                throw new SecAggException("site " + site + " rejects shares from site " + from + ": not field elements");
            }
        }
        eligible = new ArrayList<>();
        for (String s : config.sites()) {
            if (heldShares.containsKey(s)) {
                eligible.add(s);
            }
        }
        cipherShared.clear(); // no further use; the share keys are not kept either
        phase = Phase.READY;
    }

    /**
     * Phase 3 of round {@code request.round()}: the site's quantities, encoded and masked. The
     * site refuses a round number it has already used (a second masking of the same round would
     * let the hub subtract two inputs under identical masks), participants it holds no shares for
     * or that left the job, and fewer than t participants.
     */
    public MaskedInput maskInput(MaskRequest request, Map<String, double[]> quantities) {
        expect(Phase.READY, "mask a round");
        int round = request.round();
        if (!config.jobId().equals(request.jobId())) {
            throw new SecAggException("site " + site + " refuses to mask for job " + request.jobId()
                    + ": it is in job " + config.jobId());
        }
        if (round <= lastRound) {
            throw new SecAggException("site " + site + " refuses to mask round " + round + " of job "
                    + config.jobId() + ": round " + lastRound + " was already masked (rounds must increase)");
        }
        if (pendingRound != 0) {
            throw new SecAggException("site " + site + " took no part in the unmasking of round " + pendingRound
                    + " of job " + config.jobId() + " and is out of the job's later rounds");
        }
        List<String> participants = request.participants();
        if (new HashSet<>(participants).size() != participants.size() || !participants.contains(site)) {
            throw new SecAggException("site " + site + " refuses round " + round
                    + ": the participant list repeats a site or leaves this site out");
        }
        for (String p : participants) {
            if (!eligible.contains(p)) {
                throw new SecAggException("site " + site + " refuses round " + round + ": site " + p
                        + " is not (or no longer) a participant of job " + config.jobId());
            }
        }
        if (participants.size() < config.threshold()) {
            throw new SecAggException("site " + site + " refuses round " + round + ": " + participants.size()
                    + " participants, threshold " + config.threshold());
        }
        int me = config.shareIndex(site);
        // All of a round's quantities, in name order, form one vector under one keystream per
        // seed: one cipher per pair and round instead of per quantity.
        TreeMap<String, double[]> ordered = new TreeMap<>(quantities);
        int elements = 0;
        for (double[] v : ordered.values()) {
            elements += v.length;
        }
        long[] y = new long[2 * elements];
        int at = 0;
        for (Map.Entry<String, double[]> q : ordered.entrySet()) {
            ring.encodeInto(q.getKey(), q.getValue(), y, at);
            at += q.getValue().length;
        }
        // The self mask protects an input only until the hub holds its seed: from the first round
        // without an unmasking step on, it holds every participant's (see the class comment), so
        // neither side spends a keystream on it (the hub applies the same rule).
        boolean unmaskingStep = !revealedSelfMask.containsAll(participants);
        if (unmaskingStep) {
            selfMask.addTo(round, y);
        }
        for (String v : participants) {
            if (v.equals(site)) {
                continue;
            }
            if (config.shareIndex(v) > me) {
                pairMask(v).addTo(round, y);
            } else {
                pairMask(v).subtractFrom(round, y);
            }
        }
        Map<String, long[]> masked = new TreeMap<>();
        at = 0;
        for (Map.Entry<String, double[]> e : ordered.entrySet()) {
            int words = 2 * e.getValue().length;
            masked.put(e.getKey(), Arrays.copyOfRange(y, at, at + words));
            at += words;
        }
        lastRound = round;
        lastParticipants = List.copyOf(participants);
        // See the class comment: once every participant's self-mask share is revealed, unmasking
        // could reveal nothing new, so the round has no unmasking step (the hub applies the same rule).
        if (!unmaskingStep) {
            lastRoundUnmasked = false;
        } else {
            lastRoundUnmasked = true;
            pendingRound = round;
        }
        return new MaskedInput(config.jobId(), round, site, masked);
    }

    /**
     * Phase 4: this site's shares of the survivors' self-mask seeds and of the dropped sites' mask
     * keys. Refused unless survivors and dropped split exactly the round's participants, this site
     * survived, at least t survived, and no site would have both kinds of share revealed.
     */
    public UnmaskResponse unmask(UnmaskRequest request) {
        expect(Phase.READY, "unmask");
        int round = request.round();
        boolean noUnmaskingStep = config.jobId().equals(request.jobId()) && round == lastRound && !lastRoundUnmasked;
        if (!config.jobId().equals(request.jobId()) || (pendingRound == 0 || round != pendingRound) && !noUnmaskingStep) {
            throw new SecAggException("site " + site + " refuses to unmask round " + round + " of job "
                    + request.jobId() + ": it has no masked input of that round awaiting unmasking");
        }
        // In a round without an unmasking step the checks below still run, so that a hub asking
        // anyway reads the rule it breaks; whatever it asks, the answer is a refusal.
        List<String> participants = lastParticipants;
        List<String> survivors = request.survivors();
        List<String> dropped = request.dropped();
        Set<String> union = new HashSet<>(survivors);
        union.addAll(dropped);
        if (union.size() != survivors.size() + dropped.size() || !union.equals(new HashSet<>(participants))) {
            throw new SecAggException("site " + site + " refuses to unmask round " + round
                    + ": survivors " + survivors + " and dropped " + dropped
                    + " do not split the round's participants " + participants);
        }
        if (!survivors.contains(site)) {
            throw new SecAggException("site " + site + " refuses to unmask round " + round
                    + ": the hub lists this site as dropped");
        }
        if (survivors.size() < config.threshold()) {
            throw new SecAggException("site " + site + " refuses to unmask round " + round + ": "
                    + survivors.size() + " survivors, threshold " + config.threshold());
        }
        for (String u : survivors) {
            if (revealedMaskKey.contains(u)) {
                throw new SecAggException("site " + site + " refuses to unmask round " + round
                        + ": the hub asks for site " + u + "'s self-mask share, but its mask-key share was"
                        + " already revealed in this job");
            }
        }
        for (String v : dropped) {
            if (revealedSelfMask.contains(v)) {
                throw new SecAggException("site " + site + " refuses to unmask round " + round
                        + ": the hub says site " + v + " dropped, but its self-mask share was already"
                        + " revealed in this job; revealing its mask-key share too would expose its inputs");
            }
        }
        if (noUnmaskingStep) {
            throw new SecAggException("site " + site + " refuses to unmask round " + round + " of job "
                    + config.jobId() + ": every participant's self-mask share was revealed in an earlier round,"
                    + " so the round has no unmasking step");
        }
        Map<String, byte[]> selfShares = new LinkedHashMap<>();
        for (String u : survivors) {
            selfShares.put(u, heldShares.get(u)[1].yBytes());
        }
        Map<String, byte[]> keyShares = new LinkedHashMap<>();
        for (String v : dropped) {
            keyShares.put(v, heldShares.get(v)[0].yBytes());
        }
        revealedSelfMask.addAll(survivors);
        revealedMaskKey.addAll(dropped);
        eligible.retainAll(survivors);
        pendingRound = 0;
        return new UnmaskResponse(config.jobId(), round, site, selfShares, keyShares);
    }

    /**
     * Derives the pairwise mask keys now (one X25519 agreement per advertised peer) instead of in
     * the first masked round, where they would lengthen the round every site waits for: a site
     * calls it when it is otherwise idle, after sending its shares. Masking derives any key still
     * missing, so calling this is optional; it reveals nothing and changes no mask.
     */
    public void preparePairMasks() {
        if (phase != Phase.SHARED && phase != Phase.READY) {
            throw new SecAggException("site " + site + " cannot prepare pairwise masks in phase " + phase
                    + " of secure aggregation for job " + config.jobId());
        }
        for (String v : maskPublic.keySet()) {
            if (!v.equals(site)) {
                pairMask(v);
            }
        }
    }

    private MaskStream pairMask(String v) {
        return pairMasks.computeIfAbsent(v, other -> {
            byte[] shared = SecAggCrypto.agree(maskKeys.getPrivate(), maskPublic.get(other), other);
            boolean meFirst = config.shareIndex(site) < config.shareIndex(other);
            byte[] seed = SecAggCrypto.pairSeed(shared, config.jobId(), meFirst ? site : other, meFirst ? other : site);
            return MaskStream.of(seed, "pair", config.jobId());
        });
    }

    private byte[] cipherShared(String peer) {
        return cipherShared.computeIfAbsent(peer,
                p -> SecAggCrypto.agree(cipherKeys.getPrivate(), cipherPublic.get(p), p));
    }

    private void expect(Phase wanted, String action) {
        if (phase != wanted) {
            throw new SecAggException("site " + site + " cannot " + action + " in phase " + phase
                    + " of secure aggregation for job " + config.jobId());
        }
    }
}
