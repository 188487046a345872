/**
 * What runs at a hospital, independent of transport: the {@link org.medfed.site.SiteWorker}
 * that answers requests from the site's own table, and the {@link org.medfed.site.ReleaseGate},
 * the single class every outgoing contribution passes through. The gate refuses anything a
 * request did not declare and records every release; later layers (policy, audit log, secure
 * aggregation masks, differential privacy) attach here and nowhere else.
 */
package org.medfed.site;
