/**
 * What runs at a hospital, independent of transport: the {@link org.medfed.site.SiteWorker}
 * that answers requests from the site's own table, and the {@link org.medfed.site.ReleaseGate},
 * the single class every outgoing contribution passes through. The gate refuses anything a
 * request did not declare, applies the site's {@link org.medfed.site.ReleasePolicy} disclosure
 * rules (the differencing guard remembers row subsets in a {@link org.medfed.site.SubsetStore}),
 * withholds values a method declares single-row unless the policy allows extremes, suppresses or
 * refuses small cells of count vectors a method declares suppressible, and records every release; later layers (audit log, secure aggregation masks, differential
 * privacy) attach here and nowhere else.
 */
package org.medfed.site;
