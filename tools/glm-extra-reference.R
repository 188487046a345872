# Reference values for GLM features the shared fixtures do not cover (prior weights, zero
# weights, aliased columns, separation, subsets, no intercept, interactions and transforms).
# Produces medfed-runtime/src/test/resources/reference-extra/glm-extra.json (and the separation
# site files). The lung site files are copies of ../shared/reference/summary-stats-lung.
# Run from the repository root (R 4.2, base R only; never run in CI):
#   Rscript tools/glm-extra-reference.R
res <- "medfed-runtime/src/test/resources/reference"
out <- "medfed-runtime/src/test/resources/reference-extra"

pooled <- function(case) {
  dir <- if (case %in% c("lung")) file.path(out, case) else file.path(res, case)
  files <- file.path(dir, c("site1.csv", "site2.csv", "site3.csv"))
  do.call(rbind, lapply(files, read.csv, na.strings = "NA", stringsAsFactors = FALSE))
}

# Separation data: y = 1 exactly when x > 15, split over three sites (rows 1-12, 13-22, 23-30).
sep <- data.frame(x = c(3, 7, 11, 19, 23, 27, 1, 5, 9, 13, 15, 17, 21, 25, 29, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30))
sep$y <- as.integer(sep$x > 15)
sep$z <- round(sin(seq_len(nrow(sep))) * 10) / 10
dir.create(file.path(out, "separation"), showWarnings = FALSE)
write.csv(sep[1:12, c("y", "x", "z")], file.path(out, "separation", "site1.csv"), row.names = FALSE)
write.csv(sep[13:22, c("y", "x", "z")], file.path(out, "separation", "site2.csv"), row.names = FALSE)
write.csv(sep[23:30, c("y", "x", "z")], file.path(out, "separation", "site3.csv"), row.names = FALSE)

num <- function(v) ifelse(is.na(v), "null", sprintf("%.17g", v))
str <- function(s) paste0('"', gsub('"', '\\\\"', s), '"')

cases <- list(
  list(name = "binomial-zero-and-integer-weights", data = "glm-logistic-birthwt",
       formula = "low ~ age + lwt + race + smoke", family = "binomial", weights = "ftv", where = NULL,
       levels = list(race = c("white", "black", "other"))),
  list(name = "gaussian-noninteger-weights", data = "glm-gaussian-mtcars",
       formula = "mpg ~ hp + factor(cyl)", family = "gaussian", weights = "wt", where = NULL, levels = list()),
  list(name = "poisson-weights", data = "glm-poisson-insurance-offset",
       formula = "Claims ~ Group + Age", family = "poisson", weights = "District", where = NULL,
       levels = list(Group = c("<1l", "1-1.5l", "1.5-2l", ">2l"), Age = c("<25", "25-29", "30-35", ">35"))),
  list(name = "binomial-aliased-column", data = "glm-logistic-birthwt",
       formula = "low ~ age + lwt + I(2 * lwt) + smoke", family = "binomial", weights = NULL, where = NULL, levels = list()),
  list(name = "gaussian-aliased-sum", data = "glm-gaussian-boston",
       formula = "medv ~ rm + lstat + I(rm + lstat) + crim", family = "gaussian", weights = NULL, where = NULL, levels = list()),
  list(name = "binomial-subset", data = "glm-logistic-birthwt",
       formula = "low ~ age + lwt + smoke", family = "binomial", weights = NULL,
       where = "race != \"other\" & age >= 18", levels = list()),
  list(name = "binomial-no-intercept", data = "glm-logistic-birthwt",
       formula = "low ~ 0 + age + lwt + smoke", family = "binomial", weights = NULL, where = NULL, levels = list()),
  list(name = "poisson-no-intercept-factor", data = "glm-poisson-warpbreaks",
       formula = "breaks ~ tension - 1 + wool", family = "poisson", weights = NULL, where = NULL,
       levels = list(tension = c("L", "M", "H"), wool = c("A", "B"))),
  list(name = "binomial-interaction-transforms", data = "glm-logistic-birthwt",
       formula = "low ~ age * smoke + I(age^2) + log(lwt) + race:smoke", family = "binomial", weights = NULL, where = NULL,
       levels = list(race = c("white", "black", "other"))),
  list(name = "binomial-missing-values", data = "lung",
       formula = "status ~ age + sex + ph.karno + meal.cal + wt.loss", family = "binomial", weights = NULL, where = NULL,
       levels = list()),
  list(name = "poisson-missing-factor", data = "lung",
       formula = "ph.karno ~ ecog_grp + age + sex", family = "poisson", weights = NULL, where = "time > 100", levels = list()),
  list(name = "binomial-noninteger-weights", data = "glm-gaussian-boston",
       formula = "chas ~ nox + lstat", family = "binomial", weights = "rm", where = NULL, levels = list()),
  list(name = "binomial-separation", data = "separation",
       formula = "y ~ x + z", family = "binomial", weights = NULL, where = NULL, levels = list())
)

