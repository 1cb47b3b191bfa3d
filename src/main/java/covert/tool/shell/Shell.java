package covert.tool.shell;

import covert.world.FileSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An emulated POSIX-ish shell over the World's {@link FileSystem}. It parses quoting, pipes, redirection
 * and {@code ; && ||}, and runs a fixed set of built-in commands. Anything else answers
 * "command not found", as a real shell would: nothing a model types ever reaches the host.
 */
public final class Shell {
    /** Most characters of one call's terminal text the model is shown; the rest is cut with a note. */
    public static final int MAX_TERMINAL = 64 * 1024;

    private final FileSystem fs;
    private final Duration time;
    private String cwd = "";
    private Budget budget;

    public Shell(FileSystem fs) {
        this(fs, Budget.TIME);
    }

    /** A shell whose calls each stop after {@code time}. */
    public Shell(FileSystem fs, Duration time) {
        this.fs = fs;
        this.time = time;
    }

    /** What a command line printed, split by stream, with the last pipeline's status; {@code terminal} interleaves both. */
    public record Outcome(String terminal, String stdout, String stderr, int status) {}

    /** Runs a command line and returns stdout followed by stderr, as a terminal would show them. */
    public String run(String commandLine) {
        return execute(commandLine).terminal();
    }

    /**
     * Runs a command line. It always returns: a command that runs out of time or space, or fails inside the
     * emulator, ends with a diagnostic and the next command runs, as in a real shell. What the model is shown is
     * cut at {@link #MAX_TERMINAL} characters with a note.
     */
    public Outcome execute(String commandLine) {
        budget = new Budget(time);
        Outcome o = executeLine(commandLine);
        if (o.terminal().length() <= MAX_TERMINAL) return o;
        String cut = o.terminal().substring(0, MAX_TERMINAL) + "\n[output truncated: " + (o.terminal().length() - MAX_TERMINAL) + " more characters]\n";
        return new Outcome(cut, o.stdout(), o.stderr(), o.status());
    }

    private Outcome executeLine(String commandLine) {
        List<String> tokens;
        try {
            tokens = tokenize(commandLine);
        } catch (IllegalArgumentException e) {
            return new Outcome("bash: syntax error: " + e.getMessage(), "", "bash: syntax error: " + e.getMessage() + "\n", 2);
        }
        var out = new Streams();
        int status = 0;
        String connector = ";";
        int i = 0;
        while (i < tokens.size()) {
            int end = i;
            while (end < tokens.size() && !isListOperator(tokens.get(end))) end++;
            List<String> pipeline = tokens.subList(i, end);
            boolean run = connector.equals(";") || (connector.equals("&&") && status == 0) || (connector.equals("||") && status != 0);
            if (run && !pipeline.isEmpty()) status = runPipeline(pipeline, out);
            connector = end < tokens.size() ? tokens.get(end) : ";";
            i = end + 1;
        }
        return new Outcome(out.terminal.toString(), out.stdout.toString(), out.stderr.toString(), status);
    }

    private static final class Streams {
        final StringBuilder terminal = new StringBuilder();
        final StringBuilder stdout = new StringBuilder();
        final StringBuilder stderr = new StringBuilder();
    }

    private static boolean isListOperator(String t) {
        return t.equals(";") || t.equals("&&") || t.equals("||");
    }

