package org.medfed.transport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.medfed.method.Aggregation;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.transport.proto.ContributionPart;
import org.medfed.transport.proto.QuantityDecl;
import org.medfed.transport.proto.RequestPart;

/**
 * Converts the method contract's values (requests, quantities, payloads) to and from their wire
 * messages. The runtime uses these; methods never see protobuf.
 */
public final class WireFormat {
    private WireFormat() {
    }

    public static QuantityDecl quantity(Quantity q) {
        QuantityDecl.Builder b = QuantityDecl.newBuilder().setName(q.name())
                .setAggregation(org.medfed.transport.proto.Aggregation.valueOf(q.aggregation().name()))
                .setDescription(q.description());
        for (int d : q.shape()) {
            b.addShape(d);
        }
        return b.build();
    }

    public static Quantity quantity(QuantityDecl d) {
        int[] shape = d.getShapeList().stream().mapToInt(Integer::intValue).toArray();
        return new Quantity(d.getName(), shape, Aggregation.valueOf(d.getAggregation().name()), d.getDescription());
    }

    /** A request as one or more messages; only the first carries the step, releases and sites. */
    public static List<RequestPart> requestParts(String job, Request request) {
        List<PayloadParts.Part> parts = PayloadParts.split(request.parameters());
        List<RequestPart> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            RequestPart.Builder b = RequestPart.newBuilder().setJob(job).setRound(request.round())
                    .addAllNumbers(parts.get(i).numbers()).addAllLabels(parts.get(i).labels())
                    .setLast(i == parts.size() - 1);
            if (i == 0) {
                b.setStep(request.step()).setAllSites(request.sites() == null);
                request.releases().forEach(q -> b.addReleases(quantity(q)));
                if (request.sites() != null) {
                    b.addAllSites(request.sites().stream().sorted().toList());
                }
            }
            out.add(b.build());
        }
        return out;
    }

    /** Rebuilds a request from the header part and the assembled parameters. */
    public static Request request(RequestPart header, Payload parameters) {
        List<Quantity> releases = header.getReleasesList().stream().map(WireFormat::quantity).toList();
        Set<String> sites = header.getAllSites() ? null : new LinkedHashSet<>(header.getSitesList());
        return new Request(header.getRound(), header.getStep(), parameters, releases, sites);
    }

    /** A contribution's values as one or more messages. */
    public static List<ContributionPart> contributionParts(String job, int round, Payload values) {
        List<PayloadParts.Part> parts = PayloadParts.split(values);
        List<ContributionPart> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            out.add(ContributionPart.newBuilder().setJob(job).setRound(round)
                    .addAllNumbers(parts.get(i).numbers()).addAllLabels(parts.get(i).labels())
                    .setLast(i == parts.size() - 1).build());
        }
        return out;
    }
}
