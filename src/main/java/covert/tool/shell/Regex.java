package covert.tool.shell;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A model-supplied POSIX pattern (grep, sed, find -name), compiled with RE2/J. RE2/J matches in time linear
 * in the input and never recurses over it, so no pattern a model writes can hang the shell or overflow the
 * stack; what it cannot express (back-references) is refused like any invalid pattern.
 */
record Regex(Pattern pattern) {
    /** Patterns longer than this are refused: RE2/J's parser nests one frame per group. */
    static final int MAX_PATTERN = 4_096;
    /** RE2/J's compiled program grows with counted repeats ({@code (a{1000}){1000}}); bound it so matching stays cheap. */
    static final int MAX_PROGRAM = 20_000;

    /** A pattern that cannot be compiled; the message is what grep prints after "grep: ". */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Compiles a pattern in basic (grep, sed) or extended (-E) syntax. In basic syntax the characters
     * {@code ( ) { } + ? |} are literals and their backslashed forms are operators; in extended syntax it is
     * the other way round. A backslash inside a bracket expression is a literal in both.
     */
    static Regex compile(String posix, boolean extended, boolean ignoreCase) throws Invalid {
        return compileRaw(translate(posix, extended), ignoreCase);
    }

    static Regex literal(String text, boolean ignoreCase) throws Invalid {
        return compileRaw(Pattern.quote(text), ignoreCase);
    }

    /** A shell glob ({@code *}, {@code ?}, {@code [..]} taken literally) as a whole-string pattern. */
    static Regex glob(String glob) throws Invalid {
        var sb = new StringBuilder("^");
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return compileRaw(sb.append('$').toString(), false);
    }

    private static Regex compileRaw(String re, boolean ignoreCase) throws Invalid {
        if (re.length() > MAX_PATTERN || estimatedSize(re) > MAX_PROGRAM) throw new Invalid("regular expression too big");
        Pattern p;
        try {
            p = Pattern.compile(re, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            String d = e.getDescription();
            if (d != null && d.contains("escape") && re.matches("(?s).*\\\\[1-9].*")) throw new Invalid("back-references are not supported");
            throw new Invalid(d == null ? "invalid regular expression" : "invalid regular expression: " + d);
        } catch (RuntimeException | StackOverflowError e) {
            throw new Invalid("regular expression too big");
        }
        if (p.programSize() > MAX_PROGRAM) throw new Invalid("regular expression too big");
        return new Regex(p);
    }

    /** A matcher over one line; the line is read through the budget, so a long scan stops at the deadline. */
    Matcher matcher(CharSequence line, Budget budget) {
        return pattern.matcher(budget.watch(line));
    }

    boolean find(CharSequence line, Budget budget) {
        return matcher(line, budget).find();
    }

    int groupCount() {
        return pattern.groupCount();
    }

    /**
     * An upper estimate of the compiled program's size, from the RE2 text: counted repeats multiply what they
     * repeat. RE2/J checks no such limit, and compiling {@code ((a{1000}){1000}){1000}} alone takes minutes.
     */
    static long estimatedSize(String re) {
        var sums = new java.util.ArrayDeque<Long>();
        long cur = 0, last = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
                last = 1;
            } else if (c == '[') {
                int close = re.indexOf(']', i + 2);
                i = close < 0 ? re.length() : close;
                last = 1;
            } else if (c == '(') {
                sums.push(cur);
                cur = 0;
                continue;
            } else if (c == ')') {
                last = cur + 2;
                cur = sums.isEmpty() ? 0 : sums.pop();
            } else if (c == '{') {
                int close = re.indexOf('}', i);
                String[] bounds = close < 0 ? new String[0] : re.substring(i + 1, close).split(",", -1);
                long times = 1;
                for (String b : bounds) times = Math.max(times, b.matches("\\d{1,6}") ? Long.parseLong(b) : 1);
                if (close > 0) i = close;
                cur += last * (times - 1);
                last = Math.min(last * times, Long.MAX_VALUE / 1_000_000);
                continue;
            } else last = 1;
            cur = Math.min(cur + last, Long.MAX_VALUE / 1_000_000);
        }
        while (!sums.isEmpty()) cur += sums.pop();
        return cur;
    }

    static String translate(String re, boolean extended) {
        var sb = new StringBuilder();
        boolean atStart = true; // a '*' with nothing before it is a literal in POSIX, an error in RE2
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            boolean starts = atStart;
            atStart = false;
            if (c == '[') {
                i = bracket(re, i, sb);
            } else if (c == '\\' && i + 1 < re.length()) {
                char n = re.charAt(++i);
                if (!extended && "(){}+?|".indexOf(n) >= 0) {
                    sb.append(n);
                    atStart = n == '(' || n == '|';
                } else if (n == '<' || n == '>') {
                    sb.append("\\b"); // GNU word boundaries
                } else {
                    sb.append('\\').append(n);
                }
            } else if (!extended && "(){}+?|".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else if (c == '*' && starts) {
                sb.append("\\*");
            } else {
                sb.append(c);
                atStart = c == '^' && starts || extended && (c == '(' || c == '|');
            }
        }
        return sb.toString();
    }

    /** Copies a bracket expression starting at {@code open}, escaping backslashes; returns the index of its ']'. */
    private static int bracket(String re, int open, StringBuilder sb) {
        int i = open + 1;
        var body = new StringBuilder();
        if (i < re.length() && re.charAt(i) == '^') body.append(re.charAt(i++));
        if (i < re.length() && re.charAt(i) == ']') {
            body.append("\\]");
            i++;
        }
        for (; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == ']') {
                sb.append('[').append(body).append(']');
                return i;
            }
            if (c == '[' && i + 1 < re.length() && ":.=".indexOf(re.charAt(i + 1)) >= 0) {
                int close = re.indexOf(re.charAt(i + 1) + "]", i + 2);
                if (close > 0) {
                    body.append(re, i, close + 2);
                    i = close + 1;
                    continue;
                }
            }
            body.append(c == '\\' ? "\\\\" : c == '[' ? "\\[" : String.valueOf(c));
        }
        // unterminated: hand RE2 the raw text so it reports the missing ']'
        sb.append(re, open, re.length());
        return re.length() - 1;
    }
}
