package org.medfed.transport;

import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medfed.error.MedfedException;

/**
 * Mutual-TLS credentials from the consortium's PEM files: the member's certificate and private
 * key, and the consortium CA that every peer's certificate must chain to. The hub requires a
 * client certificate on every connection; clients verify the hub's certificate and host name.
 *
 * @param ca   the consortium CA certificate (PEM)
 * @param cert this member's certificate (PEM)
 * @param key  this member's private key (PKCS#8 PEM)
 */
public record Tls(Path ca, Path cert, Path key) {

    public Tls {
        require(ca, "CA certificate (tls.ca / --ca)");
        require(cert, "certificate (tls.cert / --cert)");
        require(key, "private key (tls.key / --key)");
    }

    private static void require(Path file, String what) {
        if (file == null) {
            throw new org.medfed.error.UsageException("missing " + what);
        }
        if (!Files.isRegularFile(file)) {
            throw new MedfedException("cannot read " + what + ": " + file + " does not exist");
        }
    }

    public ServerCredentials server() {
        try {
            return TlsServerCredentials.newBuilder()
                    .keyManager(cert.toFile(), key.toFile())
                    .trustManager(ca.toFile())
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw new MedfedException("cannot load TLS files " + cert + ", " + key + ", " + ca + ": " + e.getMessage(), e);
        }
    }

    public ChannelCredentials client() {
        try {
            return TlsChannelCredentials.newBuilder()
                    .keyManager(cert.toFile(), key.toFile())
                    .trustManager(ca.toFile())
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw new MedfedException("cannot load TLS files " + cert + ", " + key + ", " + ca + ": " + e.getMessage(), e);
        }
    }
}
