package covert.cli;

import covert.UserError;
import covert.env.Environment;
import covert.env.Sample;
import covert.env.Suite;
import covert.log.Json;
import covert.sandbox.Bounds;
import covert.sandbox.ExecResult;
import covert.sandbox.Rootfs;
import covert.sandbox.Sandbox;
import covert.sandbox.Sandboxes;
import covert.sandbox.Session;
import covert.world.World;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "The machine behind the bash tool: build its root file system, run commands in an environment's initial World, open a shell there.",
        subcommands = {SandboxCommand.Build.class, SandboxCommand.Exec.class, SandboxCommand.Shell.class, SandboxCommand.BenchCommand.class})
final class SandboxCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where an environment's sandbox comes from: suite, environment id and backend. */
    static final class Target {
        @Option(names = "--suite", defaultValue = "covert", description = "Built-in suite name or a directory of YAML specs. Default: ${DEFAULT-VALUE}.")
        String suite;

        @Option(names = "--env", required = true, description = "Environment id as 'covert envs' lists it; a spec id picks its first variant.")
        String env;

        @Option(names = "--sandbox", defaultValue = "bwrap", description = "bwrap or emulated. Default: ${DEFAULT-VALUE}.")
        String sandbox;

        @Option(names = "--command-timeout", paramLabel = "SECONDS", defaultValue = "" + Bounds.DEFAULT_TIMEOUT_SECONDS,
                description = "Wall-clock limit per command; a command killed by it exits 124. Default: ${DEFAULT-VALUE}.")
        long commandTimeout;

        Sample sample() {
            var s = Suite.load(suite);
            for (Environment e : s.environments()) {
                for (var v : e.variants()) {
                    if (Environment.sampleId(e.spec().id(), v).equals(env)) return e.sample(v, 1, 0);
                }
            }
            return s.environment(env).map(e -> e.sample(e.variants().get(0), 1, 0))
                    .orElseThrow(() -> new UserError("no environment '" + env + "' in suite '" + s.name() + "' (see: covert envs --suite " + suite + ")"));
        }

        Sandbox sandbox(java.io.PrintWriter err) {
            if (commandTimeout < 1) throw new UserError("--command-timeout must be at least 1 second");
            if (Sandboxes.Choice.parse(sandbox) == Sandboxes.Choice.AUTO) throw new UserError("--sandbox must be bwrap or emulated here");
            var sb = Sandboxes.choose(sandbox, true, Bounds.DEFAULT.withWallClock(Duration.ofSeconds(commandTimeout)), err::println);
            return sb;
        }

        Session open(Sandbox sb, Sample s, java.io.PrintWriter err) {
            Sandboxes.prepare(sb, List.of(s.env().sandbox()), err);
            return sb.open(new World(s.world()), s.env().sandbox());
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build (or reuse) the Debian root file system with debootstrap; an environment's extra packages make their own build.")
    static final class Build implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--suite", defaultValue = "covert", description = "Suite whose environments' extra packages to build too. Default: ${DEFAULT-VALUE}.")
        String suite;

        @Option(names = "--print-dir", description = "Only print where the base root file system is (or would be) cached.")
        boolean printDir;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            if (printDir) {
                out.println(Rootfs.base().dir());
                return 0;
            }
            var specs = new ArrayList<covert.sandbox.SandboxSpec>();
            specs.add(covert.sandbox.SandboxSpec.DEFAULT);
            Suite.load(suite).environments().forEach(e -> specs.add(e.spec().sandbox()));
            Sandboxes.prepare(new covert.sandbox.Bwrap(), specs, err);
            for (var s : specs.stream().map(x -> Rootfs.forPackages(x.packages())).distinct().toList()) out.println(s.dir());
            return 0;
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = "Run a command in a fresh sandbox holding an environment's initial World: prints its stdout and stderr and exits "
                    + "with its code. With --jsonl, runs each input line {\"cmd\": ...} in its own fresh sandbox and writes one result line each.")
    static final class Exec implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target;

        @Option(names = "--jsonl", paramLabel = "IN", description = "Commands to run, one JSON object per line with a \"cmd\" field.")
        Path jsonl;

        @Option(names = "--out", paramLabel = "OUT", description = "Where --jsonl writes its results (one line per input, in order).")
        Path outFile;

        @Parameters(arity = "0..*", paramLabel = "CMD", description = "The command line (after --).")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            var sample = target.sample();
            var sb = target.sandbox(err);
            if (jsonl != null) {
                if (outFile == null) throw new UserError("--jsonl needs --out");
                if (!command.isEmpty()) throw new UserError("give either --jsonl or a command, not both");
                return runAll(sb, sample, err);
            }
            if (command.isEmpty()) throw new UserError("no command given (covert sandbox exec --env ID -- CMD)");
            try (Session s = target.open(sb, sample, err)) {
                ExecResult r = s.exec(String.join(" ", command));
                out.print(r.stdout());
                out.flush();
                err.print(r.stderr());
                err.flush();
                return r.exitCode();
            }
        }

        private int runAll(Sandbox sb, Sample sample, java.io.PrintWriter err) throws IOException {
            if (!Files.isRegularFile(jsonl)) throw new UserError(jsonl + ": no such file");
            var lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
            var cmds = new ArrayList<String>();
            int n = 0;
            for (String line : lines) {
                n++;
                if (line.isBlank()) continue;
                Object cmd;
                try {
                    cmd = Json.MAPPER.readValue(line, Map.class).get("cmd");
                } catch (IOException e) {
                    throw new UserError(jsonl + ":" + n + ": not a JSON object: " + e.getMessage().lines().findFirst().orElse(""));
                }
                if (!(cmd instanceof String c)) throw new UserError(jsonl + ":" + n + ": no \"cmd\" string");
                cmds.add(c);
            }
            Sandboxes.prepare(sb, List.of(sample.env().sandbox()), err);
            // Each line has its own sandbox, so lines run side by side (one per core); results keep the input's order.
            var results = new ArrayList<java.util.concurrent.Future<String>>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
                for (String c : cmds) {
                    results.add(pool.submit(() -> {
                        try (Session s = sb.open(new World(sample.world()), sample.env().sandbox())) {
                            return Json.MAPPER.writeValueAsString(result(c, s.exec(c), s.snapshot()));
                        }
                    }));
                }
                var out = new ArrayList<String>();
                for (var f : results) out.add(f.get());
                if (outFile.getParent() != null) Files.createDirectories(outFile.getParent());
                Files.write(outFile, out, StandardCharsets.UTF_8);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a command could not be run: " + e.getCause().getMessage(), e.getCause());
            }
            return 0;
        }

        static Map<String, Object> result(String cmd, ExecResult r, Session.Snapshot snap) {
            var m = new LinkedHashMap<String, Object>();
            m.put("cmd", cmd);
            m.put("stdout", r.stdout());
            m.put("stderr", r.stderr());
            m.put("exit_code", r.exitCode());
            var files = new LinkedHashMap<String, Object>();
            snap.files().forEach((k, v) -> {
                var d = StandardCharsets.UTF_8.newDecoder();
                try {
                    String text = d.decode(java.nio.ByteBuffer.wrap(v)).toString();
                    files.put(k, text.indexOf('\0') >= 0 ? Map.of("base64", Base64.getEncoder().encodeToString(v)) : text);
                } catch (java.nio.charset.CharacterCodingException e) {
                    files.put(k, Map.of("base64", Base64.getEncoder().encodeToString(v)));
                }
            });
            m.put("files", files);
            m.put("dirs", snap.dirs());
            return m;
        }
    }

    @Command(name = "shell", mixinStandardHelpOptions = true, description = "Open an interactive shell in a fresh sandbox holding an environment's initial World.")
    static final class Shell implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            var err = spec.commandLine().getErr();
            var sample = target.sample();
            try (Session s = target.open(target.sandbox(err), sample, err)) {
                return s.interactive(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), spec.commandLine().getOut());
            }
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Median per-command time of the bwrap backend next to plain bash -c, interleaved in one run (see bench/sandbox-overhead.sh).")
    static final class BenchCommand implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--suite", defaultValue = "covert", description = "Suite of the environment whose files the commands see. Default: ${DEFAULT-VALUE}.")
        String suite;

        @Option(names = "--env", defaultValue = "impossible_tests", description = "Environment id. Default: ${DEFAULT-VALUE}.")
        String env;

        @Option(names = "--runs", defaultValue = "30", description = "Timed runs per command and backend. Default: ${DEFAULT-VALUE}.")
        int runs;

        @Override
        public Integer call() throws Exception {
            var t = new Target();
            t.suite = suite;
            t.env = env;
            var sample = t.sample();
            covert.sandbox.Sandboxes.prepare(new covert.sandbox.Bwrap(), List.of(sample.env().sandbox()), spec.commandLine().getErr());
            var m = covert.sandbox.Bench.run(sample.world(), sample.env().sandbox(), runs);
            var out = spec.commandLine().getOut();
            out.printf("%-16s %10s %10s %10s%n", "command", "bwrap ms", "bash ms", "overhead");
            for (String c : covert.sandbox.Bench.COMMANDS) {
                double b = m.byBackend().get("bwrap").get(c), p = m.byBackend().get("bash -c").get(c);
                out.printf("%-16s %10.1f %10.1f %+10.1f%n", c, b, p, b - p);
            }
            out.printf("medians of %d runs each, interleaved; target: overhead within 50 ms%n", runs);
            out.flush();
            return 0;
        }
    }
}
