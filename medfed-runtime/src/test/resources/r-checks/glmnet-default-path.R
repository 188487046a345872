# Reference values for medfed's default lambda sequence (no --lambda): glmnet's own sequence,
# path length (glmnet stops a default path early when %Dev stops changing) and fits, with
# thresh = 1e-14, on the glm-gaussian-mtcars and lasso-logistic-birthwt fixtures' pooled rows.
# Run from this folder, with R 4.2.2 and glmnet 4.1-6:
#   Rscript glmnet-default-path.R ../reference/glm-gaussian-mtcars/pooled.csv \
#       ../reference/lasso-logistic-birthwt/pooled.csv > glmnet-default-path.json
suppressPackageStartupMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
num <- function(v) sprintf("%.17g", v)
arr <- function(v) paste0("[", paste(vapply(v, num, ""), collapse = ", "), "]")

m <- read.csv(args[1], na.strings = "NA", stringsAsFactors = FALSE)
mx <- model.matrix(~ wt + hp + factor(cyl), m)[, -1]
b <- read.csv(args[2], na.strings = "NA")
bx <- as.matrix(b[, c("age", "lwt", "race_black", "race_other", "smoke", "ptl", "ht", "ui", "ftv")])

fits <- list(
  list(name = "mtcars_lasso", x = mx, y = m$mpg, family = "gaussian", alpha = 1, standardize = FALSE),
  list(name = "mtcars_enet_std", x = mx, y = m$mpg, family = "gaussian", alpha = 0.5, standardize = TRUE),
  list(name = "birthwt_lasso", x = bx, y = b$low, family = "binomial", alpha = 1, standardize = FALSE),
  list(name = "birthwt_enet_std", x = bx, y = b$low, family = "binomial", alpha = 0.5, standardize = TRUE)
)
out <- c()
for (f in fits) {
  fit <- glmnet(f$x, f$y, family = f$family, alpha = f$alpha, standardize = f$standardize, thresh = 1e-14)
  cf <- as.matrix(coef(fit))
  est <- vapply(seq_along(fit$lambda), function(i) arr(cf[, i]), "")
  out <- c(out, paste0("\"", f$name, "\": {\"family\": \"", f$family, "\", \"alpha\": ", num(f$alpha),
                       ", \"standardize\": ", tolower(f$standardize), ", \"lambda\": ", arr(fit$lambda),
                       ", \"dev_ratio\": ", arr(fit$dev.ratio), ", \"df\": ", arr(fit$df),
                       ", \"estimate\": [", paste(est, collapse = ", "), "]}"))
}
cat("{", paste(out, collapse = ",\n "), "}\n")
