package org.medfed.secagg;

import java.util.HashSet;
import java.util.List;

/**
 * One job's secure-aggregation parameters, identical at the hub and every site: the job id (bound
 * into every signature, key and mask), the sites in the job's fixed order (which decides the sign
 * of each pairwise mask and each site's Shamir x = position + 1), and the threshold t.
 *
 * <p>t is both the number of shares that reconstruct a secret and the least number of sites that
 * must take part in every step. It must exceed n/2: each site reveals, per other site, either the
 * self-mask share or the mask-key share but never both, so a hub that tells two halves of the sites
 * different stories about who dropped can collect t shares of at most one kind. The default
 * {@link #defaultThreshold} is &lfloor;2n/3&rfloor; + 1 (3 of 3, 3 of 4, 4 of 5, 7 of 10): a
 * comfortable majority that still lets about a third of the sites drop.
 */
public record SecAggConfig(String jobId, List<String> sites, int threshold) {

    public SecAggConfig {
        sites = List.copyOf(sites);
        if (jobId == null || jobId.isEmpty()) {
            throw new IllegalArgumentException("secure aggregation needs a job id");
        }
        if (sites.size() < 2) {
            throw new SecAggException("secure aggregation needs at least 2 sites, job " + jobId + " has " + sites.size());
        }
        if (new HashSet<>(sites).size() != sites.size()) {
            throw new SecAggException("job " + jobId + " lists a site twice: " + sites);
        }
        int n = sites.size();
        if (threshold < 2 || 2 * threshold <= n || threshold > n) {
            throw new SecAggException("secure-aggregation threshold " + threshold + " for " + n
                    + " sites must be at least 2, more than half the sites, and at most " + n);
        }
    }

    /** The job with the default threshold &lfloor;2n/3&rfloor; + 1. */
    public static SecAggConfig of(String jobId, List<String> sites) {
        return new SecAggConfig(jobId, sites, defaultThreshold(sites.size()));
    }

    public static int defaultThreshold(int n) {
        return Math.min(n, Math.max(2, 2 * n / 3 + 1));
    }

    /** The site's Shamir x coordinate: its 1-based position in the job order. */
    int shareIndex(String site) {
        int i = sites.indexOf(site);
        if (i < 0) {
            throw new SecAggException("site " + site + " is not part of job " + jobId);
        }
        return i + 1;
    }
}