    private int runPipeline(List<String> tokens, Streams terminal) {
        String stdin = "";
        int status = 0;
        int start = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i < tokens.size() && !tokens.get(i).equals("|")) continue;
            boolean last = i == tokens.size();
            var result = guarded(new ArrayList<>(tokens.subList(start, i)), stdin);
            terminal.terminal.append(result.stderr());
            terminal.stderr.append(result.stderr());
            status = result.status();
            stdin = result.stdout();
            if (last) {
                terminal.terminal.append(result.stdout());
                terminal.stdout.append(result.stdout());
            }
            start = i + 1;
        }
        return status;
    }

    /** One simple command, whose every failure becomes its diagnostic and exit status, as bash reports them. */
    private ShellCommands.Result guarded(List<String> words, String stdin) {
        String name = words.isEmpty() ? "bash" : words.get(0);
        try {
            return runSimple(words, stdin);
        } catch (Budget.Stop e) {
            return ShellCommands.Result.error(name + ": " + e.getMessage() + "\n", e.status);
        } catch (FileSystem.LimitExceeded e) {
            return ShellCommands.Result.error(name + ": " + e.path() + ": " + e.getMessage() + "\n", 1);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a defect in the emulator must cost the model one command, never the sample or the run
            return ShellCommands.Result.error(name + ": internal error: the command could not be completed\n", 1);
        }
    }

    private ShellCommands.Result runSimple(List<String> words, String stdin) {
        String redirectTarget = null;
        boolean append = false;
        var args = new ArrayList<String>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals(">") || w.equals(">>")) {
                if (i + 1 >= words.size()) return ShellCommands.Result.error("bash: syntax error near unexpected token `newline'\n", 2);
                redirectTarget = words.get(++i);
                append = w.equals(">>");
            } else if (w.equals("<")) {
                if (i + 1 >= words.size()) return ShellCommands.Result.error("bash: syntax error near unexpected token `newline'\n", 2);
                String path = resolve(words.get(++i));
                var content = fs.read(path);
                if (content.isEmpty()) return ShellCommands.Result.error("bash: " + words.get(i) + ": No such file or directory\n", 1);
                stdin = content.get();
            } else {
                args.add(w);
            }
        }
        if (args.isEmpty()) return ShellCommands.Result.ok("");
        ShellCommands.Result result = args.get(0).equals("cd") ? cd(args) : new ShellCommands(fs, cwd, budget).run(args, stdin);
        if (redirectTarget == null) return result;
        String target = resolve(redirectTarget);
        if (fs.isDir(target)) return ShellCommands.Result.error("bash: " + redirectTarget + ": Is a directory\n", 1);
        String previous = append ? fs.peek(target).orElse("") : "";
        if ((long) previous.length() + result.stdout().length() > FileSystem.MAX_FILE) {
            return ShellCommands.Result.error(result.stderr() + "bash: " + redirectTarget + ": File too large\n", 1);
        }
        try {
            fs.writeBounded(target, previous + result.stdout());
        } catch (FileSystem.LimitExceeded e) {
            return ShellCommands.Result.error(result.stderr() + "bash: " + redirectTarget + ": " + e.getMessage() + "\n", 1);
        }
        return new ShellCommands.Result("", result.stderr(), result.status());
    }

    private ShellCommands.Result cd(List<String> args) {
        String target = args.size() < 2 ? "" : resolve(args.get(1));
        if (!fs.isDir(target)) return ShellCommands.Result.error("bash: cd: " + args.get(1) + ": No such file or directory\n", 1);
        cwd = target;
        return ShellCommands.Result.ok("");
    }

    private String resolve(String path) {
        return ShellCommands.resolve(cwd, path);
    }

    /** Splits a command line into words and operators, honouring single quotes, double quotes and backslashes. */
    static List<String> tokenize(String line) {
        var tokens = new ArrayList<String>();
        var cur = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) throw new IllegalArgumentException("unterminated single quote");
                cur.append(line, i + 1, close);
                i = close;
                inWord = true;
            } else if (c == '"') {
                i = readDoubleQuoted(line, i + 1, cur);
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) tokens.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else if (c == '|' || c == '&' || c == ';' || c == '>' || c == '<') {
                if (c == '>' && inWord && cur.toString().equals("2") && line.charAt(i - 1) == '2') {
                    // stderr redirection: the emulated commands' diagnostics are shown either way, so drop it
                    String rest = line.startsWith(">&1", i) ? ">&1" : line.startsWith(">/dev/null", i) ? ">/dev/null" : null;
                    if (rest != null) {
                        cur.setLength(0);
                        inWord = false;
                        i += rest.length() - 1;
                        continue;
                    }
                }
                String op = operatorAt(line, i);
                if (op.equals("&")) throw new IllegalArgumentException("background jobs are not supported");
                if (inWord) tokens.add(cur.toString());
                cur.setLength(0);
                inWord = false;
                tokens.add(op);
                i += op.length() - 1;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) tokens.add(cur.toString());
        return tokens;
    }

    private static String operatorAt(String line, int i) {
        for (String op : new String[] {"&&", "||", ">>"}) {
            if (line.startsWith(op, i)) return op;
        }
        return String.valueOf(line.charAt(i));
    }

    private static int readDoubleQuoted(String line, int from, StringBuilder cur) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') return i;
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) c = line.charAt(++i);
            cur.append(c);
        }
        throw new IllegalArgumentException("unterminated double quote");
    }
}
