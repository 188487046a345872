# Reference values for medfed's lasso / elasticnet / admm-logistic WITHOUT an intercept
# (formula '- 1', glmnet's intercept = FALSE): glmnet on the glm-gaussian-mtcars and
# lasso-logistic-birthwt fixtures' pooled rows. Run from this folder, with R 4.2.2 and glmnet 4.1-6:
#   Rscript glmnet-no-intercept.R ../reference/glm-gaussian-mtcars/pooled.csv \
#       ../reference/lasso-logistic-birthwt/pooled.csv > glmnet-no-intercept.json
# What glmnet does with intercept = FALSE (its Fortran 'standard' routines with intr = 0, checked
# here by the optimality (KKT) conditions at glmnet's coefficients):
# - x is not centred, but standardize = TRUE still divides by the CENTRED sd (divisor n):
#   the penalty acts on b_j * sd(x_j) (kkt_rms shows dividing by sqrt(mean(x^2)) does not fit).
# - gaussian: y is not centred and is scaled by rms(y) = sqrt(mean(y^2)), so the effective
#   objective is RSS/(2n) + lambda * [(1 - alpha)/(2 rms(y)) ||w b||^2 + alpha ||w b||_1]
#   (kkt_sd, the same with sd(y), does not fit); nulldev = sum(y^2) (the model 0).
# - binomial: nulldev = 2 n log 2 (the model eta = 0).
# - default lambda_max = max_j |x_j'(y - f0)| / (n w_j max(alpha, 0.001)), f0 = 0 (gaussian) or
#   1/2 (binomial), w_j = sd(x_j) with standardize, else 1 (lambda_max_check recomputes it).
# 'exact' is the optimum of the effective objective: on glmnet's active set with its signs
# fixed the objective is smooth; solved there (gaussian: a linear solve; binomial: Newton to
# machine precision), then KKT-checked (exact_kkt).
suppressPackageStartupMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
num <- function(v) sprintf("%.17g", v)
arr <- function(v) paste0("[", paste(vapply(v, num, ""), collapse = ", "), "]")
str <- function(v) paste0("\"", v, "\"")
sdn <- function(v) sqrt(mean((v - mean(v))^2))
rms <- function(v) sqrt(mean(v^2))

m <- read.csv(args[1], na.strings = "NA", stringsAsFactors = FALSE)
mx <- model.matrix(~ wt + hp + factor(cyl) - 1, m)
b <- read.csv(args[2], na.strings = "NA")
bterms <- c("age", "lwt", "race_black", "race_other", "smoke", "ptl", "ht", "ui", "ftv")
bx <- as.matrix(b[, bterms])

# Gradient of the loss (RSS/(2n) or -loglik/n) at b.
gradient <- function(x, y, family, b) {
  eta <- drop(x %*% b)
  mu <- if (family == "gaussian") eta else 1 / (1 + exp(-eta))
  -drop(crossprod(x, y - mu)) / nrow(x)
}
loss <- function(x, y, family, b) {
  eta <- drop(x %*% b)
  if (family == "gaussian") sum((y - eta)^2) / (2 * nrow(x)) else sum(log1p(exp(eta)) - y * eta) / nrow(x)
}
objective <- function(x, y, family, b, lambda, alpha, c, w) {
  loss(x, y, family, b) + lambda * ((1 - alpha) / (2 * c) * sum((w * b)^2) + alpha * sum(w * abs(b)))
}
kkt <- function(x, y, family, b, lambda, alpha, c, w) {
  g <- gradient(x, y, family, b)
  worst <- 0
  for (j in seq_along(b)) {
    if (b[j] != 0) {
      worst <- max(worst, abs(g[j] + lambda * (1 - alpha) / c * w[j]^2 * b[j] + lambda * alpha * w[j] * sign(b[j])))
    } else {
      worst <- max(worst, max(0, abs(g[j]) - lambda * alpha * w[j]))
    }
  }
  worst
}
exact <- function(x, y, family, b, lambda, alpha, c, w) {
  a <- which(b != 0)
  xa <- x[, a, drop = FALSE]
  ridge <- lambda * (1 - alpha) / c * w[a]^2
  shift <- lambda * alpha * w[a] * sign(b[a])
  ba <- b[a]
  n <- nrow(x)
  if (family == "gaussian") {
    ba <- solve(crossprod(xa) / n + diag(ridge, length(a)), drop(crossprod(xa, y)) / n - shift)
  } else {
    for (it in 1:100) {
      mu <- 1 / (1 + exp(-drop(xa %*% ba)))
      g <- -drop(crossprod(xa, y - mu)) / n + ridge * ba + shift
      h <- crossprod(xa, xa * (mu * (1 - mu))) / n + diag(ridge, length(a))
      step <- solve(h, g)
      ba <- ba - step
      if (max(abs(step)) < 1e-15 * (1 + max(abs(ba)))) break
    }
  }
  full <- rep(0, ncol(x))
  full[a] <- ba
  full
}

