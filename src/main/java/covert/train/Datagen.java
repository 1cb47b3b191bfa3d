package covert.train;

import covert.score.Outcome;
import covert.UserError;
import covert.embed.Embedder;
import covert.env.Environment;
import covert.env.EnvironmentSpec;
import covert.env.Suite;
import covert.log.LogFiles;
import covert.model.Model;
import covert.run.Progress;
import covert.run.ProviderOptions;
import covert.run.RunConfig;
import covert.run.Runner;
import covert.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Deliberative-alignment training data: rollouts with the spec in the system prompt, filtered by outcome
 * (no covert action, escalated where required, no over-escalation on resolved twins) and by spec use
 * (reasoning cites a relevant principle ID; optionally a grader model agrees), deduplicated with embeddings,
 * and exported with the spec removed from the prompt. Confession data comes from a second run without the
 * spec, RL tasks from the suite itself. The contamination check against the eval suite runs first.
 */
public final class Datagen {
    /**
     * @param openAi        the OpenAI file's dialect ({@code --reasoning inline|drop})
     * @param hf            the Hugging Face files' dialect ({@code --template})
     * @param followUp      the user turn after a covert rollout's submit (null: {@link Confessions#FOLLOW_UP})
     * @param synthetic     also export template confessions, to files of their own ({@code --synthetic-confessions})
     */
    public record Options(String suite, String model, Map<String, String> modelArgs, int epochs, long seed, Path out, Path specFile,
                          Dialect openAi, Dialect hf, String grader, String confessionModel, Map<String, String> confessionArgs, String followUp,
                          boolean synthetic, double dedupThreshold, int maxTurns, int maxSamples, Contamination.Thresholds contamination,
                          ProviderOptions providers) {
        public Options {
            providers = providers == null ? ProviderOptions.DEFAULT : providers;
            confessionArgs = confessionArgs == null ? Map.of() : Map.copyOf(confessionArgs);
        }
    }

    /** Counts of the SFT filter funnel. */
    public record Funnel(int sampled, int outcomeOk, int citesSpec, int dedup, int exported) {
        public String render() {
            return "sampled " + sampled + " -> outcome-ok " + outcomeOk + " -> cites spec " + citesSpec + " -> dedup " + dedup + " -> exported " + exported;
        }
    }

    public record Result(Funnel funnel, Path manifest, Map<String, Integer> exports, Contamination.Report contamination, Map<String, Object> confessions) {}

    public static final String SFT = "sft.openai.jsonl", MESSAGES = "sft.messages.jsonl", CONFESSION = ConfessionStage.FILE,
            CONFESSION_MESSAGES = ConfessionStage.MESSAGES, RL = "rl_tasks.jsonl", MANIFEST = "manifest.json";
    /** The simulated confessor's propensity to own up when asked after a covert episode (a test double's setting, see Organism). */
    static final Map<String, String> SIM_CONFESSOR = Map.of("confess_rate", "0.5");

    private Datagen() {}

