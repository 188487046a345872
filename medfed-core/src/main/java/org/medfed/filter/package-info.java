/**
 * Row filters for {@code --where}: a small expression language modelled on the conditions
 * people write in R's {@code subset()}, parsed and evaluated by medfed itself on a loaded
 * {@link org.medfed.data.Table}. A filter is never turned into SQL or any other code: the only
 * calls it knows are {@code is.na()} and {@code c()} after {@code %in%}, so a filter cannot
 * read files or reach the data engine. Evaluation is column by column with R's three-valued
 * logic; rows where the condition is NA are dropped, as {@code subset()} does.
 */
package org.medfed.filter;
