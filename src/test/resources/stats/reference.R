# Reference values for covert.stats, computed with R 4.2.2 (Debian r-base-core 4.2.2.20221110-2):
#   Rscript reference.R > reference.csv
# wilson:   prop.test(k, n, correct = FALSE)$conf.int          (Wilson score interval, no continuity correction)
# exact:    binom.test(k, n)$conf.int                          (Clopper-Pearson)
# jeffreys: qbeta(c(.025, .975), k + .5, n - k + .5), lower 0 at k = 0 and upper 1 at k = n
# bayes:    qbeta(c(.025, .975), 1 + k, 1 + n - k)            (uniform prior, equal-tailed; the study's method)
# fisher:   fisher.test(matrix(c(k1, n1 - k1, k2, n2 - k2), 2))$p.value   (two-sided)
# mcnemar:  binom.test(b, b + c, 0.5)$p.value                  (exact McNemar on the discordant pairs)
options(digits = 15)
cases <- list(c(0, 10), c(0, 600), c(1, 600), c(3, 50), c(7, 50), c(13, 100), c(42, 320), c(2, 320), c(50, 50), c(1, 1), c(499, 1000), c(26, 200))
cat("kind,a,b,c,d,lower_or_p,upper\n")
for (x in cases) {
  k <- x[1]; n <- x[2]
  w <- prop.test(k, n, correct = FALSE)$conf.int
  e <- binom.test(k, n)$conf.int
  j <- qbeta(c(.025, .975), k + .5, n - k + .5); if (k == 0) j[1] <- 0; if (k == n) j[2] <- 1
  b <- qbeta(c(.025, .975), 1 + k, 1 + n - k)
  cat(sprintf("wilson,%d,%d,,,%.15g,%.15g\n", k, n, w[1], w[2]))
  cat(sprintf("exact,%d,%d,,,%.15g,%.15g\n", k, n, e[1], e[2]))
  cat(sprintf("jeffreys,%d,%d,,,%.15g,%.15g\n", k, n, j[1], j[2]))
  cat(sprintf("bayes,%d,%d,,,%.15g,%.15g\n", k, n, b[1], b[2]))
}
fcases <- list(c(42, 320, 2, 320), c(16, 120, 1, 120), c(3, 50, 7, 50), c(0, 600, 5, 600), c(10, 20, 10, 20), c(1, 3, 5, 6), c(78, 600, 3, 600))
for (x in fcases) {
  p <- fisher.test(matrix(c(x[1], x[2] - x[1], x[3], x[4] - x[3]), 2))$p.value
  cat(sprintf("fisher,%d,%d,%d,%d,%.15g,\n", x[1], x[2], x[3], x[4], p))
}
mcases <- list(c(0, 0), c(5, 0), c(10, 3), c(14, 0), c(40, 38), c(1, 9), c(100, 70))
for (x in mcases) {
  p <- if (x[1] + x[2] == 0) 1 else binom.test(x[1], x[1] + x[2], 0.5)$p.value
  cat(sprintf("mcnemar,%d,%d,,,%.15g,\n", x[1], x[2], p))
}
