# Reference values for medfed's table tests, correlation and t-test on the summary-stats-lung
# fixture's pooled rows (R's answers on the pooled data; no fixture carries these).
# Run from this folder, with R 4.2.2 (no packages needed):
#   Rscript lung-tests.R ../reference/summary-stats-lung/pooled.csv > lung-tests.json
# Numbers are written with 17 significant digits; "Inf" for infinities, null for NA.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = "NA", stringsAsFactors = FALSE)
d$sex <- factor(d$sex, levels = c("male", "female"))
d$ecog_grp <- factor(d$ecog_grp, levels = c("asymptomatic", "ambulatory", "in_bed"))

num <- function(x) {
  if (length(x) != 1) return(paste0("[", paste(vapply(x, num, ""), collapse = ", "), "]"))
  if (is.na(x)) return("null")
  if (is.infinite(x)) return(if (x > 0) "\"Inf\"" else "\"-Inf\"")
  sprintf("%.17g", x)
}
str <- function(x) paste0("\"", x, "\"")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(kv), unlist(kv)), collapse = ", "), "}")
}
mat <- function(m) paste0("[", paste(apply(m, 1, function(r) num(as.numeric(r))), collapse = ", "), "]")
strs <- function(x) paste0("[", paste(str(x), collapse = ", "), "]")

# A 2 x 2 table: everything medfed reports for it.
two_by_two <- function(tab, call) {
  yates <- suppressWarnings(chisq.test(tab))
  plain <- suppressWarnings(chisq.test(tab, correct = FALSE))
  f <- fisher.test(tab)
  p <- suppressWarnings(prop.test(tab, correct = FALSE))
  or <- tab[1, 1] * tab[2, 2] / (tab[1, 2] * tab[2, 1])
  se <- sqrt(sum(1 / tab))
  z <- qnorm(0.975)
  obj(call = str(call), rows = strs(rownames(tab)), cols = strs(colnames(tab)), counts = mat(tab),
      chisq_corrected = obj(statistic = num(unname(yates$statistic)), df = num(unname(yates$parameter)),
                            p_value = num(yates$p.value), expected = mat(yates$expected)),
      chisq = obj(statistic = num(unname(plain$statistic)), df = num(unname(plain$parameter)),
                  p_value = num(plain$p.value)),
      fisher = obj(p_value = num(f$p.value), estimate = num(unname(f$estimate)),
                   conf_low = num(f$conf.int[1]), conf_high = num(f$conf.int[2])),
      risk_difference = obj(risks = num(unname(p$estimate)), estimate = num(unname(p$estimate[1] - p$estimate[2])),
                            conf_low = num(p$conf.int[1]), conf_high = num(p$conf.int[2])),
      odds_ratio = obj(estimate = num(or), conf_low = num(exp(log(or) - z * se)), conf_high = num(exp(log(or) + z * se))))
}

fisher_only <- function(tab, call) {
  f <- fisher.test(tab)
  fields <- list(call = str(call), counts = mat(tab), p_value = num(f$p.value))
  if (all(dim(tab) == 2)) {
    fields <- c(fields, list(estimate = num(unname(f$estimate)), conf_low = num(f$conf.int[1]),
                             conf_high = num(f$conf.int[2])))
  }
  do.call(obj, fields)
}

correlate <- function(rows, call) {
  cc <- rows[complete.cases(rows[, cols]), cols]
  pairs <- character(0)
  for (i in 1:2) for (j in (i + 1):3) {
    t <- cor.test(cc[[i]], cc[[j]])
    pairs <- c(pairs, obj(x = str(cols[i]), y = str(cols[j]), estimate = num(unname(t$estimate)),
                          statistic = num(unname(t$statistic)), df = num(unname(t$parameter)),
                          p_value = num(t$p.value), conf_low = num(t$conf.int[1]), conf_high = num(t$conf.int[2])))
  }
  obj(call = str(call), columns = strs(cols), n = num(nrow(cc)), matrix = mat(cor(rows[, cols], use = "complete.obs")),
      pairs = paste0("[", paste(pairs, collapse = ", "), "]"))
}
cols <- c("age", "ph.karno", "wt.loss")
correlation <- correlate(d, "cols <- c('age', 'ph.karno', 'wt.loss'); cc <- d[complete.cases(d[, cols]), cols]; cor(cc); cor.test(cc[[i]], cc[[j]])")
correlation_female <- correlate(d[d$sex == "female", ], "the same on d[d$sex == 'female', ]")

ttest <- function(formula, var.equal, call, rows = d) {
  t <- t.test(formula, data = rows, var.equal = var.equal)
  obj(call = str(call), statistic = num(unname(t$statistic)), df = num(unname(t$parameter)), p_value = num(t$p.value),
      conf_low = num(t$conf.int[1]), conf_high = num(t$conf.int[2]), estimate = num(unname(t$estimate)),
      method = str(trimws(t$method)))
}

cat("{\n",
    "\"generated_by\": ", str(paste0("lung-tests.R with ", R.version.string)), ",\n",
    "\"sex_status\": ", two_by_two(table(d$sex, d$status), "tab <- table(d$sex, d$status)"), ",\n",
    "\"sex_status_age_over_60\": ", two_by_two(with(d[d$age > 60, ], table(sex, status)),
        "with(d[d$age > 60, ], table(sex, status))"), ",\n",
    "\"fisher\": [",
    fisher_only(matrix(c(3, 1, 1, 3), 2), "fisher.test(matrix(c(3, 1, 1, 3), 2))"), ",\n  ",
    fisher_only(matrix(c(0, 5, 4, 3), 2), "fisher.test(matrix(c(0, 5, 4, 3), 2))"), ",\n  ",
    fisher_only(matrix(c(7, 0, 2, 5), 2), "fisher.test(matrix(c(7, 0, 2, 5), 2))"), ",\n  ",
    fisher_only(matrix(c(10, 20, 30, 40), 2), "fisher.test(matrix(c(10, 20, 30, 40), 2))"), ",\n  ",
    fisher_only(table(d$sex, d$ph.karno), "fisher.test(table(d$sex, d$ph.karno))"), ",\n  ",
    fisher_only(table(d$ecog_grp, d$status), "fisher.test(table(d$ecog_grp, d$status))"), ",\n  ",
    fisher_only(matrix(c(2, 1, 0, 1, 3, 2, 0, 2, 4), 3), "fisher.test(matrix(c(2, 1, 0, 1, 3, 2, 0, 2, 4), 3))"),
    "],\n",
    "\"correlation\": ", correlation, ",\n",
    "\"correlation_female\": ", correlation_female, ",\n",
    "\"ttest_age_sex_welch\": ", ttest(age ~ sex, FALSE, "t.test(age ~ sex, data = d)"), ",\n",
    "\"ttest_age_sex_pooled\": ", ttest(age ~ sex, TRUE, "t.test(age ~ sex, data = d, var.equal = TRUE)"), ",\n",
    "\"ttest_wtloss_sex_welch\": ", ttest(wt.loss ~ sex, FALSE, "t.test(wt.loss ~ sex, data = d)"), ",\n",
    "\"ttest_age_sex_pooled_age_over_60\": ", ttest(age ~ sex, TRUE, "t.test(age ~ sex, data = d[d$age > 60, ], var.equal = TRUE)",
                                                  d[d$age > 60, ]), "\n",
    "}\n", sep = "")
