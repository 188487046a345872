package org.medfed.transport;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.medfed.pki.Identity;
import org.medfed.pki.Role;

/**
 * Checks, on every call, that the server is a medfed <em>hub</em>: TLS already proved that its
 * certificate chains to the consortium CA and names the host dialed, but a site's certificate
 * chains to the same CA (and may serve TLS, for the decentralized mode), so without this check
 * a site could pose as the hub to another site or to an analyst. The call fails before any
 * message from the server is delivered.
 */
public final class HubIdentityCheck implements ClientInterceptor {
    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<A> listener, Metadata headers) {
                ClientCall<Q, A> call = delegate();
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    private String refused;

                    @Override
                    public void onHeaders(Metadata received) {
                        String why = problem(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                        if (why != null) {
                            refused = why;
                            call.cancel(why, null);
                            return;
                        }
                        super.onHeaders(received);
                    }

                    @Override
                    public void onMessage(A message) {
                        if (refused == null) {
                            super.onMessage(message);
                        }
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        if (refused != null) {
                            status = Status.PERMISSION_DENIED.withDescription(refused);
                        }
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }

    /** Why the server is not a hub, or null if it is. */
    static String problem(SSLSession session) {
        if (session == null) {
            return "the server did not use TLS";
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return "the server presented no certificate";
            }
            Identity id = Identity.of(leaf);
            if (id.role() != Role.HUB) {
                return "the server is not a medfed hub: its certificate '" + id.name() + "' has role " + id.role().label();
            }
            return null;
        } catch (SSLPeerUnverifiedException e) {
            return "the server's certificate is not verified";
        } catch (RuntimeException e) {
            return "the server is not a medfed hub: " + e.getMessage();
        }
    }
}
