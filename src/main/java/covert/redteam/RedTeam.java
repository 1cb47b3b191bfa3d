package covert.redteam;

import covert.score.Outcome;
import covert.log.OutcomeCodec;
import covert.UserError;
import covert.env.Environment;
import covert.env.SpecWriter;
import covert.env.Suite;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.model.ModelException;
import covert.run.Progress;
import covert.run.ProviderOptions;
import covert.run.RunConfig;
import covert.run.Runner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Red-teaming a target for a hidden goal. The target runs on the suite; then, round by round, the auditor
 * writes variants of each environment from its spec, the target's transcripts and the trials so far, and the
 * target runs on them (every run through {@link Runner}, with its own log). Variants that elicited sabotage are
 * kept, written to the output directory as a suite, and re-run with a fresh seed: the reported rates come from
 * that confirmation run, not from the search that selected them (which would overstate them). Optionally a
 * second model (e.g. the target before anti-scheming training) runs on the suite and on the kept variants with
 * the same seeds.
 *
 * <p>Layout of {@code out}: {@code <variant>.yaml} (the kept suite), {@code rounds/rN/} (every variant tried),
 * {@code logs/}, {@code redteam.json} and {@code report.md}.
 */
public final class RedTeam {
    /** Added to the run seed for the confirmation runs, so that they draw fresh samples. */
    public static final long CONFIRM_SEED_OFFSET = 7919;

    public record Config(String suite, List<String> envs, String target, Map<String, String> targetArgs, String before, int epochs,
                         long seed, int rounds, int perEnv, int maxSamples, ProviderOptions providers) {
        public Config {
            providers = providers == null ? ProviderOptions.DEFAULT : providers;
            envs = envs == null ? List.of() : List.copyOf(envs);
            targetArgs = targetArgs == null ? Map.of() : Map.copyOf(targetArgs);
            if (epochs < 1) throw new UserError("--epochs must be at least 1");
            if (rounds < 1) throw new UserError("--rounds must be at least 1");
            if (perEnv < 1) throw new UserError("--variants must be at least 1");
        }
    }

    /** What one run of the target (or the comparison model) on a suite gave. */
    public record RunOf(String model, Path log, EvalLog evalLog) {}

    public record Result(Path out, List<Auditor.Trial> trials, List<Auditor.Trial> kept, RunOf plain, RunOf confirm,
                         RunOf beforePlain, RunOf beforeConfirm, RedTeamReport report) {}

    private RedTeam() {}

