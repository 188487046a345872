package org.medfed.secagg;

/**
 * Phase 2, site {@code from} to site {@code to} (routed by the hub, which cannot read it): the
 * recipient's Shamir shares of the sender's mask private key and self-mask seed, under AES-GCM
 * with a key from their X25519 agreement and associated data binding (job, from, to).
 */
public record EncryptedShares(String jobId, String from, String to, byte[] nonce, byte[] ciphertext) {
}
