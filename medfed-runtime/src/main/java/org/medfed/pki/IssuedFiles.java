package org.medfed.pki;

import java.nio.file.Path;

/** The two files written for one holder: its certificate (PEM) and its owner-only private key. */
public record IssuedFiles(Path certificate, Path privateKey) {
}
