/**
 * The site agent: the process a hospital runs next to its data. It dials out to the hub (one
 * long-lived stream, heartbeats, reconnection with backoff), announces its datasets by name and
 * column types only, and answers each job's rounds with the method's site half — through the
 * site's one {@link org.medfed.site.ReleaseGate}, which applies the site's policy and writes the
 * audit log before anything is sent.
 */
package org.medfed.agent;
