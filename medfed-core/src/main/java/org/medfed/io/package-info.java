/**
 * File-system helpers the site's records share: {@link DurableFiles} replaces a small file so that
 * a crash leaves either the old or the new content, and the new content is on disk before the
 * caller goes on (the privacy budget ledger, the differencing guard's subsets, manual approvals).
 */
package org.medfed.io;
