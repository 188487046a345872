package org.medfed.secagg;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hub's side of secure aggregation for one job. It relays advertisements and encrypted shares
 * it cannot read, collects masked inputs, asks the survivors for the shares that remove the masks,
 * and returns each round's sum over the surviving sites; it never sees a site's unmasked input.
 * Each step returns what to send to whom ({@link Delivery}); the runtime transports it.
 *
 * <p>A round's participants are the sites that answered the previous round's unmasking request
 * (after key sharing: the sites that shared keys). A site that dropped, before or after sending its
 * masked input, is out of all later rounds. Any step with fewer than t sites aborts with a
 * {@link SecAggException} naming the round and the counts.
 *
 * <p>Only a round with a participant whose self-mask seed the hub does not hold yet has an
 * unmasking step; in practice that is the job's first masked round (see {@link SecAggClient} for
 * why the sites apply the same rule). In later rounds {@link #requestUnmasking} returns no
 * requests and the inputs carry no self masks: the hub holds every seed, so a self mask would
 * hide nothing from it (the pairwise masks still hide each input). A
 * participant that sends no masked input in such a round cannot be recovered (its mask key may
 * not be revealed once its self-mask seed is known), so the round aborts.
 */
public final class SecAggServer {
    private enum Phase { ADVERTISING, SHARING, IDLE, MASKING, UNMASKING, DONE }

    private final SecAggConfig config;
    private final FixedPointRing ring;
    private Phase phase = Phase.ADVERTISING;

    private final Map<String, KeyAdvertisement> advertisements = new TreeMap<>();
    private final Map<String, List<EncryptedShares>> sharesFrom = new LinkedHashMap<>();
    private List<String> participants;
    private int round;
    private final Map<String, MaskedInput> inputs = new LinkedHashMap<>();
    private Map<String, Integer> shape;
    private List<String> survivors;
    private List<String> dropped;
    private boolean unmasking; // whether the current round has an unmasking step
    private final Map<String, UnmaskResponse> responses = new LinkedHashMap<>();
    /** Self-mask streams of the sites whose seeds were reconstructed, kept for the job's later rounds. */
    private final Map<String, MaskStream> selfMasks = new LinkedHashMap<>();

    public SecAggServer(SecAggConfig config) {
        this.config = config;
        this.ring = new FixedPointRing(config.sites().size());
    }

    public SecAggConfig config() {
        return config;
    }

    /** The sites that take part in the next (or current) round. */
    public List<String> participants() {
        return participants == null ? List.of() : participants;
    }

    public void acceptAdvertisement(KeyAdvertisement ad) {
        expect(Phase.ADVERTISING, "accept a key advertisement");
        checkJob(ad.jobId(), "key advertisement", ad.site());
        config.shareIndex(ad.site());
        if (advertisements.putIfAbsent(ad.site(), ad) != null) {
            throw new SecAggException("site " + ad.site() + " advertised keys twice in job " + config.jobId());
        }
    }

    /** Every advertisement, for every site that advertised; needs at least t of them. */
    public List<Delivery<List<KeyAdvertisement>>> relayAdvertisements() {
        expect(Phase.ADVERTISING, "relay advertisements");
        requireAtLeast(advertisements.size(), config.sites().size(), "during key advertisement", "advertised keys");
        List<KeyAdvertisement> all = inJobOrder(advertisements);
        List<Delivery<List<KeyAdvertisement>>> out = new ArrayList<>();
        for (KeyAdvertisement ad : all) {
            out.add(new Delivery<>(ad.site(), all));
        }
        phase = Phase.SHARING;
        return out;
    }

    public void acceptShares(String from, List<EncryptedShares> shares) {
        expect(Phase.SHARING, "accept shares");
        if (!advertisements.containsKey(from) || sharesFrom.containsKey(from)) {
            throw new SecAggException("site " + from + " sent shares without advertising keys, or twice");
        }
        for (EncryptedShares e : shares) {
            checkJob(e.jobId(), "share ciphertext", from);
            if (!from.equals(e.from()) || !advertisements.containsKey(e.to())) {
                throw new SecAggException("site " + from + " sent a share ciphertext labelled " + e.from() + " -> "
                        + e.to());
            }
        }
        sharesFrom.put(from, List.copyOf(shares));
    }

    /** Routes each sharing site the ciphertexts addressed to it; needs at least t sharing sites. */
    public List<Delivery<List<EncryptedShares>>> routeShares() {
        expect(Phase.SHARING, "route shares");
        requireAtLeast(sharesFrom.size(), advertisements.size(), "during key sharing", "shared keys");
        participants = new ArrayList<>();
        for (String s : config.sites()) {
            if (sharesFrom.containsKey(s)) {
                participants.add(s);
            }
        }
        List<Delivery<List<EncryptedShares>>> out = new ArrayList<>();
        for (String to : participants) {
            List<EncryptedShares> box = new ArrayList<>();
            for (String from : participants) {
                for (EncryptedShares e : sharesFrom.get(from)) {
                    if (e.to().equals(to)) {
                        box.add(e);
                    }
                }
            }
            out.add(new Delivery<>(to, box));
        }
        phase = Phase.IDLE;
        return out;
    }

    /** Opens the next aggregation round: a {@link MaskRequest} for each participant. */
    public List<Delivery<MaskRequest>> startRound() {
        expect(Phase.IDLE, "start a round");
        requireAtLeast(participants.size(), config.sites().size(), "before round " + (round + 1), "are left in the job");
        round++;
        inputs.clear();
        responses.clear();
        shape = null;
        unmasking = !selfMasks.keySet().containsAll(participants);
        MaskRequest request = new MaskRequest(config.jobId(), round, participants);
        List<Delivery<MaskRequest>> out = new ArrayList<>();
        for (String p : participants) {
            out.add(new Delivery<>(p, request));
        }
        phase = Phase.MASKING;
        return out;
    }

    public void acceptMaskedInput(MaskedInput in) {
        expect(Phase.MASKING, "accept a masked input");
        checkJob(in.jobId(), "masked input", in.site());
        if (in.round() != round || !participants.contains(in.site()) || inputs.containsKey(in.site())) {
            throw new SecAggException("masked input from site " + in.site() + " for round " + in.round()
                    + " refused: round " + round + " expects one input from each of " + participants);
        }
        Map<String, Integer> s = new TreeMap<>();
        for (Map.Entry<String, long[]> q : in.quantities().entrySet()) {
            s.put(q.getKey(), q.getValue().length);
        }
        if (shape == null) {
            shape = s;
        } else if (!shape.equals(s)) {
            throw new SecAggException("masked input from site " + in.site() + " in round " + round
                    + " has quantities " + s + " (ring words), others sent " + shape);
        }
        inputs.put(in.site(), in);
    }

    /**
     * Closes masking: the sites that sent input survive, the other participants dropped. Returns
     * no requests in a round without an unmasking step (then call {@link #finishRound} at once).
     */
    public List<Delivery<UnmaskRequest>> requestUnmasking() {
        expect(Phase.MASKING, "request unmasking");
        requireAtLeast(inputs.size(), participants.size(), "in round " + round, "sent masked input");
        survivors = new ArrayList<>();
        dropped = new ArrayList<>();
        for (String p : participants) {
            (inputs.containsKey(p) ? survivors : dropped).add(p);
        }
        if (!unmasking) {
            if (!dropped.isEmpty()) {
                phase = Phase.DONE;
                throw new SecAggException("secure aggregation aborted in round " + round + ": site " + dropped.get(0)
                        + " dropped, but its self-mask share was already revealed in an earlier round, and revealing"
                        + " its mask key too would expose its inputs; the job must start again with fresh keys");
            }
            phase = Phase.UNMASKING;
            return List.of();
        }
        UnmaskRequest request = new UnmaskRequest(config.jobId(), round, survivors, dropped);
        List<Delivery<UnmaskRequest>> out = new ArrayList<>();
        for (String s : survivors) {
            out.add(new Delivery<>(s, request));
        }
        phase = Phase.UNMASKING;
        return out;
    }

    public void acceptUnmaskResponse(UnmaskResponse r) {
        expect(Phase.UNMASKING, "accept an unmasking response");
        checkJob(r.jobId(), "unmasking response", r.site());
        if (r.round() != round || !unmasking || !survivors.contains(r.site()) || responses.containsKey(r.site())) {
            throw new SecAggException("unmasking response from site " + r.site() + " for round " + r.round()
                    + " refused: round " + round + (unmasking ? " expects one from each of " + survivors
                            : " has no unmasking step"));
        }
        if (!r.selfMaskShares().keySet().equals(new java.util.HashSet<>(survivors))
                || !r.maskKeyShares().keySet().equals(new java.util.HashSet<>(dropped))) {
            throw new SecAggException("unmasking response from site " + r.site() + " in round " + round
                    + " does not hold exactly the requested shares");
        }
        responses.put(r.site(), r);
    }

    /**
     * Removes the masks and decodes the round's sums over the survivors. Needs answers from at
     * least t survivors; the sites that answered are the next round's participants.
     */
    public RoundSum finishRound() {
        expect(Phase.UNMASKING, "finish a round");
        Map<String, Map<String, byte[]>> droppedSeeds = new LinkedHashMap<>();
        if (unmasking) {
            if (responses.size() < config.threshold()) {
                phase = Phase.DONE;
                throw new SecAggException("secure aggregation aborted in round " + round + ": " + responses.size()
                        + " of " + survivors.size() + " sites answered, threshold " + config.threshold());
            }
            // Every secret is rebuilt from the same answering sites: one set of Lagrange weights.
            List<UnmaskResponse> answered = new ArrayList<>(responses.values());
            int[] xs = new int[answered.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = config.shareIndex(answered.get(i).site());
            }
            BigInteger[] weights = Shamir.weightsAtZero(xs);
            for (String u : survivors) {
                if (!selfMasks.containsKey(u)) {
                    selfMasks.put(u, MaskStream.of(reconstruct(u, true, answered, weights), "self", config.jobId()));
                }
            }
            // every pairwise seed between a dropped site and a survivor, from the dropped site's key
            for (String v : dropped) {
                PrivateKey key = SecAggCrypto.x25519Private(reconstruct(v, false, answered, weights));
                checkReconstructedKey(v, key);
                Map<String, byte[]> seeds = new LinkedHashMap<>();
                for (String w : survivors) {
                    PublicKey wk = SecAggCrypto.x25519Public(advertisements.get(w).maskPublicKey(), w);
                    boolean vFirst = config.shareIndex(v) < config.shareIndex(w);
                    seeds.put(w, SecAggCrypto.pairSeed(SecAggCrypto.agree(key, wk, w), config.jobId(),
                            vFirst ? v : w, vFirst ? w : v));
                }
                droppedSeeds.put(v, seeds);
            }
        }
        // The sites masked the round's quantities as one vector in name order (see SecAggClient).
        int words = 0;
        for (int w : shape.values()) {
            words += w;
        }
        long[] acc = new long[words];
        for (String u : survivors) {
            long[] y = new long[words];
            int at = 0;
            for (String name : shape.keySet()) {
                long[] part = inputs.get(u).quantities().get(name);
                System.arraycopy(part, 0, y, at, part.length);
                at += part.length;
            }
            FixedPointRing.addInto(acc, y);
            if (unmasking) {
                // Only a round with an unmasking step carries self masks (see SecAggClient).
                selfMasks.get(u).subtractFrom(round, acc);
            }
        }
        for (String v : dropped) {
            for (String w : survivors) {
                // w added the mask if v comes after w in job order, subtracted it otherwise
                MaskStream m = MaskStream.of(droppedSeeds.get(v).get(w), "pair", config.jobId());
                if (config.shareIndex(v) > config.shareIndex(w)) {
                    m.subtractFrom(round, acc);
                } else {
                    m.addTo(round, acc);
                }
            }
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, Integer> q : shape.entrySet()) {
            long[] part = java.util.Arrays.copyOfRange(acc, at, at + q.getValue());
            at += q.getValue();
            sums.put(q.getKey(), ring.decode(q.getKey(), part, survivors.size()));
        }
        List<String> next = new ArrayList<>();
        for (String s : survivors) {
            if (!unmasking || responses.containsKey(s)) {
                next.add(s);
            }
        }
        participants = next;
        phase = Phase.IDLE;
        return new RoundSum(config.jobId(), round, survivors, sums);
    }

    private byte[] reconstruct(String owner, boolean selfMask, List<UnmaskResponse> answered, BigInteger[] weights) {
        List<ShamirShare> shares = new ArrayList<>();
        for (UnmaskResponse r : answered) {
            byte[] y = (selfMask ? r.selfMaskShares() : r.maskKeyShares()).get(owner);
            try {
                shares.add(ShamirShare.of(config.shareIndex(r.site()), y));
            } catch (IllegalArgumentException e) {
                throw new SecAggException("site " + r.site() + " sent a malformed share for site " + owner
                        + " in round " + round);
            }
        }
        return Shamir.combine(weights, shares);
    }

    /** A dropped site's reconstructed key must match its signed advertisement, else some share was wrong. */
    private void checkReconstructedKey(String v, PrivateKey key) {
        try {
            PublicKey base = KeyFactory.getInstance("X25519")
                    .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
            byte[] u = SecAggCrypto.agree(key, base, "base point");
            XECPublicKey advertised = (XECPublicKey) SecAggCrypto.x25519Public(
                    advertisements.get(v).maskPublicKey(), v);
            byte[] le = new byte[32];
            byte[] be = advertised.getU().toByteArray();
            for (int i = 0; i < Math.min(32, be.length); i++) {
                le[i] = be[be.length - 1 - i];
            }
            if (!Arrays.equals(u, le)) {
                throw new SecAggException("secure aggregation aborted in round " + round + ": the mask key of dropped site "
                        + v + " reconstructed from the shares does not match its advertised key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable in this JDK", e);
        }
    }

    private List<KeyAdvertisement> inJobOrder(Map<String, KeyAdvertisement> ads) {
        List<KeyAdvertisement> out = new ArrayList<>();
        for (String s : config.sites()) {
            if (ads.containsKey(s)) {
                out.add(ads.get(s));
            }
        }
        return out;
    }

    private void requireAtLeast(int count, int of, String when, String what) {
        if (count < config.threshold()) {
            phase = Phase.DONE;
            throw new SecAggException("secure aggregation aborted " + when + ": " + count + " of " + of
                    + " sites " + what + ", threshold " + config.threshold());
        }
    }

    private void checkJob(String jobId, String what, String site) {
        if (!config.jobId().equals(jobId)) {
            throw new SecAggException(what + " from site " + site + " belongs to job " + jobId + ", not "
                    + config.jobId());
        }
    }

    private void expect(Phase wanted, String action) {
        if (phase != wanted) {
            throw new SecAggException("the hub cannot " + action + " in phase " + phase
                    + " of secure aggregation for job " + config.jobId());
        }
    }
}
