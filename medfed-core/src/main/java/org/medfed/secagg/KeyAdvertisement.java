package org.medfed.secagg;

/**
 * Phase 1, site to all (relayed by the hub): the site's two X25519 public keys (X.509 encoded),
 * one for encrypting shares and one for pairwise masks, signed with the site's identity key over
 * (job, site, both keys) so that the hub can neither substitute nor replay them.
 */
public record KeyAdvertisement(String jobId, String site, byte[] cipherPublicKey, byte[] maskPublicKey,
        byte[] signature) {
}
