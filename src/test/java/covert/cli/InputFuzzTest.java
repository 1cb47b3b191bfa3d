package covert.cli;

import static covert.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import covert.log.EvalLog;
import covert.log.Json;
import covert.log.LogFiles;
import covert.testing.Runs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R3: seeded mutations of real inputs (specs, .eval and .json logs, journals, scan corpora, series files) and
 * of command lines. Every one must end with exit 0, or exit 2 and one line "covert: error: ...": never a stack
 * trace or a Java type name, and never a change to the input file.
 */
class InputFuzzTest {
    static final int CASES = Integer.getInteger("covert.fuzz.cases", 340);
    static final Pattern JAVA_TYPE = Pattern.compile("\\b(java|javax|com\\.fasterxml|org\\.duckdb|covert)\\.[a-z]+\\.[A-Za-z]|\\tat |Exception\\b|\\(class ");

    @TempDir
    static Path dir;
    static byte[] jsonLog, evalLog, journal, spec, series, corpus;

    @BeforeAll
    static void seeds() throws Exception {
        var cfg = Runs.config("sim/baseline", Map.of(), 1, 5, 2, List.of("oversight_config"));
        Path json = Runs.run(cfg.withLogFormat("json"), dir.resolve("seed-json")).log();
        Path eval = Runs.run(cfg, dir.resolve("seed-eval")).log();
        jsonLog = Files.readAllBytes(json);
        evalLog = Files.readAllBytes(eval);
        EvalLog log = LogFiles.read(json);
        var lines = new StringBuilder(Json.MAPPER.writeValueAsString(new EvalLog.LogStart(log.version(), log.eval(), log.plan()))).append('\n');
        for (var s : log.samples()) lines.append(Json.MAPPER.writeValueAsString(s)).append('\n');
        journal = lines.toString().getBytes(StandardCharsets.UTF_8);
        try (var in = covert.env.Suite.class.getResourceAsStream("/suites/covert/oversight_config.yaml")) {
            spec = in.readAllBytes();
        }
        series = "- model: sim/baseline\n  checkpoint: early\n  step: 100\n- model: sim/antischeming\n  checkpoint: late\n  step: 200\n  phase: rl\n"
                .getBytes(StandardCharsets.UTF_8);
        // a corpus as a trainer would export it: one line per sample, its text and a checkpoint
        var rows = new StringBuilder();
        int i = 0;
        for (var s : log.samples()) {
            String text = s.messages().stream().map(m -> m.toString()).reduce("", String::concat);
            rows.append(Json.MAPPER.writeValueAsString(Map.of("text", text, "checkpoint", "c" + (i % 2), "step", i % 2))).append('\n');
            i++;
        }
        corpus = rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One input kind: its seed, the file name it needs, and the command that reads it. */
    record Kind(String name, byte[] seed, String file, Function<Path, String[]> command, boolean consumedOnSuccess) {}

    List<Kind> kinds(Path caseDir) {
        String logDir = caseDir.resolve("out").toString();
        return List.of(
                new Kind("spec", spec, "suite/oversight_config.yaml", f -> new String[] {"envs", "--suite", f.getParent().toString()}, false),
                new Kind("json-log", jsonLog, "2026-01-01T00-00-00_x_y.json", f -> new String[] {"report", f.toString(), "--json"}, false),
                new Kind("eval-log", evalLog, "run.eval", f -> new String[] {"report", f.toString()}, false),
                new Kind("journal", journal, "run" + ".journal.jsonl", f -> new String[] {"run", "--resume", f.toString(), "--no-progress"}, true),
                new Kind("corpus", corpus, "corpus.jsonl", f -> new String[] {"scan", f.toString(), "--json"}, false),
                new Kind("series", series, "series.yaml", f -> new String[] {"run", "--series", f.toString(), "--env", "oversight_config", "--limit", "1",
                        "--log-dir", logDir, "--no-progress"}, false));
    }

    @Test
    void mutated_inputs_and_arguments_end_in_a_result_or_one_line_error() throws Exception {
        var random = new Random(18);
        var failures = new ArrayList<String>();
        int ok = 0, refused = 0;
        for (int i = 0; i < CASES; i++) {
            Path caseDir = Files.createDirectories(dir.resolve("case-" + i));
            String[] args;
            Path input = null;
            byte[] before = null;
            boolean consumed = false;
            String label;
            if (i % 7 == 6) {
                args = mutatedArguments(random, caseDir);
                label = "args " + String.join(" ", args);
            } else {
                var kinds = kinds(caseDir);
                Kind k = kinds.get(random.nextInt(kinds.size()));
                if (k.name().equals("series") && random.nextInt(3) > 0) k = kinds.get(1); // valid series files start runs: keep them few
                input = caseDir.resolve(k.file());
                Files.createDirectories(input.getParent());
                before = k.name().equals("eval-log") && random.nextBoolean() ? mutateEntry(k.seed(), random) : mutate(k.seed(), random);
                Files.write(input, before);
                args = k.command().apply(input);
                consumed = k.consumedOnSuccess();
                label = k.name() + " #" + i;
            }
            var r = cli(args);
            if (r.code() == 0) ok++;
            else refused++;
            String why = check(r, input, before, consumed);
            if (why != null) failures.add(label + ": " + why + " | " + errorLines(r).strip() + " | " + r.out().lines().findFirst().orElse(""));
        }
        System.out.println("fuzz: " + CASES + " inputs, " + ok + " exit 0, " + refused + " one-line errors, " + failures.size() + " failures");
        assertThat(failures).isEmpty();
    }

    @Test
    void the_reported_cases_are_one_line_errors() throws Exception {
        Path d = Files.createDirectories(dir.resolve("reported"));
        // a journal with invalid UTF-8
        Path j = d.resolve("bad.journal.jsonl");
        Files.write(j, concat(Arrays.copyOf(journal, 200), new byte[] {(byte) 0xC3, 0x28, '\n'}));
        CliTest.assertOneLineError(cli("run", "--resume", j.toString()), "UTF-8");
        // header.json = null
        Path h = d.resolve("null-header.eval");
        Files.write(h, replaceEntry(evalLog, "header.json", "null".getBytes(StandardCharsets.UTF_8)));
        CliTest.assertOneLineError(cli("report", h.toString()), "header.json");
        // a broken sample entry
        Path s = d.resolve("bad-sample.json");
        Files.write(s, new String(jsonLog, StandardCharsets.UTF_8).replaceFirst("\"messages\":\\[", "\"messages\":7,\"x\":[").getBytes(StandardCharsets.UTF_8));
        var broken = cli("report", s.toString());
        CliTest.assertOneLineError(broken, "messages");
        assertThat(broken.err()).doesNotContainPattern(JAVA_TYPE);
        // an HTML report into a directory that does not exist
        Path log = d.resolve("ok.json");
        Files.write(log, jsonLog);
        CliTest.assertOneLineError(cli("report", log.toString(), "--html", "/nonexistent/dir/x.html"), "/nonexistent/dir/x.html");
        // a symlink to /dev/zero among the specs
        Path suite = Files.createDirectories(d.resolve("suite"));
        Files.write(suite.resolve("a.yaml"), spec);
        Files.createSymbolicLink(suite.resolve("zero.yaml"), Path.of("/dev/zero"));
        CliTest.assertOneLineError(cli("envs", "--suite", suite.toString()), "zero.yaml", "not a regular file");
        // 2^40 variants and 2^31-1 epochs
        Path wide = Files.createDirectories(d.resolve("wide"));
        var axes = new StringBuilder("variants:\n");
        for (int a = 0; a < 40; a++) axes.append("  axis").append(a).append(":\n    x: one\n    y: two\n");
        Files.writeString(wide.resolve("w.yaml"), new String(spec, StandardCharsets.UTF_8).replaceFirst("(?m)^variants:\\n", axes.toString()));
        CliTest.assertOneLineError(cli("envs", "--suite", wide.toString()), "combinations");
        CliTest.assertOneLineError(cli("run", "--model", "sim/baseline", "--epochs", "2147483647", "--env", "oversight_config",
                "--log-dir", d.resolve("out").toString(), "--no-progress"), "--epochs");
        // series errors in the file's terms
        Path ser = d.resolve("s.yaml");
        Files.writeString(ser, "- model: sim/baseline\n  step: [1, 2]\n");
        var se = cli("run", "--series", ser.toString(), "--log-dir", d.resolve("out").toString());
        CliTest.assertOneLineError(se, "step");
        assertThat(se.err()).doesNotContainPattern(JAVA_TYPE);
    }

    /** A run's progress lines on stderr ("Log: ...", "sim/baseline: 1/1 samples, ..."), printed before any error. */
    static final Pattern PROGRESS = Pattern.compile("^(Log: |[\\w./-]+: \\d+/\\d+ samples)");

    /** stderr without the progress lines of runs that started (a series stops at its first bad entry). */
    static String errorLines(CliTest.Result r) {
        return String.join("\n", r.err().lines().filter(l -> !PROGRESS.matcher(l).find() && !l.isBlank()).toList());
    }

    static String check(CliTest.Result r, Path input, byte[] before, boolean consumed) throws Exception {
        if (r.code() != 0 && r.code() != 2) return "exit " + r.code();
        if (r.code() == 2) {
            String err = errorLines(r).strip();
            if (err.contains("\n") || !err.startsWith("covert: error: ")) return "not one line";
        }
        if (JAVA_TYPE.matcher(r.err()).find() || JAVA_TYPE.matcher(r.out()).find()) return "names a Java type or has a stack trace";
        if (input != null && !(consumed && r.code() == 0)) {
            if (!Files.exists(input) || !Arrays.equals(Files.readAllBytes(input), before)) return "changed its input file";
        }
        return null;
    }

    /** Byte-level damage of the kinds files suffer: flips, cuts, holes, repeats, junk and invalid UTF-8. */
    static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int n = b.length;
        int at = n == 0 ? 0 : random.nextInt(n);
        return switch (random.nextInt(9)) {
            case 0 -> {
                for (int k = 0; k < 1 + random.nextInt(8); k++) b[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                yield b;
            }
            case 1 -> Arrays.copyOf(b, at);
            case 2 -> concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(n, at + 1 + random.nextInt(200)), n));
            case 3 -> concat(concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at, Math.min(n, at + 300))), Arrays.copyOfRange(b, at, n));
            case 4 -> concat(concat(Arrays.copyOf(b, at), new byte[] {(byte) 0xC3, 0x28, 0, (byte) 0xFF}), Arrays.copyOfRange(b, at, n));
            case 5 -> new byte[0];
            case 6 -> swapToken(b, random);
            case 7 -> "null".getBytes(StandardCharsets.UTF_8);
            default -> new byte[] {'[', '1', ',', '2', ']'};
        };
    }

    /** Replaces one JSON or YAML value with a value of another shape. */
    static byte[] swapToken(byte[] b, Random random) {
        String s = new String(b, StandardCharsets.UTF_8);
        var m = Pattern.compile("(\":\\s*|: )(\"[^\"]*\"|-?\\d+(\\.\\d+)?|true|false|\\[|\\{|[a-z_]+)").matcher(s);
        var hits = new ArrayList<int[]>();
        while (m.find()) hits.add(new int[] {m.start(2), m.end(2)});
        if (hits.isEmpty()) return b;
        int[] h = hits.get(random.nextInt(hits.size()));
        String[] values = {"null", "[]", "{}", "\"x\"", "-1", "1e309", "99999999999999999999", "[1,2]", "\"\\u0000\"", "{\"a\":null}"};
        return (s.substring(0, h[0]) + values[random.nextInt(values.length)] + s.substring(h[1])).getBytes(StandardCharsets.UTF_8);
    }

    /** A well-formed .eval whose entry is damaged: the ZIP reads, its JSON does not. */
    static byte[] mutateEntry(byte[] eval, Random random) throws Exception {
        var names = new ArrayList<String>();
        try (var in = new ZipInputStream(new java.io.ByteArrayInputStream(eval))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) names.add(e.getName());
        }
        String name = random.nextInt(3) == 0 ? "header.json" : names.get(random.nextInt(names.size()));
        return replaceEntry(eval, name, null, random);
    }

    static byte[] replaceEntry(byte[] eval, String name, byte[] content) throws Exception {
        return replaceEntry(eval, name, content, null);
    }

    static byte[] replaceEntry(byte[] eval, String name, byte[] content, Random random) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new java.io.ByteArrayInputStream(eval)); var zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] body = in.readAllBytes();
                if (e.getName().equals(name)) body = content != null ? content : mutate(body, random);
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(body);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Valid command lines with one argument damaged: huge, negative, empty, missing, unknown or a path that cannot be. */
    static String[] mutatedArguments(Random random, Path caseDir) throws Exception {
        Path log = caseDir.resolve("2026-01-01T00-00-00_x_y.json");
        Files.write(log, jsonLog);
        String out = caseDir.resolve("out").toString();
        List<List<String>> valid = List.of(
                List.of("run", "--model", "sim/baseline", "--env", "oversight_config", "--limit", "1", "--epochs", "1", "--seed", "3",
                        "--max-turns", "5", "--time-limit", "60", "--max-samples", "2", "--log-dir", out, "--no-progress"),
                List.of("report", log.toString(), "--html", caseDir.resolve("r.html").toString()),
                List.of("scan", log.toString(), "--top", "3", "--json"),
                List.of("db", "import", log.toString(), "--db", caseDir.resolve("x.duckdb").toString()),
                List.of("envs", "--suite", "covert", "--json"),
                List.of("stats", "interval", "--successes", "3", "--trials", "10", "--method", "exact", "--confidence", "0.9"));
        var args = new ArrayList<>(valid.get(random.nextInt(valid.size())));
        // output paths stay as given, so nothing is written outside the case's directory (the cwd is the repository)
        var free = new ArrayList<Integer>();
        for (int i = 1; i < args.size(); i++) {
            if (!OUTPUTS.contains(args.get(i)) && !OUTPUTS.contains(args.get(i - 1))) free.add(i);
        }
        int at = free.get(random.nextInt(free.size()));
        String[] junk = {"2147483647", "-1", "0", "", "99999999999999999999", "1e309", "NaN", "/nonexistent/dir/x", "/dev/zero", "--bogus",
                "\u0000", "-", "../../../../etc/passwd", "sim/", "x".repeat(5000)};
        switch (random.nextInt(3)) {
            case 0 -> args.set(at, junk[random.nextInt(junk.length)]);
            case 1 -> args.remove(at);
            default -> args.add(at, junk[random.nextInt(junk.length)]);
        }
        return args.toArray(String[]::new);
    }

    static final java.util.Set<String> OUTPUTS = java.util.Set.of("--html", "--db", "--log-dir");

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
