package org.medfed.hub;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.hub.store.JobStore;
import org.medfed.hub.store.StoredJob;
import org.medfed.pki.Identity;
import org.medfed.transport.PeerIdentity;
import org.medfed.transport.proto.HubGrpc;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.JobEvent;
import org.medfed.transport.proto.JobList;
import org.medfed.transport.proto.JobRecord;
import org.medfed.transport.proto.JobRef;
import org.medfed.transport.proto.JobSubmission;
import org.medfed.transport.proto.ListJobsRequest;
import org.medfed.transport.proto.ListSitesRequest;
import org.medfed.transport.proto.SiteInfo;
import org.medfed.transport.proto.SiteList;
import org.medfed.transport.proto.SiteMessage;

/**
 * The hub's gRPC endpoints. Roles were checked by {@link PeerIdentity} before any of these run;
 * here the caller's name decides what it sees: an analyst lists and fetches only the jobs it
 * submitted.
 */
final class HubService extends HubGrpc.HubImplBase {
    private final SiteRegistry registry;
    private final Jobs jobs;
    private final JobStore store;

    HubService(SiteRegistry registry, Jobs jobs, JobStore store) {
        this.registry = registry;
        this.jobs = jobs;
        this.store = store;
    }

    private static Identity caller() {
        return PeerIdentity.CALLER.get();
    }

    @Override
    public StreamObserver<SiteMessage> connect(StreamObserver<HubMessage> out) {
        byte[] certificate;
        try {
            certificate = PeerIdentity.CALLER_CERTIFICATE.get().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return new SiteStream(caller(), certificate, out, registry, jobs);
    }

    @Override
    public void submit(JobSubmission submission, StreamObserver<JobEvent> out) {
        start(submission, null, out);
    }

    @Override
    public void rerun(JobRef ref, StreamObserver<JobEvent> out) {
        Optional<StoredJob> old = own(ref.getJob());
        if (old.isEmpty()) {
            out.onError(notFound(ref.getJob()));
            return;
        }
        StoredJob job = old.get();
        JobSubmission again = JobSubmission.newBuilder().setMethod(job.method()).setParametersJson(job.parametersJson())
                .setDataset(job.dataset()).setWhere(job.where() == null ? "" : job.where())
                .addAllSites(job.sites()).setNoise(job.noise() == null ? "" : job.noise()).build();
        start(again, job.id(), out);
    }

    private void start(JobSubmission submission, String rerunOf, StreamObserver<JobEvent> out) {
        try {
            jobs.submit(submission, caller().name(), rerunOf, new AnalystStream(out));
        } catch (UsageException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (MedfedException e) {
            out.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void listJobs(ListJobsRequest request, StreamObserver<JobList> out) {
        String analyst = caller().name();
        JobList.Builder list = JobList.newBuilder();
        store.list().stream().filter(j -> analyst.equals(j.analyst()))
                .forEach(j -> list.addJobs(JobRecords.of(j, false)));
        out.onNext(list.build());
        out.onCompleted();
    }

    @Override
    public void getJob(JobRef ref, StreamObserver<JobRecord> out) {
        Optional<StoredJob> job = own(ref.getJob());
        if (job.isEmpty()) {
            out.onError(notFound(ref.getJob()));
            return;
        }
        out.onNext(JobRecords.of(job.get(), true));
        out.onCompleted();
    }

    @Override
    public void listSites(ListSitesRequest request, StreamObserver<SiteList> out) {
        SiteList.Builder list = SiteList.newBuilder();
        List<SiteLink> known = registry.known();
        known.sort(Comparator.comparing(SiteLink::name));
        for (SiteLink link : known) {
            boolean connected = registry.get(link.name()) == link;
            list.addSites(SiteInfo.newBuilder().setName(link.name()).setConnected(connected)
                    .setConnectedSince(link.connectedSince().toString())
                    .setLastHeartbeat(link.lastHeartbeat().toString())
                    .addAllDatasets(link.datasets()));
        }
        out.onNext(list.build());
        out.onCompleted();
    }

    /** The job if it exists and the caller submitted it (others' jobs are reported as not found). */
    private Optional<StoredJob> own(String id) {
        String analyst = caller().name();
        return store.find(id).filter(j -> analyst.equals(j.analyst()));
    }

    private static RuntimeException notFound(String id) {
        return Status.NOT_FOUND.withDescription("no job " + id + " of yours at this hub (medfed jobs lists them)")
                .asRuntimeException();
    }
}
