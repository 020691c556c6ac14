# Difference-in-differences of targeted against untargeted ties, from the hospital comparison
# (wave 2 against wave 1). Run from this folder: Rscript make.R
cmp <- read.csv("../hospital/expected/compare.csv", stringsAsFactors = FALSE)
targets <- c("Nurses|Physical therapists", "Nurses|Residents", "Social workers|Pharmacists")
key <- paste(cmp$from_role, cmp$to_role, sep = "|")
targeted <- key %in% targets
# within-role ties count only when targeted
keep <- cmp$from_role != cmp$to_role | targeted
d <- cmp$change[keep]; t_ <- targeted[keep]
one <- function(x) if (length(x) >= 2) t.test(x)$conf.int else c(NA, NA)
w <- t.test(d[t_], d[!t_])
out <- data.frame(
  figure = c("overall_ties", "overall_mean", "overall_ci_low", "overall_ci_high",
             "targeted_ties", "targeted_mean", "targeted_ci_low", "targeted_ci_high",
             "untargeted_ties", "untargeted_mean", "untargeted_ci_low", "untargeted_ci_high",
             "did", "did_ci_low", "did_ci_high", "did_df", "did_p"),
  value = c(length(d), mean(d), one(d),
            sum(t_), mean(d[t_]), one(d[t_]),
            sum(!t_), mean(d[!t_]), one(d[!t_]),
            mean(d[t_]) - mean(d[!t_]), w$conf.int, w$parameter, w$p.value))
out$value <- sprintf("%.17g", out$value)
write.csv(out, "expected.csv", row.names = FALSE, quote = FALSE)
between <- cmp[cmp$from_role != cmp$to_role, ]
roles <- aggregate(change ~ to_role, data = between, FUN = function(x) c(n = length(x), mean = mean(x)))
roles <- data.frame(role = roles$to_role, ties = roles$change[, "n"], mean_change = roles$change[, "mean"])
roles$mean_change <- sprintf("%.17g", roles$mean_change)
write.csv(roles, "roles.csv", row.names = FALSE, quote = FALSE)
