# Reference for the posterior-mean reduction factor: per run, the unweighted mean over environments of Beta(1+k, 1+n-k)
# draws; the factor's interval is the equal-tailed interval of the draw-by-draw ratio A / B. 20,000,000 draws (seed 1).
import numpy as np
rng = np.random.default_rng(1)
N = 20_000_000
def draws(envs):
    return sum(rng.beta(1 + k, 1 + n - k, N) for k, n in envs) / len(envs)
A = [(12, 100), (7, 80), (20, 120), (3, 60)]
B = [(1, 100), (0, 80), (2, 120), (0, 60)]
a, b = draws(A), draws(B)
r = a / b
print("meanA %.6f meanB %.6f ratio_of_means %.5f q025 %.5f q975 %.5f" % (a.mean(), b.mean(), a.mean() / b.mean(), *np.quantile(r, [0.025, 0.975])))
