package covert.world;

import java.util.ArrayList;
import java.util.List;

/** A compact line diff: enough for evidence lines and the emulated {@code diff} command. */
public final class LineDiff {
    private LineDiff() {}

    /** Unified-style lines ("< old", "> new") from a longest-common-subsequence alignment. */
    public static List<String> lines(String a, String b) {
        String[] x = a.split("\n", -1), y = b.split("\n", -1);
        int[][] lcs = new int[x.length + 1][y.length + 1];
        for (int i = x.length - 1; i >= 0; i--)
            for (int j = y.length - 1; j >= 0; j--)
                lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        var out = new ArrayList<String>();
        int i = 0, j = 0;
        while (i < x.length || j < y.length) {
            if (i < x.length && j < y.length && x[i].equals(y[j])) { i++; j++; }
            else if (i < x.length && (j == y.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.add("< " + x[i++]);
            else out.add("> " + y[j++]);
        }
        return out;
    }

    public static String summary(String a, String b) {
        List<String> l = lines(a, b);
        String joined = String.join(" | ", l.subList(0, Math.min(4, l.size())));
        return l.size() > 4 ? joined + " | … (" + l.size() + " changed lines)" : joined;
    }
}