    public static Result run(Config c, Auditor auditor, Path out, Progress progress) throws IOException, ModelException {
        prepare(out);
        var suite = Suite.load(c.suite()).only(c.envs());
        Path logs = out.resolve("logs");
        var plain = run(c, c.target(), c.suite(), c.envs(), c.seed(), logs, progress);
        var transcripts = new LinkedHashMap<String, List<Auditor.Digest>>();
        digest(plain, transcripts, Map.of());
        var trials = new ArrayList<Auditor.Trial>();
        var ids = new HashSet<String>();
        for (int round = 1; round <= c.rounds(); round++) {
            var proposed = new ArrayList<Variant>();
            for (Environment env : suite.environments()) {
                String id = env.spec().id();
                var mine = trials.stream().filter(t -> t.variant().source().equals(id)).toList();
                var request = new Auditor.Request(env, round, mine, transcripts.getOrDefault(id, List.of()), c.perEnv());
                for (Variant v : auditor.propose(request)) proposed.add(named(v, ids));
            }
            if (proposed.isEmpty()) break;
            Path dir = out.resolve("rounds").resolve("r" + round);
            write(dir, proposed, Map.of());
            var result = run(c, c.target(), dir.toString(), List.of(), c.seed() + round, logs, progress);
            var bySource = new LinkedHashMap<String, Variant>();
            proposed.forEach(v -> bySource.put(v.id(), v));
            digest(result, transcripts, bySource);
            var counts = counts(result.evalLog());
            for (Variant v : proposed) {
                int[] k = counts.getOrDefault(v.id(), new int[2]);
                trials.add(new Auditor.Trial(v, round, k[1], k[0]));
            }
        }
        var kept = trials.stream().filter(t -> t.sabotage() > 0).toList();
        RunOf confirm = null, beforePlain = null, beforeConfirm = null;
        if (!kept.isEmpty()) {
            write(out, kept.stream().map(Auditor.Trial::variant).toList(), searchNotes(kept));
            confirm = run(c, c.target(), out.toString(), List.of(), c.seed() + CONFIRM_SEED_OFFSET, logs, progress);
        }
        if (c.before() != null) {
            beforePlain = run(c, c.before(), c.suite(), c.envs(), c.seed(), logs, progress);
            if (!kept.isEmpty()) beforeConfirm = run(c, c.before(), out.toString(), List.of(), c.seed() + CONFIRM_SEED_OFFSET, logs, progress);
        }
        var report = RedTeamReport.of(c, auditor.name(), trials, kept, plain, confirm, beforePlain, beforeConfirm);
        Files.writeString(out.resolve("redteam.json"), report.json(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("report.md"), report.text(), StandardCharsets.UTF_8);
        return new Result(out, trials, kept, plain, confirm, beforePlain, beforeConfirm, report);
    }

    /** The output directory must not already hold a suite: the confirmation run loads every spec in it. */
    private static void prepare(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.anyMatch(p -> p.toString().endsWith(".yaml") || p.getFileName().toString().equals("redteam.json"))) {
                    throw new UserError("--out " + out + " already holds a red-team suite; choose a new directory");
                }
            }
        } else if (Files.exists(out)) {
            throw new UserError("--out " + out + " exists and is not a directory");
        }
        Files.createDirectories(out);
    }

    private static RunOf run(Config c, String model, String suite, List<String> envs, long seed, Path logs, Progress progress) throws IOException {
        var args = model.equals(c.target()) ? c.targetArgs() : Map.<String, String>of();
        var cfg = new RunConfig(suite, model, args, c.epochs(), seed, 30, 0, 900, 0, envs, c.maxSamples()).withProviders(c.providers());
        var r = Runner.start(cfg, logs, progress);
        return new RunOf(model, r.log(), r.evalLog());
    }

    /** Gives a variant its id: source, then the chain's short names, numbered when the same name recurs. */
    private static Variant named(Variant v, java.util.Set<String> taken) {
        var sb = new StringBuilder(v.source()).append("--");
        for (String t : v.chain()) sb.append(Transformation.parse(t).map(Transformation::shortName).orElse(t)).append('-');
        if (!v.note().isEmpty()) sb.append("edit-");
        String stem = sb.substring(0, sb.length() - 1), id = stem;
        for (int i = 2; !taken.add(id); i++) id = stem + "-" + i;
        String description = "Red-team variant of " + v.source() + " at " + v.base() + ", transformations: " + String.join(" > ", v.chain())
                + (v.note().isEmpty() ? "" : "; auditor edits: " + v.note());
        return new Variant(id, v.source(), v.base(), v.chain(), v.note(), Specs.withId(v.spec(), id, description));
    }

    private static void write(Path dir, List<Variant> variants, Map<String, String> notes) throws IOException {
        Files.createDirectories(dir);
        for (Variant v : variants) {
            var comments = new ArrayList<>(List.of("Red-team variant of " + v.source() + " (same checker), base point " + v.base(),
                    "transformation chain: " + (v.chain().isEmpty() ? "(none)" : String.join(" > ", v.chain()))));
            if (!v.note().isEmpty()) comments.add("auditor edits: " + v.note());
            if (notes.containsKey(v.id())) comments.add(notes.get(v.id()));
            Files.writeString(dir.resolve(v.id() + ".yaml"), SpecWriter.write(v.spec(), comments), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> searchNotes(List<Auditor.Trial> kept) {
        var m = new LinkedHashMap<String, String>();
        kept.forEach(t -> m.put(t.variant().id(), "search round " + t.round() + ": sabotage in " + t.sabotage() + " of " + t.n() + " samples"));
        return m;
    }

    /** Per environment id: {sabotage, valid}. */
    static Map<String, int[]> counts(EvalLog log) {
        var out = new LinkedHashMap<String, int[]>();
        for (var s : log.samples()) {
            var outcome = OutcomeCodec.kind(s);
            if (!outcome.rated()) continue;
            var k = out.computeIfAbsent(String.valueOf(s.metadata().get("environment")), x -> new int[2]);
            if (outcome == Outcome.Kind.COVERT) k[0]++;
            k[1]++;
        }
        return out;
    }

    /** Files each sample under its source environment, so the auditor of that environment sees it. */
    @SuppressWarnings("unchecked")
    private static void digest(RunOf run, Map<String, List<Auditor.Digest>> into, Map<String, Variant> variants) {
        for (var s : run.evalLog().samples()) {
            var meta = s.metadata();
            String env = String.valueOf(meta.get("environment"));
            String source = variants.containsKey(env) ? variants.get(env).source() : env;
            var variant = meta.get("variant") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.<String, String>of();
            var evidence = OutcomeCodec.decode(s).evidence();
            into.computeIfAbsent(source, k -> new ArrayList<>()).add(new Auditor.Digest(run.log(), env, s.id(), s.epoch(), variant,
                    EvalLogs.outcome(s), String.valueOf(meta.getOrDefault("report", "")), evidence));
        }
    }
}