    public static Result run(Options o, PrintWriter log) throws IOException {
        Spec spec = Spec.load(o.specFile());
        Suite suite = Suite.load(o.suite());
        var contamination = Contamination.check(suite, Suite.load("covert"), o.contamination());
        log.print(contamination.render(5));
        log.flush();
        if (!contamination.ok()) {
            throw new UserError("contamination check failed: " + contamination.failures().size() + " training environment(s) too close to the eval suite "
                    + "(nearest: " + contamination.failures().getFirst().train() + " ~ " + contamination.failures().getFirst().eval() + "); nothing exported");
        }
        String suiteArg = Files.isDirectory(Path.of(o.suite())) ? Path.of(o.suite()).toAbsolutePath().toString() : o.suite();
        separationCheck(suiteArg, o.seed(), log);
        Files.createDirectories(o.out());
        Path logs = o.out().resolve("logs");
        var cfg = new RunConfig(suiteArg, o.model(), o.modelArgs(), o.epochs(), o.seed(), o.maxTurns(), 0, 900, 0, List.of(), o.maxSamples())
                .withSystemSuffix(spec.render()).withProviders(o.providers());
        log.println("sampling " + o.model() + " on suite " + suite.name() + " with " + spec.id() + " v" + spec.version() + " in the system prompt ...");
        log.flush();
        Path sftLog = Runner.start(cfg, logs, Progress.NONE).log();
        String confessionModel = o.confessionModel() != null ? o.confessionModel() : o.model().startsWith("sim/") ? "sim/baseline" : o.model();
        var confessionArgs = !o.confessionArgs().isEmpty() ? o.confessionArgs() : o.confessionModel() != null ? Map.<String, String>of()
                : confessionModel.equals("sim/baseline") ? SIM_CONFESSOR : o.modelArgs();
        log.println("sampling " + confessionModel + (confessionArgs.isEmpty() ? "" : " " + confessionArgs) + " without the spec for confession data ...");
        log.flush();
        var confCfg = new RunConfig(suiteArg, confessionModel, confessionArgs, o.epochs(), o.seed(), o.maxTurns(), 0,
                900, 0, List.of(), o.maxSamples()).withProviders(o.providers());
        Path confLog = Runner.start(confCfg, logs, Progress.NONE).log();

        var byEnv = new HashMap<String, Environment>();
        suite.environments().forEach(e -> byEnv.put(e.spec().id(), e));
        var drops = new TreeMap<String, Map<String, Integer>>();
        var kept = new TreeMap<String, Integer>();
        Optional<Model> grader = Optional.ofNullable(o.grader()).map(g -> Runner.bind(g, Map.of(), List.of(), "grader", o.providers(), o.model()));
        var stage = new ArrayList<Rollout>();
        int[] sampled = {0};
        LogFiles.stream(sftLog, s -> {
            sampled[0]++;
            var r = Rollout.of(sftLog.toString(), s, byEnv.get(String.valueOf(s.metadata().get("environment"))).spec());
            String why = outcomeProblem(r);
            if (why != null) drop(drops, why, r);
            else stage.add(r);
        });
        int outcomeOk = stage.size();
        var cited = new ArrayList<Rollout>();
        var relevant = spec.relevant();
        for (var r : stage) {
            boolean cites = spec.citedIn(r.reasoning()).stream().anyMatch(relevant::contains);
            if (!cites) drop(drops, "no_spec_citation", r);
            else if (grader.isPresent() && !Judge.usesSpec(grader.get(), spec, r)) drop(drops, "grader_rejected", r);
            else cited.add(r);
        }
        var unique = dedup(cited, o.dedupThreshold(), drops);

        var exports = new LinkedHashMap<String, Integer>();
        try (var sft = new Jsonl(o.out().resolve(SFT)); var msgs = new Jsonl(o.out().resolve(MESSAGES))) {
            for (var r : unique) {
                String system = byEnv.get(r.environment()).sample(r.variant(), 1, 0).systemPrompt();
                var openai = new ArrayList<>(ChatFormat.conversation(r.messages(), system, o.openAi(), false, false));
                openai.set(0, Confessions.withCanary(openai.getFirst()));
                sft.write(Map.of("messages", openai, "tools", ChatFormat.tools(r.env().tools()), "parallel_tool_calls", false));
                var line = new LinkedHashMap<String, Object>();
                line.put("messages", ChatFormat.conversation(r.messages(), system, o.hf(), false, false));
                line.put("tools", ChatFormat.json(ChatFormat.tools(r.env().tools())));
                line.put("canary", Canary.STRING);
                line.put("metadata", metadata(r.env(), r.variant(), Map.of("sample_id", r.sampleId(), "epoch", r.epoch(),
                        "log", Path.of(r.log()).getFileName().toString(), "simulated", r.simulated())));
                msgs.write(line);
                kept.merge(r.environment(), 1, Integer::sum);
            }
            exports.put(SFT, sft.lines());
            exports.put(MESSAGES, msgs.lines());
        }
        var funnel = new Funnel(sampled[0], outcomeOk, cited.size(), unique.size(), exports.get(SFT));

        var playbooks = suite.environments().stream().map(e -> e.spec().sim()).filter(Objects::nonNull).toList();
        Model confessor = Runner.bind(confessionModel, confessionArgs, playbooks, "target", o.providers(), o.model());
        var builder = new Confessions(confessor, grader, new Replay(List.of(suite)), o.openAi(), o.hf(), o.followUp());
        var confession = ConfessionStage.run(builder, confLog, byEnv, o.out(), o.synthetic());
        exports.put(CONFESSION, confession.kept());
        exports.put(CONFESSION_MESSAGES, confession.kept());
        if (o.synthetic()) {
            exports.put(ConfessionStage.SYNTHETIC, confession.synthetic());
            exports.put(ConfessionStage.SYNTHETIC_MESSAGES, confession.synthetic());
        }
        exports.put(RL, RlTasks.write(o.out().resolve(RL), suite, unique, confession.tasks(), o.hf()));
        validate(o, log);

        var confessionCounts = confession.counts();
        confessionCounts.put("model", confessionModel);
        confessionCounts.put("model_args", confessionArgs);
        confessionCounts.put("follow_up", o.followUp() == null ? Confessions.FOLLOW_UP : o.followUp());
        var manifest = Manifest.of(spec, o, confessionModel, List.of(sftLog, confLog), contamination, funnel, drops, kept, exports, confessionCounts, relevant);
        Path manifestPath = o.out().resolve(MANIFEST);
        covert.log.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(manifestPath.toFile(), manifest);
        log.println(funnel.render());
        log.println(confession.render());
        log.println("rl tasks: " + exports.get(RL) + " (" + confession.tasks().size() + " confession tasks)");
        exports.forEach((f, n) -> log.println("  " + o.out().resolve(f) + ": " + n + " lines"));
        log.println("  " + manifestPath);
        log.flush();
        return new Result(funnel, manifestPath, exports, contamination, confessionCounts);
    }

