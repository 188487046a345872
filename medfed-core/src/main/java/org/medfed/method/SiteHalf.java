package org.medfed.method;

/**
 * The site side of one job of a method: turns a request and the site's own rows into a
 * contribution. Anything it needs to remember between rounds (a built design matrix, ADMM's local
 * primal and dual, EP's site factor) goes into {@link SiteState}, which never leaves the site.
 */
public interface SiteHalf {

    Contribution compute(Request request, SiteData data, SiteState state);
}
