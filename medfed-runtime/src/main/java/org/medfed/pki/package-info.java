/**
 * The consortium's public-key infrastructure: one EC P-256 certificate authority per consortium
 * ({@link org.medfed.pki.ConsortiumCa}) issues every hub, site and analyst a certificate whose
 * subject {@code CN} is the holder's name and whose {@link org.medfed.pki.Role} is bound inside
 * the signed certificate, never in a configuration file that a site could edit. The role appears
 * twice: as the subject's {@code OU} (so people reading a certificate see it) and as a
 * non-critical extension (so code does not parse display strings) under the private OID
 * {@value org.medfed.pki.RoleExtension#OID}, a UUID-derived arc ({@code 2.25}, ITU-T X.667)
 * that needs no registration; its value is the role label as a UTF8String.
 * {@link org.medfed.pki.Identity#of} reads it back and insists the two agree.
 *
 * <p>Keys are written as unencrypted PKCS#8 PEM because gRPC/Netty's TLS credentials read
 * that format; every private key file is created owner-only ({@code rw-------}) in the same
 * system call that creates it. BouncyCastle is used only to build and parse certificates, CSRs
 * and PEM; it is never registered as a JCA provider, so signing and TLS stay on the JDK's own
 * providers. Nothing here opens sockets: the transport uses these files.
 */
package org.medfed.pki;
