package covert.world;

import java.util.ArrayList;
import java.util.List;

/** A compact line diff: enough for evidence lines and the emulated {@code diff} command. */
public final class LineDiff {
    private LineDiff() {}

    /** Largest LCS table (lines × lines) aligned exactly; beyond it the changed middle is shown as replaced whole. */
    static final long MAX_CELLS = 4_000_000;

    /**
     * Unified-style lines ("< old", "> new") from a longest-common-subsequence alignment of the part between the
     * common prefix and suffix. The table is quadratic, so a middle too big for {@link #MAX_CELLS} (files a model
     * blew up) is diffed as "all old lines out, all new lines in": still a correct diff, in bounded memory.
     */
    public static List<String> lines(String a, String b) {
        String[] x = a.split("\n", -1), y = b.split("\n", -1);
        int lo = 0, hx = x.length, hy = y.length;
        while (lo < hx && lo < hy && x[lo].equals(y[lo])) lo++;
        while (hx > lo && hy > lo && x[hx - 1].equals(y[hy - 1])) { hx--; hy--; }
        int n = hx - lo, m = hy - lo;
        var out = new ArrayList<String>();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int i = lo; i < hx; i++) out.add("< " + x[i]);
            for (int j = lo; j < hy; j++) out.add("> " + y[j]);
            return out;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lcs[i][j] = x[lo + i].equals(y[lo + j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && x[lo + i].equals(y[lo + j])) { i++; j++; }
            else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) out.add("< " + x[lo + i++]);
            else out.add("> " + y[lo + j++]);
        }
        return out;
    }

    public static String summary(String a, String b) {
        List<String> l = lines(a, b);
        String joined = String.join(" | ", l.subList(0, Math.min(4, l.size())));
        return l.size() > 4 ? joined + " | … (" + l.size() + " changed lines)" : joined;
    }
}
