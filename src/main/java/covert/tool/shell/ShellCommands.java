package covert.tool.shell;

import covert.world.FileSystem;
import covert.world.LineDiff;
import java.util.ArrayList;
import java.util.List;

/** The built-in commands of the emulated shell. Each takes its words and stdin and returns a {@link Result}. */
final class ShellCommands {
    record Result(String stdout, String stderr, int status) {
        static Result ok(String out) {
            return new Result(out, "", 0);
        }

        static Result error(String err, int status) {
            return new Result("", err, status);
        }
    }

    private final FileSystem fs;
    private final String cwd;
    private final Budget budget;

    ShellCommands(FileSystem fs, String cwd, Budget budget) {
        this.fs = fs;
        this.cwd = cwd;
        this.budget = budget;
    }

    static String resolve(String cwd, String path) {
        if (path.startsWith("/") || cwd.isEmpty()) return FileSystem.normalize(path);
        return FileSystem.normalize(cwd + "/" + path);
    }

    private String path(String p) {
        return resolve(cwd, p);
    }

    Result run(List<String> args, String stdin) {
        String cmd = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (cmd) {
            case "ls" -> ls(rest);
            case "cat" -> withInputs(cmd, rest, stdin, (name, text) -> text);
            case "head", "tail" -> headTail(cmd, rest, stdin);
            case "grep" -> grep(rest, stdin);
            case "echo" -> echo(rest);
            case "sed" -> Sed.run(fs, cwd, rest, stdin, budget);
            case "rm" -> rm(rest);
            case "mv", "cp" -> moveCopy(cmd, rest);
            case "mkdir" -> mkdir(rest);
            case "touch" -> touch(rest);
            case "wc" -> wc(rest, stdin);
            case "find" -> find(rest);
            case "diff" -> diff(rest);
            case "pwd" -> Result.ok(FileSystem.display(cwd) + "\n");
            case "true" -> Result.ok("");
            case "false" -> Result.error("", 1);
            default -> Result.error("bash: " + cmd + ": command not found\n", 127);
        };
    }

    private static List<String> operands(List<String> args) {
        return args.stream().filter(a -> !a.startsWith("-") || a.equals("-")).toList();
    }

    private static boolean flag(List<String> args, char f) {
        return args.stream().anyMatch(a -> a.startsWith("-") && !a.startsWith("--") && a.indexOf(f) > 0);
    }

    private Result ls(List<String> args) {
        List<String> targets = operands(args);
        if (targets.isEmpty()) targets = List.of(".");
        boolean long_ = flag(args, 'l');
        var out = new StringBuilder();
        var err = new StringBuilder();
        for (String t : targets) {
            String p = path(t);
            if (fs.isFile(p)) {
                out.append(long_ ? longEntry(p, t) : t).append('\n');
            } else if (fs.isDir(p)) {
                if (targets.size() > 1) out.append(t).append(":\n");
                for (String name : fs.list(p)) {
                    String child = p.isEmpty() ? name : p + "/" + name;
                    out.append(long_ ? longEntry(child, name) : name).append('\n');
                }
            } else {
                err.append("ls: cannot access '").append(t).append("': No such file or directory\n");
            }
        }
        return new Result(out.toString(), err.toString(), err.isEmpty() ? 0 : 2);
    }

    private String longEntry(String key, String name) {
        if (name.endsWith("/")) return "drwxr-xr-x 2 agent agent 4096 " + name;
        return String.format("-rw-r--r-- 1 agent agent %5d %s", fs.peek(key).map(String::length).orElse(0), name);
    }

    interface Transform {
        String apply(String name, String text);
    }

    /** Applies a transform to each file operand, or to stdin when there is none. */
    private Result withInputs(String cmd, List<String> files, String stdin, Transform transform) {
        if (files.isEmpty()) return Result.ok(transform.apply("-", stdin));
        var out = new StringBuilder();
        var err = new StringBuilder();
        for (String f : files) {
            String p = path(f);
            var text = fs.read(p);
            if (text.isPresent()) budget.append(out, transform.apply(f, text.get()));
            else err.append(cmd).append(": ").append(f).append(fs.isDir(p) ? ": Is a directory\n" : ": No such file or directory\n");
        }
        return new Result(out.toString(), err.toString(), err.isEmpty() ? 0 : 1);
    }

