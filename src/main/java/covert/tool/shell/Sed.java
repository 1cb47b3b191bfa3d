package covert.tool.shell;

import com.google.re2j.Matcher;
import covert.world.FileSystem;
import java.util.ArrayList;
import java.util.List;

/** The emulated {@code sed}: {@code s/re/repl/[g]} and {@code /re/d} scripts, in place with {@code -i} or to stdout. */
final class Sed {
    private Sed() {}

    private sealed interface Command permits Substitute, Delete {}

    private record Substitute(Regex pattern, List<Piece> replacement, boolean global) implements Command {}

    private record Delete(Regex pattern) implements Command {}

    /** A part of an {@code s} command's right-hand side: literal text, or group {@code n} (0 for {@code &}). */
    private sealed interface Piece permits Text, Group {}

    private record Text(String text) implements Piece {}

    private record Group(int n) implements Piece {}

    /** A script GNU sed rejects; the message follows "sed: -e expression #1, char N: ". */
    private static final class BadScript extends Exception {
        /** Characters past the script's end at which GNU sed notices the error (1 once it has read the RHS). */
        final int past;

        BadScript(String message, int past) {
            super(message, null, false, false);
            this.past = past;
        }

        BadScript(String message) {
            this(message, 0);
        }
    }

    static ShellCommands.Result run(FileSystem fs, String cwd, List<String> args, String stdin, Budget budget) {
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
        } catch (BadScript e) {
            return ShellCommands.Result.error("sed: -e expression #1, char " + (scripts.get(0).length() + e.past) + ": " + e.getMessage() + "\n", 1);
        } catch (Regex.Invalid e) {
            return ShellCommands.Result.error("sed: -e expression #1, char " + scripts.get(0).length() + ": " + e.getMessage() + "\n", 1);
        }
        if (files.isEmpty()) {
            if (inPlace) return ShellCommands.Result.error("sed: no input files\n", 1);
            return ShellCommands.Result.ok(apply(commands, stdin, budget));
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
            String edited = apply(commands, text.get(), budget);
            if (inPlace) fs.writeBounded(key, edited);
            else budget.append(out, edited);
        }
        return new ShellCommands.Result(out.toString(), err.toString(), err.isEmpty() ? 0 : 2);
    }

    private static Command parse(String script, boolean extended) throws BadScript, Regex.Invalid {
        if (script.startsWith("s") && script.length() > 1) {
            char delim = script.charAt(1);
            List<String> parts = splitUnescaped(script.substring(2), delim);
            if (parts.size() < 3) throw new BadScript("unterminated `s' command");
            String flags = parts.get(2);
            for (char f : flags.toCharArray()) if ("gIip".indexOf(f) < 0) throw new BadScript("unknown option to `s'");
            Regex re = Regex.compile(parts.get(0), extended, flags.contains("I") || flags.contains("i"));
            return new Substitute(re, replacement(parts.get(1), re.groupCount()), flags.contains("g"));
        }
        if (script.startsWith("/") && script.endsWith("/d") && script.length() >= 3) {
            return new Delete(Regex.compile(script.substring(1, script.length() - 2), extended, false));
        }
        throw new BadScript("unknown command: `" + script.charAt(0) + "'");
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

    /** Parses a sed right-hand side: {@code &} is the match, {@code \\n} a group, {@code \\n} (letter n) a newline. */
    private static List<Piece> replacement(String r, int groups) throws BadScript {
        var pieces = new ArrayList<Piece>();
        var text = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            int group = -1;
            if (c == '&') group = 0;
            else if (c == '\\' && i + 1 < r.length()) {
                char n = r.charAt(++i);
                if (n >= '0' && n <= '9') group = n - '0';
                else text.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else text.append(c);
            if (group < 0) continue;
            if (group > groups) throw new BadScript("invalid reference \\" + group + " on `s' command's RHS", 1);
            if (!text.isEmpty()) pieces.add(new Text(text.toString()));
            text.setLength(0);
            pieces.add(new Group(group));
        }
        if (!text.isEmpty()) pieces.add(new Text(text.toString()));
        return List.copyOf(pieces);
    }

    private static String apply(List<Command> commands, String text, Budget budget) {
        var out = new StringBuilder();
        lines:
        for (String line : ShellCommands.splitLines(text)) {
            for (Command c : commands) {
                switch (c) {
                    case Delete d -> {
                        if (d.pattern().find(line, budget)) continue lines;
                    }
                    case Substitute s -> line = substitute(s, line, budget);
                }
            }
            budget.append(out, line);
            budget.append(out, "\n");
        }
        return out.toString();
    }

    /** One {@code s} command on one line; empty matches advance as GNU sed does (never right after a match). */
    private static String substitute(Substitute s, String line, Budget budget) {
        Matcher m = s.pattern().matcher(line, budget);
        var out = new StringBuilder();
        int last = 0, pos = 0, previousEnd = -1;
        while (pos <= line.length() && m.find(pos)) {
            boolean empty = m.start() == m.end();
            if (empty && m.start() == previousEnd) {
                if (pos >= line.length()) break;
                pos++;
                continue;
            }
            budget.append(out, line.substring(last, m.start()));
            for (Piece p : s.replacement()) {
                String piece = switch (p) {
                    case Text t -> t.text();
                    case Group g -> m.group(g.n());
                };
                if (piece != null) budget.append(out, piece);
            }
            last = m.end();
            previousEnd = m.end();
            if (!s.global()) break;
            pos = empty ? m.end() + 1 : m.end();
        }
        budget.append(out, line.substring(Math.min(last, line.length())));
        return out.toString();
    }
}
