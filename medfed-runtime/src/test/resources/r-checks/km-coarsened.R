# Reference values for medfed's site time coarsening: Kaplan-Meier by sex and the log-rank test
# on the cox-lung fixture's pooled rows with time rounded up to a multiple of 7 (days -> weeks),
# as a site with 'coarsen: {time: 7}' loads it. Run from this folder, with R 4.2.2 and survival 3.5.3:
#   Rscript km-coarsened.R ../reference/cox-lung/pooled.csv > km-coarsened.json
# Numbers are written with 17 significant digits; null for NA. Strata use the fixture's field
# names (lower/upper, median_lower_0.95, median_upper_0.95).
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = "NA", stringsAsFactors = FALSE)
d$sex <- factor(d$sex, levels = c("male", "female"))
d$time <- ceiling(d$time / 7) * 7

num <- function(x) {
  if (length(x) != 1) return(paste0("[", paste(vapply(x, num, ""), collapse = ", "), "]"))
  if (is.na(x)) return("null")
  sprintf("%.17g", x)
}
arr <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ", "), "]")
str <- function(x) paste0("\"", x, "\"")

fit <- survfit(Surv(time, status) ~ sex, data = d)
tab <- summary(fit)$table
strata <- c()
ends <- cumsum(fit$strata)
starts <- c(1, head(ends, -1) + 1)
for (s in seq_along(fit$strata)) {
  i <- starts[s]:ends[s]
  name <- names(fit$strata)[s]
  strata <- c(strata, paste0("{\"stratum\": ", str(name),
    ", \"time\": ", arr(fit$time[i]), ", \"n_risk\": ", arr(fit$n.risk[i]),
    ", \"n_event\": ", arr(fit$n.event[i]), ", \"n_censor\": ", arr(fit$n.censor[i]),
    ", \"surv\": ", arr(fit$surv[i]), ", \"std_err\": ", arr(fit$std.err[i]),
    ", \"lower\": ", arr(fit$lower[i]), ", \"upper\": ", arr(fit$upper[i]),
    ", \"median\": ", num(tab[s, "median"]), ", \"median_lower_0.95\": ", num(tab[s, "0.95LCL"]),
    ", \"median_upper_0.95\": ", num(tab[s, "0.95UCL"]),
    ", \"n\": ", num(tab[s, "n.start"]), ", \"events\": ", num(tab[s, "events"]), "}"))
}
lr <- survdiff(Surv(time, status) ~ sex, data = d)
cat("{\n")
cat("\"generated_by\": ", str(paste("km-coarsened.R with", R.version.string, "and survival", packageVersion("survival"))), ",\n", sep = "")
cat("\"call\": \"d$time <- ceiling(d$time / 7) * 7; survfit(Surv(time, status) ~ sex, data = d); survdiff(...)\",\n")
cat("\"km_by_sex\": {\"strata\": [", paste(strata, collapse = ",\n"), "]},\n", sep = "")
cat("\"logrank_by_sex\": {\"chisq\": ", num(lr$chisq), ", \"p_value\": ", num(pchisq(lr$chisq, 1, lower.tail = FALSE)),
    ", \"observed\": ", arr(lr$obs), ", \"expected\": ", arr(lr$exp), "}\n", sep = "")
cat("}\n")
