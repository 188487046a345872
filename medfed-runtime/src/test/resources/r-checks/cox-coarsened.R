# Reference values for medfed's site time coarsening with Cox models: the cox-lung fixture's site
# files stacked, site2's times rounded up to a multiple of 7 (days -> weeks) as a site with
# 'coarsen: {time: 7}' loads them, the other sites exact. Fitted with the pooled baseline and
# with strata(site), Efron and Breslow. Run from this folder, with R 4.2.2 and survival 3.5.3:
#   Rscript cox-coarsened.R ../../../../../shared/reference/cox-lung > cox-coarsened.json
# (the argument is the fixture's folder). Numbers are written with 17 significant digits; field
# names follow the shared reference's expected.json (tests.score_logrank, loglik.null/final).
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
sites <- c("site1", "site2", "site3")
d <- do.call(rbind, lapply(sites, function(s) {
  x <- read.csv(file.path(args[1], paste0(s, ".csv")), na.strings = "NA", stringsAsFactors = FALSE)
  x$site <- s
  if (s == "site2") x$time <- ceiling(x$time / 7) * 7
  x
}))
d$sex <- factor(d$sex, levels = c("male", "female"))

num <- function(x) {
  if (length(x) != 1) return(paste0("[", paste(vapply(x, num, ""), collapse = ", "), "]"))
  if (is.na(x)) return("null")
  sprintf("%.17g", x)
}
str <- function(x) paste0("\"", x, "\"")
obj <- function(...) {
  f <- list(...)
  paste0("{", paste(paste0(str(names(f)), ": ", unlist(f)), collapse = ", "), "}")
}

fit_json <- function(formula, ties) {
  fit <- coxph(formula, data = d, ties = ties)
  s <- summary(fit)
  cf <- s$coefficients
  ci <- confint(fit)
  z <- qnorm(0.975)
  coefs <- vapply(seq_len(nrow(cf)), function(i) obj(
    term = str(rownames(cf)[i]), estimate = num(cf[i, "coef"]), std_error = num(cf[i, "se(coef)"]),
    statistic = num(cf[i, "z"]), p_value = num(cf[i, "Pr(>|z|)"]),
    conf_low = num(ci[i, 1]), conf_high = num(ci[i, 2]),
    exp_estimate = num(exp(cf[i, "coef"])), exp_conf_low = num(exp(ci[i, 1])), exp_conf_high = num(exp(ci[i, 2]))), "")
  v <- fit$var
  # summary()'s logtest/waldtest/sctest are rounded for printing: the unrounded statistics instead.
  df <- sum(!is.na(coef(fit)))
  test <- function(x) obj(statistic = num(x), df = num(df), p_value = num(pchisq(x, df, lower.tail = FALSE)))
  cc <- fit$concordance
  obj(formula = str(paste(deparse(formula), collapse = "")), ties = str(ties),
      n = num(fit$n), nevent = num(fit$nevent), iterations = num(fit$iter), converged = "true",
      coefficients = paste0("[", paste(coefs, collapse = ", "), "]"),
      vcov = obj(matrix = paste0("[", paste(vapply(seq_len(nrow(v)), function(i) num(v[i, ]), ""), collapse = ", "), "]")),
      loglik = obj(null = num(fit$loglik[1]), final = num(fit$loglik[2])),
      tests = obj(likelihood_ratio = test(2 * (fit$loglik[2] - fit$loglik[1])), wald = test(fit$wald.test),
                  score_logrank = test(fit$score)),
      concordance = obj(concordance = num(cc[["concordance"]]), std_error = num(cc[["std"]]),
                        concordant = num(cc[["concordant"]]), discordant = num(cc[["discordant"]]),
                        tied_x = num(cc[["tied.x"]]), tied_y = num(cc[["tied.y"]]), tied_xy = num(cc[["tied.xy"]])))
}

pooled <- Surv(time, status) ~ age + sex + ph.ecog
stratified <- Surv(time, status) ~ age + sex + ph.ecog + strata(site)
cat("{\n")
cat("\"generated_by\": ", str(paste("cox-coarsened.R with", R.version.string, "and survival", packageVersion("survival"))), ",\n", sep = "")
cat("\"data_prep\": \"site files stacked with a site column; site2: time <- ceiling(time / 7) * 7; sex levels male, female\",\n")
cat("\"pooled_efron\": ", fit_json(pooled, "efron"), ",\n", sep = "")
cat("\"pooled_breslow\": ", fit_json(pooled, "breslow"), ",\n", sep = "")
cat("\"stratified_efron\": ", fit_json(stratified, "efron"), ",\n", sep = "")
cat("\"stratified_breslow\": ", fit_json(stratified, "breslow"), "\n", sep = "")
cat("}\n")
