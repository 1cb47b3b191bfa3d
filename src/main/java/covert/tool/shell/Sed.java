package covert.tool.shell;

import covert.world.FileSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The emulated {@code sed}: {@code s/re/repl/[g]} and {@code /re/d} scripts, in place with {@code -i} or to stdout. */
final class Sed {
    private Sed() {}

    private sealed interface Command permits Substitute, Delete {}

    private record Substitute(Pattern pattern, String replacement, boolean global) implements Command {}

    private record Delete(Pattern pattern) implements Command {}

    static ShellCommands.Result run(FileSystem fs, String cwd, List<String> args, String stdin) {
        boolean inPlace = false, extended = false;
        var scripts = new ArrayList<String>();
        var files = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-i") || a.startsWith("-i")) inPlace = true;
            else if (a.equals("-e") && i + 1 < args.size()) scripts.add(args.get(++i));
            else if (a.equals("-E") || a.equals("-r")) extended = true;
            else if (scripts.isEmpty() && !a.startsWith("-")) scripts.add(a);
            else files.add(a);
        }
        if (scripts.isEmpty()) return ShellCommands.Result.error("Usage: sed [OPTION]... {script} [input-file]...\n", 1);
        var commands = new ArrayList<Command>();
        try {
            for (String s : scripts) for (String part : s.split(";")) if (!part.isBlank()) commands.add(parse(part.strip(), extended));
        } catch (IllegalArgumentException e) { // includes PatternSyntaxException
            return ShellCommands.Result.error("sed: -e expression #1, char 1: " + e.getMessage() + "\n", 1);
        }
        if (files.isEmpty()) {
            if (inPlace) return ShellCommands.Result.error("sed: no input files\n", 1);
            return ShellCommands.Result.ok(apply(commands, stdin));
        }
        var out = new StringBuilder();
        var err = new StringBuilder();
        for (String f : files) {
            String key = ShellCommands.resolve(cwd, f);
            var text = fs.read(key);
            if (text.isEmpty()) {
                err.append("sed: can't read ").append(f).append(": No such file or directory\n");
                continue;
            }
            String edited = apply(commands, text.get());
            if (inPlace) fs.write(key, edited);
            else out.append(edited);
        }
        return new ShellCommands.Result(out.toString(), err.toString(), err.isEmpty() ? 0 : 2);
    }

    private static Command parse(String script, boolean extended) {
        if (script.startsWith("s") && script.length() > 1) {
            char delim = script.charAt(1);
            List<String> parts = splitUnescaped(script.substring(2), delim);
            if (parts.size() < 2) throw new IllegalArgumentException("unterminated `s' command");
            String flags = parts.size() > 2 ? parts.get(2) : "";
            int f = flags.contains("I") || flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0;
            return new Substitute(Pattern.compile(toJava(parts.get(0), extended), f), replacement(parts.get(1)), flags.contains("g"));
        }
        if (script.startsWith("/") && script.endsWith("/d")) {
            return new Delete(Pattern.compile(toJava(script.substring(1, script.length() - 2), extended)));
        }
        throw new IllegalArgumentException("unknown command: `" + script.charAt(0) + "'");
    }

    private static List<String> splitUnescaped(String s, char delim) {
        var parts = new ArrayList<String>();
        var cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == delim) {
                cur.append(delim);
                i++;
            } else if (c == delim) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else cur.append(c);
        }
        parts.add(cur.toString());
        return parts;
    }

    /**
     * Turns a POSIX regular expression into Java syntax. In basic syntax (grep, sed without -E) the
     * characters {@code ( ) { } + ? |} are literals and their backslashed forms are operators; in
     * extended syntax it is the other way round, as in Java.
     */
    static String toJava(String re, boolean extended) {
        if (extended) return re;
        var sb = new StringBuilder();
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length() && "(){}+?|".indexOf(re.charAt(i + 1)) >= 0) {
                sb.append(re.charAt(++i));
            } else if ("(){}+?|".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else if (c == '\\' && i + 1 < re.length()) {
                sb.append(c).append(re.charAt(++i));
            } else sb.append(c);
        }
        return sb.toString();
    }

    /** sed replacement to Java: {@code &} is the match and {@code \1} a group; {@code $} is literal. */
    private static String replacement(String r) {
        var sb = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '&') sb.append("$0");
            else if (c == '$') sb.append("\\$");
            else if (c == '\\' && i + 1 < r.length()) {
                char n = r.charAt(++i);
                if (Character.isDigit(n)) sb.append('$').append(n);
                else if (n == 'n') sb.append('\n');
                else sb.append(Matcher.quoteReplacement(String.valueOf(n)));
            } else sb.append(c);
        }
        return sb.toString();
    }

    private static String apply(List<Command> commands, String text) {
        var out = new ArrayList<String>();
        lines:
        for (String line : ShellCommands.splitLines(text)) {
            for (Command c : commands) {
                switch (c) {
                    case Delete d -> {
                        if (d.pattern().matcher(line).find()) continue lines;
                    }
                    case Substitute s -> {
                        Matcher m = s.pattern().matcher(line);
                        line = s.global() ? m.replaceAll(s.replacement()) : m.replaceFirst(s.replacement());
                    }
                }
            }
            out.add(line);
        }
        return ShellCommands.joinLines(out);
    }
}
