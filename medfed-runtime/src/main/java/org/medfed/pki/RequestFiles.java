package org.medfed.pki;

import java.nio.file.Path;

/**
 * The two files a requester writes: the certification request to send to the consortium
 * operator, and the owner-only private key that never leaves the requester's machine.
 */
public record RequestFiles(Path request, Path privateKey) {
}
