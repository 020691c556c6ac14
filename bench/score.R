# The scoring method of docs/scoring.md as an experienced R user writes it with data.table (and
# igraph for the role graph): the side-by-side baseline of bench/versus-r.sh. Writes ties.csv,
# roles.csv and summary.csv like `rc score FILE --out DIR` (without --anonymous), numbers with 17
# significant digits.
# Usage: Rscript bench/score.R responses.csv out-dir [min-group-size, default 5]
suppressPackageStartupMessages({
  library(data.table)
  library(igraph)
})

setDTthreads(0)   # every core: data.table's default is half of them
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]
out <- args[2]
k <- if (length(args) >= 3) as.integer(args[3]) else 5L
items <- c("frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect")
fail <- function(...) { message("score.R: ", ...); quit(status = 2) }

d <- fread(file, encoding = "UTF-8", na.strings = "", strip.white = TRUE,
           colClasses = c(respondent_id = "character", role = "character", target_role = "character"))
if (!all(c("respondent_id", "role", "target_role", items) %in% names(d))) fail("missing column")
for (item in items) {
  if (!is.integer(d[[item]])) fail(item, ": not a whole number")
  bad <- which(!is.na(d[[item]]) & (d[[item]] < 1L | d[[item]] > 5L))
  if (length(bad)) fail("line ", bad[1] + 1L, ", field '", item, "': score outside 1-5")
}
if (d[, uniqueN(role), by = respondent_id][V1 > 1L, .N]) fail("a respondent has two roles")
if (anyDuplicated(d, by = c("respondent_id", "target_role"))) fail("a duplicate respondent/target")

# Respondent tie score: the mean of the answered items, defined with at least 4 of 7.
m <- as.matrix(d[, ..items])
answered <- rowSums(!is.na(m))
d[, s := fifelse(answered >= 4L, rowSums(m, na.rm = TRUE) / answered, NA_real_)]
d[, complete := answered == 7L]

# Ties.
ties <- d[, c(list(n = sum(!is.na(s)), tie_strength = mean(s, na.rm = TRUE), sd = sd(s, na.rm = TRUE)),
              lapply(.SD, function(x) if (all(is.na(x))) NA_real_ else mean(x, na.rm = TRUE))),
          by = .(from_role = role, to_role = target_role), .SDcols = items][n >= 1L]
ties[n < 2L, sd := NA_real_]
ties[, half := qt(0.975, pmax(n - 1L, 1L)) * sd / sqrt(n)]   # NA where sd is (n < 2)
ties[, `:=`(ci_low = tie_strength - half, ci_high = tie_strength + half, half = NULL)]
ties[, band := fifelse(tie_strength < 3.5, "weak", fifelse(tie_strength < 4, "moderate", "strong"))]
ties[, suppressed := fifelse(n < k, "true", "false")]
setorder(ties, from_role, to_role)   # data.table orders strings in C locale: byte order

# Roles.
roles <- sort(unique(c(d$role, d$target_role)), method = "radix")
between <- ties[from_role != to_role]
figures <- data.table(role = roles)
figures[d[, .(respondents = uniqueN(respondent_id)), by = role], respondents := i.respondents, on = "role"]
figures[between[, .(x = mean(tie_strength)), by = from_role], rc_given := i.x, on = c(role = "from_role")]
figures[between[, .(x = mean(tie_strength)), by = to_role], rc_received := i.x, on = c(role = "to_role")]
figures[ties[from_role == to_role], rc_within := i.tie_strength, on = c(role = "from_role")]
figures[is.na(respondents), respondents := 0L]

# The role graph: w(a,b) the mean of the defined directions; betweenness over edges w >= 3.5.
t <- matrix(NA_real_, length(roles), length(roles), dimnames = list(roles, roles))
t[cbind(match(between$from_role, roles), match(between$to_role, roles))] <- between$tie_strength
w <- ifelse(is.na(t), t(t), ifelse(is.na(t(t)), t, (t + t(t)) / 2))
w[is.na(w)] <- 0
diag(w) <- 0
g <- graph_from_adjacency_matrix(w, mode = "undirected", weighted = TRUE, diag = FALSE)
figures[, eigenvector := if (ecount(g)) eigen_centrality(g, scale = TRUE)$vector else NA_real_]
working <- graph_from_adjacency_matrix((w >= 3.5) * 1, mode = "undirected", diag = FALSE)
figures[, betweenness := as.numeric(betweenness(working, normalized = TRUE))]
setcolorder(figures, c("role", "respondents", "rc_given", "rc_received", "rc_within", "betweenness", "eigenvector"))

# Respondents and the whole network.
scored <- d[!is.na(s)]
rc_index <- scored[, .(x = mean(s)), by = respondent_id][, mean(x)]
rc_between <- scored[role != target_role, .(x = mean(s)), by = respondent_id][, mean(x)]
rc_within <- scored[role == target_role, mean(s)]
pairs <- merge(between, between, by.x = c("from_role", "to_role"), by.y = c("to_role", "from_role"))[from_role < to_role]

# Psychometrics.
full <- m[d$complete, , drop = FALSE]
alpha <- 7 / 6 * (1 - sum(apply(full, 2, var)) / var(rowSums(full)))
groups <- scored[, .(n = .N, mean = mean(s), ss = sum((s - mean(s))^2)), by = .(role, target_role)]
G <- nrow(groups); N <- sum(groups$n)
msb <- sum(groups$n * (groups$mean - mean(scored$s))^2) / (G - 1)
msw <- sum(groups$ss) / (N - G)
rwg <- d[complete == TRUE, c(list(m = .N), lapply(.SD, var)), by = .(role, target_role), .SDcols = items][m >= 2L]
S <- pmin(rowMeans(rwg[, ..items]), 2) / 2
rwg_j <- 7 * (1 - S) / (7 * (1 - S) + S)

summary <- data.table(
  metric = c("respondents", "roles", "observations", "rc_index", "rc_between", "rc_within", "cronbach_alpha",
             "icc1", "icc2", "rwg_j_mean", "rwg_j_median", "strong_tie_density", "weak_ties", "mean_reciprocity_gap"),
  value = c(uniqueN(d$respondent_id), length(roles), nrow(d), rc_index, rc_between, rc_within, alpha,
            (msb - msw) / (msb + (N / G - 1) * msw), (msb - msw) / msb, mean(rwg_j), median(rwg_j),
            mean(between$tie_strength >= 4), sum(between$tie_strength < 3.5), mean(abs(pairs$tie_strength.x - pairs$tie_strength.y))))

dir.create(out, showWarnings = FALSE, recursive = TRUE)
write <- function(x, name) fwrite(x, file.path(out, name), na = "", quote = "auto")
write(ties[, c("from_role", "to_role", "n", "tie_strength", "sd", "ci_low", "ci_high", items, "band", "suppressed"), with = FALSE], "ties.csv")
write(figures, "roles.csv")
write(summary, "summary.csv")
