# Reference values for 'medfed site pca-scores': R's prcomp(scale. = TRUE) scores ($x) of every
# row of the pca-usarrests fixture's pooled rows, keyed by state, so that a test can look up the
# rows of each site. Run from this folder, with R 4.2.2:
#   Rscript pca-scores.R ../reference/pca-usarrests/pooled.csv > pca-scores.json
# Numbers are written with 17 significant digits. A component's sign is arbitrary (prcomp's and
# medfed's conventions may differ): compare each component up to its sign.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = "NA", stringsAsFactors = FALSE)
columns <- c("Murder", "Assault", "UrbanPop", "Rape")
p <- prcomp(d[, columns], scale. = TRUE)
num <- function(x) sprintf("%.17g", x)
arr <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ", "), "]")
rows <- vapply(seq_len(nrow(d)), function(i)
  paste0("    {\"state\": \"", d$state[i], "\", \"scores\": ", arr(p$x[i, ]), "}"), "")
cat("{\n")
cat("  \"case\": \"pca-usarrests\",\n")
cat("  \"call\": \"prcomp(pooled[, c('Murder', 'Assault', 'UrbanPop', 'Rape')], scale. = TRUE)$x\",\n")
cat("  \"r_version\": \"", R.version.string, "\",\n", sep = "")
cat("  \"columns\": [\"Murder\", \"Assault\", \"UrbanPop\", \"Rape\"],\n")
cat("  \"rotation_by_component\": [", paste(vapply(1:4, function(j) arr(p$rotation[, j]), ""), collapse = ", "), "],\n", sep = "")
cat("  \"rows\": [\n")
cat(paste(rows, collapse = ",\n"), "\n")
cat("  ]\n}\n")
