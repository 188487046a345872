package org.medfed.analyst;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.medfed.config.HostPort;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.methods.Invocation;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.transport.HubIdentityCheck;
import org.medfed.transport.Tls;
import org.medfed.transport.proto.HubGrpc;
import org.medfed.transport.proto.JobEvent;
import org.medfed.transport.proto.JobRecord;
import org.medfed.transport.proto.JobRef;
import org.medfed.transport.proto.JobSubmission;
import org.medfed.transport.proto.ListJobsRequest;
import org.medfed.transport.proto.ListSitesRequest;
import org.medfed.transport.proto.SiteInfo;

/**
 * An analyst's connection to a hub. Calls block; a job's progress events are handed to a
 * listener as they arrive. gRPC failures become medfed errors with the hub's own words.
 */
public final class AnalystClient implements AutoCloseable {
    private final HostPort hub;
    private final ManagedChannel channel;
    private final HubGrpc.HubBlockingStub stub;

    public AnalystClient(HostPort hub, Tls tls) {
        this.hub = hub;
        this.channel = NettyChannelBuilder.forTarget(hub.target(), tls.client()).maxInboundMessageSize(64 << 20)
                .intercept(new HubIdentityCheck()).build();
        this.stub = HubGrpc.newBlockingStub(channel);
    }

    /** Submits a job and waits for it to finish; returns its record (succeeded or failed). */
    public JobRecord submit(Invocation<?> invocation, String dataset, String where, List<String> sites,
                            Consumer<JobEvent> progress) {
        return submit(invocation, dataset, where, sites, null, progress);
    }

    /**
     * As above, asking every site for differential-privacy noise on each numeric release
     * ({@code noise} null: none asked; a site's policy may still require it).
     */
    public JobRecord submit(Invocation<?> invocation, String dataset, String where, List<String> sites,
                            NoiseRequest noise, Consumer<JobEvent> progress) {
        JobSubmission submission = JobSubmission.newBuilder().setMethod(invocation.name())
                .setParametersJson(invocation.parametersJson()).setDataset(dataset)
                .setWhere(where == null ? "" : where).addAllSites(sites)
                .setNoise(noise == null ? "" : noise.text()).build();
        return follow(() -> stub.submit(submission), progress);
    }

    /** Runs a past job again with the same method, parameters, dataset, filter and sites. */
    public JobRecord rerun(String job, Consumer<JobEvent> progress) {
        return follow(() -> stub.rerun(JobRef.newBuilder().setJob(job).build()), progress);
    }

    private JobRecord follow(Supplier<Iterator<JobEvent>> call, Consumer<JobEvent> progress) {
        return call(() -> {
            Iterator<JobEvent> events = call.get();
            JobRecord finished = null;
            while (events.hasNext()) {
                JobEvent e = events.next();
                progress.accept(e);
                if (e.hasFinished()) {
                    finished = e.getFinished();
                }
            }
            if (finished == null) {
                throw new MedfedException("the hub ended the job's stream without a result");
            }
            return finished;
        });
    }

    /** This analyst's jobs, newest first, without result bodies. */
    public List<JobRecord> jobs() {
        return call(() -> stub.listJobs(ListJobsRequest.getDefaultInstance()).getJobsList());
    }

    /** One job with its result. */
    public JobRecord job(String id) {
        return call(() -> stub.getJob(JobRef.newBuilder().setJob(id).build()));
    }

    /** Sites the hub has seen since it started, and their datasets' schemas. */
    public List<SiteInfo> sites() {
        return call(() -> stub.listSites(ListSitesRequest.getDefaultInstance()).getSitesList());
    }

    private <T> T call(Supplier<T> body) {
        try {
            return body.get();
        } catch (StatusRuntimeException e) {
            throw translate(e.getStatus());
        }
    }

    private MedfedException translate(Status status) {
        String said = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> new UsageException(said);
            case UNAVAILABLE -> new MedfedException("cannot reach the hub at " + hub + ": " + said
                    + (status.getCause() == null ? "" : " (" + rootMessage(status.getCause()) + ")"));
            case PERMISSION_DENIED -> new MedfedException(said.startsWith("the server") ? said + " (" + hub + ")"
                    : "the hub refused: " + said);
            case UNAUTHENTICATED -> new MedfedException("the hub did not accept this certificate: " + said);
            default -> new MedfedException(said);
        };
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
