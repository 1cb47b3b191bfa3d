import numpy as np
from scipy import stats
def paired(up, down, n, margin, alpha=0.05):
    d = np.array([1.0]*up + [-1.0]*down + [0.0]*(n-up-down))
    p1 = stats.ttest_1samp(d, -margin, alternative='greater').pvalue
    p2 = stats.ttest_1samp(d, margin, alternative='less').pvalue
    se = stats.sem(d); m = d.mean(); h = stats.t.ppf(1-alpha, n-1)*se
    return m, m-h, m+h, max(p1,p2)
def unpaired(k1,n1,k2,n2,margin,alpha=0.05):
    a=k1/n1; b=k2/n2; d=b-a; se=np.sqrt(a*(1-a)/n1+b*(1-b)/n2)
    pl=stats.norm.sf((d+margin)/se); ph=stats.norm.cdf((d-margin)/se); h=stats.norm.ppf(1-alpha)*se
    return d, d-h, d+h, max(pl,ph)
for c in [(2,3,540,0.01),(12,4,300,0.01),(3,3,1000,0.01),(30,10,200,0.05)]:
    print("paired", c, ["%.10g"%x for x in paired(*c)])
for c in [(10,500,8,500,0.01),(40,200,20,200,0.05)]:
    print("unpaired", c, ["%.10g"%x for x in unpaired(*c)])
