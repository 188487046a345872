/**
 * The one exception hierarchy of medfed. Every exception here carries a message written for a
 * person (analyst, site custodian) that names the site, file, line, column or round at fault;
 * the command line prints that message and exits 1 ({@link org.medfed.error.MedfedException})
 * or 2 ({@link org.medfed.error.UsageException}) without a stack trace. Nothing here may ever
 * quote more than the single offending cell of a site's data.
 */
package org.medfed.error;
