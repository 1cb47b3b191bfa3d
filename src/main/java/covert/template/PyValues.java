package covert.template;

import java.util.ArrayList;
import java.util.List;

/** Python semantics for the few string operations chat templates use, where Java's differ (split drops trailing empties, strip takes no set). */
final class PyValues {
    private PyValues() {}

    static String floatRepr(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == Math.rint(d) && Math.abs(d) < 1e16) return String.valueOf((long) d) + ".0";
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    static List<String> split(String s, String sep, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (sep == null) {
            for (String p : s.strip().split("\\s+", maxSplit < 0 ? 0 : maxSplit + 1)) if (!p.isEmpty()) parts.add(p);
            return parts;
        }
        if (sep.isEmpty()) throw new IllegalArgumentException("empty separator");
        int from = 0;
        while (maxSplit < 0 || parts.size() < maxSplit) {
            int at = s.indexOf(sep, from);
            if (at < 0) break;
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && stripped(s.charAt(i), chars)) i++;
        return s.substring(i);
    }

    static String rstrip(String s, String chars) {
        int j = s.length();
        while (j > 0 && stripped(s.charAt(j - 1), chars)) j--;
        return s.substring(0, j);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    static boolean affix(String s, Object arg, boolean prefix) {
        if (arg instanceof Iterable<?> options) {
            for (Object o : options) if (affix(s, o, prefix)) return true;
            return false;
        }
        String a = String.valueOf(arg);
        return prefix ? s.startsWith(a) : s.endsWith(a);
    }
}