    /**
     * {@code head}/{@code tail} with GNU counts: {@code head -n -K} prints all but the last K lines,
     * {@code tail -n +K} starts at line K, and {@code tail -n -K} is {@code tail -n K}; {@code -c} counts
     * characters instead of lines.
     */
    private Result headTail(String cmd, List<String> args, String stdin) {
        String count = "10";
        boolean chars = false;
        var files = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-n") || a.equals("-c") || a.equals("--lines") || a.equals("--bytes")) {
                if (i + 1 >= args.size()) return Result.error(cmd + ": option requires an argument -- '" + a.charAt(a.length() - 1) + "'\n", 1);
                chars = a.equals("-c") || a.equals("--bytes");
                count = args.get(++i);
            } else if (a.matches("-[nc].+")) {
                chars = a.charAt(1) == 'c';
                count = a.substring(2);
            } else if (a.startsWith("--lines=") || a.startsWith("--bytes=")) {
                chars = a.startsWith("--bytes=");
                count = a.substring(8);
            } else if (a.matches("-\\d+")) count = a.substring(1);
            else if (a.equals("-q") || a.equals("-v")) continue;
            else if (a.startsWith("-") && !a.equals("-")) return Result.error(cmd + ": invalid option -- '" + a.substring(1) + "'\n", 1);
            else files.add(a);
        }
        if (!count.matches("[+-]?\\d{1,18}")) {
            return Result.error(cmd + ": invalid number of " + (chars ? "bytes" : "lines") + ": '" + count + "'\n", 1);
        }
        long n = Long.parseLong(count.startsWith("+") || count.startsWith("-") ? count.substring(1) : count);
        boolean allBut = cmd.equals("head") && count.startsWith("-"), from = cmd.equals("tail") && count.startsWith("+");
        boolean byChar = chars;
        return withInputs(cmd, files, stdin, (name, text) -> {
            if (byChar) {
                int[] r = range(cmd, text.length(), n, allBut, from);
                return text.substring(r[0], r[1]);
            }
            List<String> lines = splitLines(text);
            int[] r = range(cmd, lines.size(), n, allBut, from);
            return joinLines(lines.subList(r[0], r[1]));
        });
    }

    /** The [start, end) of {@code size} units that head or tail keeps for a count of {@code n}. */
    private static int[] range(String cmd, int size, long n, boolean allBut, boolean from) {
        int k = (int) Math.min(n, size);
        if (cmd.equals("head")) return allBut ? new int[] {0, size - k} : new int[] {0, k};
        if (from) return new int[] {(int) Math.min(Math.max(n - 1, 0), size), size};
        return new int[] {size - k, size};
    }

    static List<String> splitLines(String text) {
        if (text.isEmpty()) return List.of();
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(t.split("\n", -1));
    }

    static String joinLines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private Result grep(List<String> args, String stdin) {
        boolean ignoreCase = flag(args, 'i'), number = flag(args, 'n'), invert = flag(args, 'v'), count = flag(args, 'c'),
                filesOnly = flag(args, 'l'), recursive = flag(args, 'r') || flag(args, 'R'), fixed = flag(args, 'F'),
                extended = flag(args, 'E');
        var ops = new ArrayList<>(operands(args));
        for (int i = 0; i < args.size() - 1; i++) if (args.get(i).equals("-e")) { ops.add(0, args.get(i + 1)); ops.remove(args.get(i + 1)); }
        if (ops.isEmpty()) return Result.error("Usage: grep [OPTION]... PATTERNS [FILE]...\n", 2);
        Regex pattern;
        try {
            pattern = fixed ? Regex.literal(ops.get(0), ignoreCase) : Regex.compile(ops.get(0), extended, ignoreCase);
        } catch (Regex.Invalid e) {
            return Result.error("grep: " + e.getMessage() + "\n", 2);
        }
        var files = new ArrayList<String>();
        for (String f : ops.subList(1, ops.size())) {
            String p = path(f);
            if (recursive && fs.isDir(p)) fs.walk(p).forEach(k -> files.add(relativeToCwd(k)));
            else files.add(f);
        }
        if (recursive && ops.size() == 1) fs.walk(cwd).forEach(k -> files.add(relativeToCwd(k)));
        boolean prefix = files.size() > 1 || recursive;
        boolean[] any = {false};
        Result r = withInputs("grep", files, stdin, (name, text) -> {
            var sb = new StringBuilder();
            int matches = 0, ln = 0;
            for (String line : splitLines(text)) {
                ln++;
                if (pattern.find(line, budget) == invert) continue;
                matches++;
                if (!count && !filesOnly) budget.append(sb, (prefix ? name + ":" : "") + (number ? ln + ":" : "") + line + "\n");
            }
            any[0] |= matches > 0;
            if (filesOnly) return matches > 0 ? name + "\n" : "";
            return count ? (prefix ? name + ":" : "") + matches + "\n" : sb.toString();
        });
        return r.status() != 0 ? new Result(r.stdout(), r.stderr(), 2) : new Result(r.stdout(), "", any[0] ? 0 : 1);
    }

    private Result echo(List<String> args) {
        boolean newline = true, escapes = false;
        int i = 0;
        while (i < args.size() && args.get(i).matches("-[neE]+")) {
            newline &= !args.get(i).contains("n");
            escapes |= args.get(i).contains("e");
            i++;
        }
        String text = String.join(" ", args.subList(i, args.size()));
        if (escapes) text = text.replace("\\n", "\n").replace("\\t", "\t");
        return Result.ok(newline ? text + "\n" : text);
    }

    private Result rm(List<String> args) {
        boolean recursive = flag(args, 'r') || flag(args, 'R'), force = flag(args, 'f');
        var err = new StringBuilder();
        for (String f : operands(args)) {
            String p = path(f);
            if (fs.isFile(p)) fs.delete(p);
            else if (fs.isDir(p) && !p.isEmpty()) {
                if (recursive) fs.removeDir(p);
                else err.append("rm: cannot remove '").append(f).append("': Is a directory\n");
            } else if (!force) err.append("rm: cannot remove '").append(f).append("': No such file or directory\n");
        }
        return new Result("", err.toString(), err.isEmpty() ? 0 : 1);
    }

    private Result moveCopy(String cmd, List<String> args) {
        List<String> ops = operands(args);
        if (ops.size() != 2) return Result.error(cmd + ": expected a source and a destination\n", 1);
        String src = path(ops.get(0)), dst = path(ops.get(1));
        var content = fs.peek(src);
        if (content.isEmpty()) {
            String what = fs.isDir(src) ? ": -r not specified; omitting directory '" : ": cannot stat '";
            return Result.error(cmd + what + ops.get(0) + "'" + (fs.isDir(src) ? "" : ": No such file or directory") + "\n", 1);
        }
        if (fs.isDir(dst)) dst = dst.isEmpty() ? fileName(src) : dst + "/" + fileName(src);
        fs.writeBounded(dst, content.get());
        if (cmd.equals("mv") && !dst.equals(src)) fs.delete(src);
        return Result.ok("");
    }

    private String relativeToCwd(String key) {
        return cwd.isEmpty() ? key : key.substring(cwd.length() + 1);
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private Result mkdir(List<String> args) {
        boolean parents = flag(args, 'p');
        var err = new StringBuilder();
        for (String d : operands(args)) {
            String p = path(d);
            if (fs.isFile(p) || (fs.isDir(p) && !parents)) err.append("mkdir: cannot create directory '").append(d).append("': File exists\n");
            else fs.mkdir(p);
        }
        return new Result("", err.toString(), err.isEmpty() ? 0 : 1);
    }

    private Result touch(List<String> args) {
        for (String f : operands(args)) if (!fs.isFile(path(f)) && !fs.isDir(path(f))) fs.writeBounded(path(f), "");
        return Result.ok("");
    }

    private Result wc(List<String> args, String stdin) {
        boolean l = flag(args, 'l'), w = flag(args, 'w'), c = flag(args, 'c');
        boolean all = !l && !w && !c;
        return withInputs("wc", operands(args), stdin, (name, text) -> {
            var parts = new ArrayList<String>();
            if (all || l) parts.add(String.valueOf(text.chars().filter(ch -> ch == '\n').count()));
            if (all || w) parts.add(String.valueOf(text.isBlank() ? 0 : text.trim().split("\\s+").length));
            if (all || c) parts.add(String.valueOf(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            return String.join(" ", parts) + (name.equals("-") ? "" : " " + name) + "\n";
        });
    }

    private Result find(List<String> args) {
        String start = ".";
        String namePattern = null, type = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-name") || a.equals("-iname")) && i + 1 < args.size()) namePattern = args.get(++i);
            else if (a.equals("-type") && i + 1 < args.size()) type = args.get(++i);
            else if (!a.startsWith("-")) start = a;
        }
        String root = path(start);
        if (!fs.isDir(root) && !fs.isFile(root)) return Result.error("find: '" + start + "': No such file or directory\n", 1);
        Regex glob;
        try {
            glob = namePattern == null ? null : Regex.glob(namePattern);
        } catch (Regex.Invalid e) {
            return Result.error("find: " + e.getMessage() + "\n", 1);
        }
        var out = new StringBuilder();
        String base = start.endsWith("/") ? start.substring(0, start.length() - 1) : start;
        var entries = new java.util.TreeSet<String>();
        for (String f : fs.walk(root)) {
            String rel = root.isEmpty() ? f : f.substring(root.length() + 1);
            if (!"d".equals(type)) entries.add(rel);
            if (!"f".equals(type)) {
                for (int i = rel.indexOf('/'); i >= 0; i = rel.indexOf('/', i + 1)) entries.add(rel.substring(0, i) + "/");
            }
        }
        if (!"f".equals(type) && glob == null) out.append(base).append('\n');
        for (String e : entries) {
            String clean = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
            if (glob != null && !glob.find(fileName(clean), budget)) continue;
            budget.append(out, base + "/" + clean + "\n");
        }
        return Result.ok(out.toString());
    }

    private Result diff(List<String> args) {
        List<String> ops = operands(args);
        if (ops.size() != 2) return Result.error("diff: expected two files\n", 2);
        var a = fs.read(path(ops.get(0)));
        var b = fs.read(path(ops.get(1)));
        if (a.isEmpty() || b.isEmpty()) {
            return Result.error("diff: " + (a.isEmpty() ? ops.get(0) : ops.get(1)) + ": No such file or directory\n", 2);
        }
        List<String> lines = LineDiff.lines(a.get(), b.get());
        return new Result(joinLines(lines), "", lines.isEmpty() ? 0 : 1);
    }
}
