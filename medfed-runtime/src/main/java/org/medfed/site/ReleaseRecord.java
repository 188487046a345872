package org.medfed.site;

import java.util.List;
import org.medfed.method.Aggregation;

/**
 * One value that left a site: the job, round, step, quantity name, how it is aggregated, and the
 * value itself (numbers, or labels for a UNION quantity). Tests read these to assert exactly
 * what each site released.
 */
public record ReleaseRecord(String job, int round, String step, String name, Aggregation aggregation,
                            double[] numbers, List<String> labels) {
}
