/**
 * The site agent: the process a hospital runs next to its data. {@code HubConnection} dials out
 * to the hub (one long-lived stream, hub identity checked before the site says anything,
 * heartbeats, reconnection with backoff); {@code SiteJobs} admits offers (with the operator's
 * {@code Approvals} under manual approval) and answers each round with the method's site half —
 * through the site's one {@link org.medfed.site.ReleaseGate}, which applies the site's policy and
 * writes the audit log before anything is sent; {@code SiteAgent} wires them from
 * {@code site.yaml}. Datasets are announced by name and column types only.
 */
package org.medfed.agent;
