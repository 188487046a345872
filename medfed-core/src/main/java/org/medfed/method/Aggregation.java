package org.medfed.method;

/** How the runtime combines one declared quantity across sites before the hub half sees it. */
public enum Aggregation {
    /** Element-wise sum of numeric arrays over sites, in fixed site order; maskable by secure aggregation. */
    SUM,
    /** Each site's array reaches the hub separately (counts per site, metadata); never maskable. */
    PER_SITE,
    /** Labels (such as factor levels or column types): the hub sees the set union, not who sent what. */
    UNION
}
