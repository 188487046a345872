/**
 * The analyst's side of the deployed runtime: a client that submits jobs to a hub over mutual
 * TLS, follows their progress, and lists and fetches past results. It carries a method's
 * parameters as JSON and never talks to sites.
 */
package org.medfed.analyst;