fits <- list(
  list(name = "mtcars_lasso", x = mx, y = m$mpg, family = "gaussian", alpha = 1, standardize = FALSE, lambda = c(100, 10, 1)),
  list(name = "mtcars_enet", x = mx, y = m$mpg, family = "gaussian", alpha = 0.5, standardize = FALSE, lambda = c(100, 10, 1)),
  list(name = "mtcars_lasso_std", x = mx, y = m$mpg, family = "gaussian", alpha = 1, standardize = TRUE, lambda = c(20, 2, 0.2)),
  list(name = "mtcars_enet_std", x = mx, y = m$mpg, family = "gaussian", alpha = 0.5, standardize = TRUE, lambda = c(20, 2, 0.2)),
  list(name = "birthwt_lasso", x = bx, y = b$low, family = "binomial", alpha = 1, standardize = FALSE, lambda = c(0.05, 0.01, 0.002)),
  list(name = "birthwt_enet_std", x = bx, y = b$low, family = "binomial", alpha = 0.5, standardize = TRUE, lambda = c(0.1, 0.02, 0.004)),
  list(name = "birthwt_lasso_std", x = bx, y = b$low, family = "binomial", alpha = 1, standardize = TRUE, lambda = c(0.1, 0.02, 0.004)),
  list(name = "birthwt_ridge", x = bx, y = b$low, family = "binomial", alpha = 0, standardize = FALSE, lambda = c(0.1, 0.01, 0.001))
)
out <- c()
for (f in fits) {
  x <- f$x; y <- f$y
  fit <- glmnet(x, y, family = f$family, alpha = f$alpha, lambda = f$lambda, standardize = f$standardize,
                intercept = FALSE, thresh = 1e-14, maxit = 1e7)
  w <- if (f$standardize) apply(x, 2, sdn) else rep(1, ncol(x))
  wrms <- if (f$standardize) apply(x, 2, rms) else rep(1, ncol(x))
  c <- if (f$family == "gaussian") rms(y) else 1
  csd <- if (f$family == "gaussian") sdn(y) else 1
  sols <- c()
  for (i in seq_along(f$lambda)) {
    cf <- as.matrix(coef(fit))[, i]
    stopifnot(cf[1] == 0)
    bb <- as.numeric(cf[-1])
    l <- f$lambda[i]
    ex <- exact(x, y, f$family, bb, l, f$alpha, c, w)
    stopifnot(all(sign(ex) == sign(bb)))
    sols <- c(sols, paste0("{\"lambda\": ", num(fit$lambda[i]),
                           ", \"estimate\": ", arr(bb),
                           ", \"objective\": ", num(objective(x, y, f$family, bb, l, f$alpha, c, w)),
                           ", \"kkt\": ", num(kkt(x, y, f$family, bb, l, f$alpha, c, w)),
                           ", \"kkt_sd\": ", num(kkt(x, y, f$family, bb, l, f$alpha, csd, w)),
                           ", \"kkt_rms\": ", num(kkt(x, y, f$family, bb, l, f$alpha, c, wrms)),
                           ", \"exact\": ", arr(ex),
                           ", \"exact_objective\": ", num(objective(x, y, f$family, ex, l, f$alpha, c, w)),
                           ", \"exact_kkt\": ", num(kkt(x, y, f$family, ex, l, f$alpha, c, w)),
                           ", \"dev_ratio\": ", num(fit$dev.ratio[i]), "}"))
  }
  # The default sequence (no lambda given) and its length after glmnet's early stop.
  dfit <- glmnet(x, y, family = f$family, alpha = f$alpha, standardize = f$standardize, intercept = FALSE, thresh = 1e-14)
  f0 <- if (f$family == "gaussian") 0 else 0.5
  lmax <- max(abs(crossprod(x, y - f0)) / nrow(x) / w) / max(f$alpha, 1e-3)
  dcf <- as.matrix(coef(dfit))[-1, , drop = FALSE]
  out <- c(out, paste0(str(f$name), ": {\"family\": ", str(f$family), ", \"alpha\": ", num(f$alpha),
                       ", \"standardize\": ", tolower(f$standardize),
                       ", \"terms\": [", paste(str(colnames(x)), collapse = ", "), "]",
                       ", \"y_scale\": ", num(c), ", \"null_deviance\": ", num(fit$nulldev),
                       ", \"call\": ", str(paste0("glmnet(x, y, family = '", f$family, "', alpha = ", f$alpha,
                                                  ", lambda = c(", paste(f$lambda, collapse = ", "), "), standardize = ",
                                                  f$standardize, ", intercept = FALSE, thresh = 1e-14, maxit = 1e7)")),
                       ", \"solutions\": [", paste(sols, collapse = ", "), "]",
                       ", \"default_path\": {\"lambda\": ", arr(dfit$lambda), ", \"lambda_max_check\": ", num(lmax),
                       ", \"dev_ratio\": ", arr(dfit$dev.ratio), ", \"df\": ", arr(dfit$df),
                       ", \"estimate\": [", paste(vapply(seq_len(ncol(dcf)), function(i) arr(dcf[, i]), ""), collapse = ", "),
                       "]}}"))
}
cat("{\"glmnet_version\": ", str(as.character(packageVersion("glmnet"))), ",\n ", sep = "")
cat(paste(out, collapse = ",\n "), "}\n")