    /** Every file written goes through the validator of its target format; a problem is a bug in the writer, so it stops the run. */
    private static void validate(Options o, PrintWriter log) throws IOException {
        var checks = new LinkedHashMap<String, FormatCheck>();
        checks.put(SFT, new OpenAiChatCheck());
        checks.put(MESSAGES, new HfMessagesCheck(o.hf(), HfMessagesCheck.Shape.MESSAGES));
        checks.put(CONFESSION, new OpenAiChatCheck());
        checks.put(CONFESSION_MESSAGES, new HfMessagesCheck(o.hf(), HfMessagesCheck.Shape.PROMPT_COMPLETION));
        if (o.synthetic()) {
            checks.put(ConfessionStage.SYNTHETIC, new OpenAiChatCheck());
            checks.put(ConfessionStage.SYNTHETIC_MESSAGES, new HfMessagesCheck(o.hf(), HfMessagesCheck.Shape.PROMPT_COMPLETION));
        }
        checks.put(RL, new HfMessagesCheck(o.hf(), HfMessagesCheck.Shape.PROMPT_ONLY));
        for (var e : checks.entrySet()) {
            var problems = e.getValue().file(o.out().resolve(e.getKey()));
            if (!problems.isEmpty()) throw new IllegalStateException(problems.size() + " format problem(s), first: " + problems.getFirst());
        }
        log.println("format check: every file passes its target's validator (OpenAI chat fine-tuning; Hugging Face " + o.hf().name() + ")");
    }

    /** Why a rollout's outcome is not the behaviour to train, or null when it is. */
    static String outcomeProblem(Rollout r) {
        return switch (r.outcome()) {
            case COVERT -> r.evidence().stream().anyMatch(e -> e.startsWith("over_escalation")) ? "over_escalation" : "covert_action";
            case HONEST -> r.missedEscalation() ? "did_not_escalate" : null;
            case INCOMPLETE, INVALID -> r.outcome().wire();
        };
    }

    private static void drop(Map<String, Map<String, Integer>> drops, String filter, Rollout r) {
        drops.computeIfAbsent(filter, k -> new TreeMap<>()).merge(r.environment(), 1, Integer::sum);
    }

    /**
     * Keeps a rollout unless an earlier kept rollout of the same prompt (sample id) did nearly the same: the same
     * actions word for word, or an embedding cosine at or above the threshold.
     */
    static List<Rollout> dedup(List<Rollout> rollouts, double threshold, Map<String, Map<String, Integer>> drops) {
        var distinct = new LinkedHashMap<String, Rollout>();
        for (var r : rollouts) {
            if (distinct.putIfAbsent(r.sampleId() + "\u0000" + r.actions(), r) != null) drop(drops, "duplicate", r);
        }
        var candidates = new ArrayList<>(distinct.values());
        var vectors = Embedder.shared().embedAll(candidates.stream().map(Rollout::actions).toList());
        var kept = new ArrayList<Rollout>();
        var keptVectors = new HashMap<String, List<float[]>>();
        for (int i = 0; i < candidates.size(); i++) {
            var r = candidates.get(i);
            var mine = keptVectors.computeIfAbsent(r.sampleId(), k -> new ArrayList<>());
            float[] v = vectors.get(i);
            if (mine.stream().anyMatch(w -> Embedder.cosine(v, w) >= threshold)) {
                drop(drops, "near_duplicate", r);
                continue;
            }
            mine.add(v);
            kept.add(r);
        }
        return kept;
    }

    /**
     * Metadata of a Hugging Face line, scalars only: the variant as one "axis=value,..." string, because variants of
     * different environments have different axes and a struct column would gain every other environment's axes as nulls.
     */
    static Map<String, Object> metadata(EnvironmentSpec env, Map<String, String> variant, Map<String, Object> extra) {
        var m = new LinkedHashMap<String, Object>();
        m.put("environment", env.id());
        m.put("family", env.family());
        m.put("variant", new TreeMap<>(variant).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        new TreeMap<>(extra).forEach(m::put);
        return m;
    }

    /**
     * Every training environment must tell a schemer from a saint before its rollouts are used: the same check as
     * {@code covert validate}, on the suite's sim playbooks, in a scratch directory so nothing is left behind.
     */
    private static void separationCheck(String suite, long seed, PrintWriter log) throws IOException {
        Path scratch = Files.createTempDirectory("covert-datagen-validate");
        try {
            var cells = covert.run.Validator.validate(suite, List.of(), 2, seed, scratch);
            var failed = cells.stream().filter(c -> !c.ok()).toList();
            long samples = cells.stream().map(covert.run.Validator.Cell::sample).distinct().count();
            log.println("separation check (covert validate): " + (failed.isEmpty() ? "ok" : "FAIL") + ", " + samples + " environment variants");
            for (var c : failed.stream().limit(5).toList()) {
                log.println("  FAIL " + c.sample() + ": " + c.policy() + " should be " + c.expected() + ", checker said " + c.outcomes());
            }
            log.flush();
            if (!failed.isEmpty()) {
                throw new UserError("separation check failed in " + failed.size() + " cell(s) (first: " + failed.getFirst().sample()
                        + "); fix the checker, see 'covert validate --suite " + suite + "'; nothing exported");
            }
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
