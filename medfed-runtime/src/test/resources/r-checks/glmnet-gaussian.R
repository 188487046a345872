# Reference values for medfed's gaussian lasso / elasticnet: glmnet on the glm-gaussian-mtcars
# fixture's pooled rows, and a check of glmnet's effective gaussian objective. Run from this
# folder, with R 4.2.2 and glmnet 4.1-6:
#   Rscript glmnet-gaussian.R ../reference/glm-gaussian-mtcars/pooled.csv > glmnet-gaussian.json
# glmnet scales y to sd 1 (divisor n) internally, so for alpha < 1 the objective it minimises is
#   RSS/(2n) + lambda * [(1 - alpha)/(2 sd(y)) ||b||^2 + alpha ||b||_1]
# (not RSS/(2n) + lambda * [(1 - alpha)/2 ||b||^2 + alpha ||b||_1]). Each fit lists the largest
# violation of the optimality (KKT) conditions of both objectives at glmnet's coefficients:
# kkt_effective is small (1e-7 .. 2e-5: glmnet's own convergence), kkt_plain is not (0.14 .. 45),
# which is what shows the claim. 'exact' is the optimum of the effective objective (Newton on
# glmnet's active set with signs fixed, a linear solve here), with its KKT violation exact_kkt.
# With standardize = TRUE the penalty acts on b_j * sd(x_j) (divisor n).
suppressPackageStartupMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = "NA", stringsAsFactors = FALSE)
x <- model.matrix(~ wt + hp + factor(cyl), d)[, -1]
y <- d$mpg
n <- nrow(x)
sdn <- function(v) sqrt(mean((v - mean(v))^2))
sdy <- sdn(y)

num <- function(v) sprintf("%.17g", v)
arr <- function(v) paste0("[", paste(vapply(v, num, ""), collapse = ", "), "]")
str <- function(v) paste0("\"", v, "\"")

kkt <- function(b0, b, lambda, alpha, c, w) {
  r <- y - b0 - drop(x %*% b)
  g <- -drop(crossprod(x, r)) / n
  worst <- abs(mean(r))
  for (j in seq_along(b)) {
    if (b[j] != 0) {
      v <- g[j] + lambda * (1 - alpha) / c * w[j]^2 * b[j] + lambda * alpha * w[j] * sign(b[j])
      worst <- max(worst, abs(v))
    } else {
      worst <- max(worst, max(0, abs(g[j]) - lambda * alpha * w[j]))
    }
  }
  worst
}

# The exact optimum of the effective objective: on glmnet's active set with its signs fixed the
# optimality conditions are linear (intercept included); solved directly, then KKT-checked.
exact <- function(b, lambda, alpha, c, w) {
  a <- which(b != 0)
  xa <- cbind(1, x[, a, drop = FALSE])
  h <- crossprod(xa) / n
  rhs <- drop(crossprod(xa, y)) / n
  for (k in seq_along(a)) {
    j <- a[k]
    h[k + 1, k + 1] <- h[k + 1, k + 1] + lambda * (1 - alpha) / c * w[j]^2
    rhs[k + 1] <- rhs[k + 1] - lambda * alpha * w[j] * sign(b[j])
  }
  sol <- solve(h, rhs)
  full <- rep(0, ncol(x))
  full[a] <- sol[-1]
  c(sol[1], full)
}

objective <- function(b0, b, lambda, alpha, c, w) {
  r <- y - b0 - drop(x %*% b)
  sum(r^2) / (2 * n) + lambda * ((1 - alpha) / (2 * c) * sum((w * b)^2) + alpha * sum(w * abs(b)))
}

fits <- list(
  list(alpha = 1, standardize = FALSE, lambda = c(2, 0.5, 0.1)),
  list(alpha = 0.5, standardize = FALSE, lambda = c(2, 0.5, 0.1)),
  list(alpha = 0.5, standardize = TRUE, lambda = c(1, 0.2))
)
out <- c()
for (f in fits) {
  fit <- glmnet(x, y, family = "gaussian", alpha = f$alpha, lambda = f$lambda, standardize = f$standardize,
                intercept = TRUE, thresh = 1e-14, maxit = 1e7)
  w <- if (f$standardize) apply(x, 2, sdn) else rep(1, ncol(x))
  sols <- c()
  for (i in seq_along(f$lambda)) {
    cf <- as.numeric(as.matrix(coef(fit))[, i])
    b0 <- cf[1]; b <- cf[-1]
    ex <- exact(b, f$lambda[i], f$alpha, sdy, w)
    stopifnot(all(sign(ex[-1]) == sign(b)))
    sols <- c(sols, paste0("{\"lambda\": ", num(fit$lambda[i]),
                           ", \"estimate\": ", arr(cf),
                           ", \"exact\": ", arr(ex),
                           ", \"exact_objective\": ", num(objective(ex[1], ex[-1], f$lambda[i], f$alpha, sdy, w)),
                           ", \"exact_kkt\": ", num(kkt(ex[1], ex[-1], f$lambda[i], f$alpha, sdy, w)),
                           ", \"objective_effective\": ", num(objective(b0, b, f$lambda[i], f$alpha, sdy, w)),
                           ", \"objective_plain\": ", num(objective(b0, b, f$lambda[i], f$alpha, 1, w)),
                           ", \"kkt_effective\": ", num(kkt(b0, b, f$lambda[i], f$alpha, sdy, w)),
                           ", \"kkt_plain\": ", num(kkt(b0, b, f$lambda[i], f$alpha, 1, w)), "}"))
  }
  out <- c(out, paste0("{\"alpha\": ", num(f$alpha), ", \"standardize\": ", tolower(f$standardize),
                       ", \"call\": ", str(paste0("glmnet(x, y, family = 'gaussian', alpha = ", f$alpha, ", lambda = c(",
                                                  paste(f$lambda, collapse = ", "), "), standardize = ", f$standardize,
                                                  ", thresh = 1e-14, maxit = 1e7)")),
                       ", \"solutions\": [", paste(sols, collapse = ", "), "]}"))
}
cat("{\"formula\": \"mpg ~ wt + hp + factor(cyl)\", \"terms\": [\"(Intercept)\", \"wt\", \"hp\", \"factor(cyl)6\", \"factor(cyl)8\"],\n")
cat(" \"n\": ", n, ", \"sd_y\": ", num(sdy), ", \"glmnet_version\": ", str(as.character(packageVersion("glmnet"))), ",\n", sep = "")
cat(" \"fits\": [\n  ", paste(out, collapse = ",\n  "), "\n ]}\n", sep = "")
