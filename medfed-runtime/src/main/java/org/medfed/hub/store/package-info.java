/**
 * What the hub remembers across restarts: every job it ran (what was asked, by whom, on which
 * sites), each round's progress, and each finished job's result, error and warnings. Held in an
 * embedded H2 database file ({@code hub.mv.db}) in the hub's data directory and reached only
 * through {@link org.medfed.hub.store.JobStore}. A job still running when the hub stopped is
 * marked {@link org.medfed.hub.store.JobStatus#INTERRUPTED} when the hub next opens the store,
 * so no job is ever shown as running forever.
 */
package org.medfed.hub.store;