json <- c("{", sprintf('  "generated_by": %s,', str(paste(R.version.string, "- Rscript tools/glm-extra-reference.R"))), '  "cases": [')
for (k in seq_along(cases)) {
  cs <- cases[[k]]
  d <- if (cs$data == "separation") sep else pooled(cs$data)
  for (f in names(cs$levels)) d[[f]] <- factor(d[[f]], levels = cs$levels[[f]])
  warns <- character()
  args <- list(formula = as.formula(cs$formula), family = get(cs$family)(), data = d)
  if (!is.null(cs$weights)) args$weights <- d[[cs$weights]]
  if (!is.null(cs$where)) args$subset <- with(d, eval(parse(text = cs$where)))
  fit <- withCallingHandlers(do.call(glm, args),
                             warning = function(w) { warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning") })
  s <- summary(fit)
  est <- coef(fit)
  se <- rep(NA, length(est)); names(se) <- names(est)
  se[rownames(s$coefficients)] <- s$coefficients[, 2]
  coefs <- paste(sprintf('{"term": %s, "estimate": %s, "std_error": %s}', str(names(est)), num(est), num(se)), collapse = ", ")
  lv <- if (length(cs$levels)) paste(sprintf('%s: [%s]', str(names(cs$levels)),
          sapply(cs$levels, function(l) paste(str(l), collapse = ", "))), collapse = ", ") else ""
  json <- c(json, paste0("    {",
    sprintf('"name": %s, "data": %s, "formula": %s, "family": %s, ', str(cs$name), str(cs$data), str(cs$formula), str(cs$family)),
    sprintf('"weights": %s, "where": %s, "levels": {%s}, ', if (is.null(cs$weights)) "null" else str(cs$weights),
            if (is.null(cs$where)) "null" else str(cs$where), lv),
    sprintf('"call": %s, ', str(paste0("glm(", cs$formula, ", family = ", cs$family, ", data = d",
            if (is.null(cs$weights)) "" else paste0(", weights = ", cs$weights),
            if (is.null(cs$where)) "" else paste0(", subset = ", cs$where), ")"))),
    sprintf('"n": %d, "iterations": %d, "converged": %s, ', length(fit$y), fit$iter, tolower(fit$converged)),
    sprintf('"deviance": %s, "null_deviance": %s, "aic": %s, "df_residual": %d, "df_null": %d, "dispersion": %s, ',
            num(fit$deviance), num(fit$null.deviance), num(fit$aic), fit$df.residual, fit$df.null, num(s$dispersion)),
    sprintf('"warnings": [%s], ', if (length(warns)) paste(str(unique(warns)), collapse = ", ") else ""),
    sprintf('"coefficients": [%s]}', coefs),
    if (k < length(cases)) "," else ""))
}
json <- c(json, "  ]", "}")
writeLines(json, file.path(out, "glm-extra.json"))
