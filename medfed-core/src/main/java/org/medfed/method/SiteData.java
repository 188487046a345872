package org.medfed.method;

import org.medfed.data.Table;

/**
 * A site's rows as a method sees them: the loaded table and the rows the job's row filter
 * ({@code --where}) kept. Rows outside {@code keep} must be ignored by every computation.
 *
 * @param site  this site's name (for messages)
 * @param table the site's table
 * @param keep  rows kept by the job's filter, or null for all rows
 */
public record SiteData(String site, Table table, boolean[] keep) {
}
