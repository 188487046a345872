package org.medfed.transport;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.medfed.pki.Identity;
import org.medfed.pki.Role;

/**
 * Reads the caller's identity (name and role) from its verified TLS client certificate and
 * refuses calls its role may not make. Roles live inside the CA-signed certificate, so a member
 * cannot change its own; the table of which role may call which method is here, in one place.
 */
public final class PeerIdentity implements ServerInterceptor {
    /** The caller of the current call, set for every call that passes this interceptor. */
    public static final Context.Key<Identity> CALLER = Context.key("medfed-caller");
    /** The caller's verified certificate (a site's is handed to the other sites for secure aggregation). */
    public static final Context.Key<X509Certificate> CALLER_CERTIFICATE = Context.key("medfed-caller-certificate");

    private final Map<String, Set<Role>> allowed;

    /** @param allowed full method name ("medfed.v1.Hub/Submit") to the roles that may call it */
    public PeerIdentity(Map<String, Set<Role>> allowed) {
        this.allowed = Map.copyOf(allowed);
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        Identity caller;
        X509Certificate certificate;
        try {
            certificate = leaf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
            caller = Identity.of(certificate);
        } catch (RuntimeException e) {
            call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        String method = call.getMethodDescriptor().getFullMethodName();
        Set<Role> roles = allowed.get(method);
        if (roles == null || !roles.contains(caller.role())) {
            call.close(Status.PERMISSION_DENIED.withDescription("certificate '" + caller.name() + "' has role "
                    + caller.role().label() + ", which may not call " + method.substring(method.lastIndexOf('/') + 1)
                    + (roles == null ? "" : " (allowed: " + roles.stream().map(Role::label).sorted().toList() + ")")),
                    new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValues(CALLER, caller, CALLER_CERTIFICATE, certificate),
                call, headers, next);
    }

    private static X509Certificate leaf(SSLSession session) {
        if (session == null) {
            throw new IllegalStateException("no TLS session: medfed requires mutual TLS");
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new IllegalStateException("no verified client certificate");
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw new IllegalStateException("no client certificate");
        }
        return leaf;
    }
}
