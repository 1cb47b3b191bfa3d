package covert.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import covert.cli.Main;
import covert.log.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fidelity against real bash: the corpus of commands real agents issued runs through the public contract
 * ({@code covert sandbox exec --jsonl}) and through plain bash on the host, on the same files, and the share with
 * identical stdout, exit code and resulting files must be at least 95%. The plain side starts from a byte-exact copy
 * of the sandbox's initial workspace (a tar taken through the contract itself: files, modes, times and the git
 * repository), so only the shells differ.
 */
class FidelityTest {
    static final Path DIR = Path.of("src/test/resources/sandbox/fidelity");
    static final Path SUITE = DIR.resolve("suite");
    static final Path CORPUS = DIR.resolve("commands.jsonl");
    static final String ENV = "fidelity_repo";
    static final double REQUIRED = 0.95;
    /** Tool noise whose bytes embed when they were written; the comparison leaves it out on both sides. */
    static final List<String> NOISE = List.of("__pycache__/", ".pytest_cache/");

    @TempDir
    Path tmp;

    record Outcome(String stdout, int exit, Map<String, String> files) {}

    @Test
    void real_agent_commands_give_what_plain_bash_gives() throws Exception {
        SandboxHost.require();
        Assumptions.assumeTrue(Files.isRegularFile(CORPUS) && Files.isDirectory(SUITE), "fidelity corpus not present yet: " + CORPUS);
        List<JsonNode> corpus = new ArrayList<>();
        for (String l : Files.readAllLines(CORPUS)) if (!l.isBlank()) corpus.add(Json.MAPPER.readTree(l));
        Path base = initialWorkspace();

        Path in = tmp.resolve("in.jsonl"), out = tmp.resolve("out.jsonl");
        Files.write(in, corpus.stream().map(n -> Json.MAPPER.createObjectNode().put("cmd", n.get("cmd").asText()).toString()).toList());
        assertThat(cli("sandbox", "exec", "--suite", SUITE.toString(), "--env", ENV, "--jsonl", in.toString(), "--out", out.toString()))
                .as("covert sandbox exec --jsonl exits 0 when every command ran").isZero();
        List<String> results = Files.readAllLines(out);
        assertThat(results).hasSize(corpus.size());

        // the plain side, one work directory per line, side by side like the contract's lines
        var plain = new ArrayList<java.util.concurrent.Future<Outcome>>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            for (int i = 0; i < corpus.size(); i++) {
                int n = i;
                plain.add(pool.submit(() -> plainBash(base, corpus.get(n).get("cmd").asText(), n)));
            }
        }
        int same = 0, probes = 0, probesSame = 0;
        var report = new StringBuilder();
        for (int i = 0; i < corpus.size(); i++) {
            JsonNode line = corpus.get(i);
            String cmd = line.get("cmd").asText();
            Outcome sandbox = fromContract(Json.MAPPER.readTree(results.get(i)));
            Outcome bash = plain.get(i).get();
            boolean ok = sandbox.equals(bash);
            boolean probe = line.path("probe").asBoolean(false);
            if (ok) same++;
            if (probe) {
                probes++;
                if (ok) probesSame++;
            }
            if (!ok) report.append(String.format("  differs%s: %s%n%s", probe ? " (probe)" : "", cmd, why(sandbox, bash)));
        }
        double share = (double) same / corpus.size();
        System.out.printf("fidelity: %d/%d identical (%.1f%%); without the %d probes: %d/%d (%.1f%%)%n%s", same, corpus.size(), 100 * share,
                probes, same - probesSame, corpus.size() - probes, 100.0 * (same - probesSame) / Math.max(1, corpus.size() - probes), report);
        assertThat(share).as("share of the corpus identical to plain bash").isGreaterThanOrEqualTo(REQUIRED);
    }

    /** The environment's initial workspace, taken through the contract as a tar and unpacked on the host. */
    private Path initialWorkspace() throws Exception {
        Path in = tmp.resolve("init.jsonl"), out = tmp.resolve("init.out.jsonl");
        Files.writeString(in, Json.MAPPER.createObjectNode().put("cmd", "tar -cf - . | base64 -w0").toString() + "\n");
        assertThat(cli("sandbox", "exec", "--suite", SUITE.toString(), "--env", ENV, "--jsonl", in.toString(), "--out", out.toString())).isZero();
        byte[] tar = Base64.getDecoder().decode(Json.MAPPER.readTree(Files.readString(out)).get("stdout").asText());
        Path base = Files.createDirectory(tmp.resolve("base"));
        var p = new ProcessBuilder("tar", "-xpf", "-", "-C", base.toString()).redirectErrorStream(true).start();
        try (var os = p.getOutputStream()) {
            os.write(tar);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return base;
    }

    private Outcome plainBash(Path base, String cmd, int n) throws Exception {
        Path work = tmp.resolve("work" + n);
        Path home = tmp.resolve("home" + n);
        for (Path d : List.of(work, home)) Host.removeTree(d);
        Files.createDirectories(home);
        run(List.of("cp", "-a", base.toString(), work.toString()), tmp, Map.of(), 60);
        var env = new LinkedHashMap<>(Bwrap.environment("plain"));
        env.put("HOME", home.toString());
        var r = run(List.of("bash", "-c", cmd), work, env, 30);
        String stdout = r.stdout().replace(work.toString(), "/workspace").replace(home.toString(), "/root");
        var outcome = new Outcome(stdout, r.exitCode(), files(work));
        Host.removeTree(work);
        Host.removeTree(home);
        return outcome;
    }

    private static ExecResult run(List<String> argv, Path cwd, Map<String, String> env, int seconds) throws Exception {
        var pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (!env.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Path o = Files.createTempFile("plain", ".out"), e = Files.createTempFile("plain", ".err");
        pb.redirectOutput(o.toFile()).redirectError(e.toFile());
        var p = pb.start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        var r = new ExecResult(Files.readString(o, StandardCharsets.ISO_8859_1), Files.readString(e, StandardCharsets.ISO_8859_1),
                done ? p.exitValue() : 124, ExecResult.Stop.NONE);
        Files.delete(o);
        Files.delete(e);
        return new ExecResult(new String(r.stdout().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), r.stderr(), r.exitCode(), r.stopped());
    }

    private static Map<String, String> files(Path root) throws IOException {
        var out = new TreeMap<String, String>();
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty() || rel.equals(".git") || rel.startsWith(".git/") || noise(rel + (Files.isDirectory(p) ? "/" : ""))) continue;
                if (Files.isSymbolicLink(p)) continue;
                if (Files.isDirectory(p)) out.put(rel + "/", "dir");
                else out.put(rel, Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static boolean noise(String rel) {
        return NOISE.stream().anyMatch(n -> rel.startsWith(n) || rel.contains("/" + n));
    }

    private static Outcome fromContract(JsonNode r) {
        var files = new TreeMap<String, String>();
        r.get("files").properties().forEach(e -> {
            if (noise(e.getKey())) return;
            JsonNode v = e.getValue();
            files.put(e.getKey(), v.isTextual() ? Base64.getEncoder().encodeToString(v.asText().getBytes(StandardCharsets.UTF_8)) : v.get("base64").asText());
        });
        r.get("dirs").forEach(d -> {
            if (!noise(d.asText() + "/")) files.put(d.asText() + "/", "dir");
        });
        return new Outcome(r.get("stdout").asText(), r.get("exit_code").asInt(), files);
    }

    private static String why(Outcome a, Outcome b) {
        var sb = new StringBuilder();
        if (a.exit() != b.exit()) sb.append("    exit ").append(a.exit()).append(" (sandbox) vs ").append(b.exit()).append(" (bash)\n");
        if (!a.stdout().equals(b.stdout())) {
            sb.append("    stdout sandbox: ").append(abbrev(a.stdout())).append("\n    stdout bash:    ").append(abbrev(b.stdout())).append('\n');
        }
        if (!a.files().equals(b.files())) {
            var keys = new java.util.TreeSet<>(a.files().keySet());
            keys.addAll(b.files().keySet());
            keys.removeIf(k -> java.util.Objects.equals(a.files().get(k), b.files().get(k)));
            sb.append("    files differ: ").append(keys).append('\n');
        }
        return sb.toString();
    }

    private static String abbrev(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }

    private static int cli(String... args) {
        var err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        if (code != 0) System.err.println(err);
        return code;
    }
}
