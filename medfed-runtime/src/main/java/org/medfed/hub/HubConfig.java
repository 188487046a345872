package org.medfed.hub;

import java.nio.file.Path;
import java.time.Duration;
import org.medfed.config.ConfigNode;
import org.medfed.config.HostPort;
import org.medfed.transport.Tls;

/**
 * The hub's configuration ({@code hub.yaml}). Every key, its meaning and default is documented in
 * the README; relative paths resolve against the file's folder.
 *
 * @param listen            address to listen on ({@code listen}, default 127.0.0.1:7443; port 0 picks a free port)
 * @param tls               consortium CA, the hub's certificate and key ({@code tls: {ca, cert, key}})
 * @param dataDir           where jobs and results are stored ({@code data_dir}, default {@code hub-data})
 * @param roundTimeout      how long a round waits for a site to answer or reconnect ({@code round_timeout}, 10m)
 * @param approvalTimeout   how long a job waits for sites that approve jobs by hand ({@code approval_timeout}, 24h)
 * @param heartbeatTimeout  a site silent this long is treated as disconnected ({@code heartbeat_timeout}, 30s)
 * @param maxMessageMb      largest single gRPC message accepted ({@code max_message_mb}, 16; payloads travel in 2 MiB parts)
 * @param secureAggregation compute every SUM by secure aggregation ({@code secure_aggregation}, true); a job
 *                          without it runs only if every site's policy has {@code allow_plain_aggregation: true}
 */
public record HubConfig(HostPort listen, Tls tls, Path dataDir, Duration roundTimeout, Duration approvalTimeout,
                        Duration heartbeatTimeout, int maxMessageMb, boolean secureAggregation) {

    public static final String DEFAULT_LISTEN = "127.0.0.1:7443";

    public static HubConfig load(Path file) {
        ConfigNode c = ConfigNode.load(file).only("listen", "tls", "data_dir", "round_timeout", "approval_timeout",
                "heartbeat_timeout", "max_message_mb", "secure_aggregation");
        ConfigNode tls = c.child("tls").only("ca", "cert", "key");
        HubConfig config = new HubConfig(
                HostPort.parse(c.string("listen", DEFAULT_LISTEN), file.getFileName() + ": listen"),
                new Tls(tls.requirePath("ca"), tls.requirePath("cert"), tls.requirePath("key")),
                c.path("data_dir", c.resolve("hub-data")),
                c.duration("round_timeout", Duration.ofMinutes(10)),
                c.duration("approval_timeout", Duration.ofHours(24)),
                c.duration("heartbeat_timeout", Duration.ofSeconds(30)),
                c.integer("max_message_mb", 16),
                !"false".equalsIgnoreCase(c.string("secure_aggregation", "true")));
        if (config.maxMessageMb() < 4) {
            throw c.error("max_message_mb", "must be at least 4");
        }
        return config;
    }

    /** A configuration for tests and the demo. */
    public static HubConfig of(HostPort listen, Tls tls, Path dataDir, Duration roundTimeout) {
        return new HubConfig(listen, tls, dataDir, roundTimeout, Duration.ofHours(24), Duration.ofSeconds(30), 16, true);
    }

    public HubConfig withHeartbeatTimeout(Duration timeout) {
        return new HubConfig(listen, tls, dataDir, roundTimeout, approvalTimeout, timeout, maxMessageMb, secureAggregation);
    }

    public HubConfig withApprovalTimeout(Duration timeout) {
        return new HubConfig(listen, tls, dataDir, roundTimeout, timeout, heartbeatTimeout, maxMessageMb, secureAggregation);
    }

    public HubConfig withMaxMessageMb(int mb) {
        return new HubConfig(listen, tls, dataDir, roundTimeout, approvalTimeout, heartbeatTimeout, mb, secureAggregation);
    }

    public HubConfig withSecureAggregation(boolean on) {
        return new HubConfig(listen, tls, dataDir, roundTimeout, approvalTimeout, heartbeatTimeout, maxMessageMb, on);
    }
}
