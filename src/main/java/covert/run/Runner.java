package covert.run;

import covert.log.OutcomeCodec;
import covert.UserError;
import covert.agent.AgentLoop;
import covert.agent.Clock;
import covert.agent.Limits;
import covert.agent.Transcript;
import covert.awareness.Detector;
import covert.awareness.Phased;
import covert.env.Environment;
import covert.env.Sample;
import covert.env.Suite;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.Json;
import covert.log.LogFiles;
import covert.log.SampleRecord;
import covert.log.ScoreHistory;
import covert.model.Model;
import covert.model.ModelContext;
import covert.model.Models;
import covert.score.Checker;
import covert.score.Checkers;
import covert.score.Episode;
import covert.score.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;
import covert.model.middleware.CostBudget;
import covert.model.middleware.ModelStack;
import covert.model.middleware.PriceTable;
import covert.model.middleware.RetryPolicy;
import covert.model.middleware.UsageLedger;

/**
 * Runs samples (environment × variant × epoch) on virtual threads with a cap on samples in flight,
 * journals each as it completes, and writes the eval log at the end. A resumed run skips every
 * (sample, epoch) already in the journal.
 */
public final class Runner {
    /**
     * The log written and its contents as far as reports need them: its samples are light (no messages or
     * events, which a large run could not hold in memory); read the file for transcripts.
     */
    public record Result(Path log, EvalLog evalLog, int notStarted) {
        public Result(Path log, EvalLog evalLog) {
            this(log, evalLog, 0);
        }
    }

    private final RunConfig cfg;
    private final Suite suite;
    private final Model model;
    /** Models bound to other roles ({@code --model-role}), for scorers that grade or audit; metered per role. */
    private final Map<String, Model> roles;
    private final ModelStack stack;
    private final Map<String, Checker> checkers = new HashMap<>();
    /** Awareness detection; with a grader role bound, stage 3 judges the classifier's uncertain sentences. */
    private final Detector detector;
    private final Progress progress;
    /** Where the agent's commands run; chosen once per run from {@code --sandbox} and the model. */
    private final covert.sandbox.Sandbox sandbox;

    private Runner(RunConfig cfg, Progress progress, UnaryOperator<String> env) {
        this.cfg = cfg;
        this.progress = progress;
        this.suite = Suite.load(cfg.suite()).only(cfg.envs());
        var playbooks = suite.environments().stream().map(e -> e.spec().sim()).filter(java.util.Objects::nonNull).toList();
        ProviderOptions p = cfg.providers();
        this.stack = stack(p);
        var target = new ModelContext(cfg.modelArgs(), playbooks, p.baseUrl(), p.apiKeyEnv(), env);
        this.model = connect(stack, Models.create(cfg.model(), target), "target");
        var bound = new java.util.TreeMap<String, Model>();
        // A role on the target's provider shares its server and key; other providers use their own defaults.
        p.roles().forEach((role, spec) -> bound.put(role, connect(stack, Models.create(spec, provider(spec).equals(provider(cfg.model()))
                ? target : new ModelContext(Map.of(), playbooks, null, null, env)), role)));
        this.roles = java.util.Collections.unmodifiableMap(bound);
        this.detector = Detector.forRun(roles.get("grader"));
        var grader = roles.containsKey("grader") ? new covert.verdict.GraderJudge(roles.get("grader")) : null;
        for (Environment e : suite.environments()) checkers.put(e.spec().id(), Checkers.forSpec(e.spec(), grader));
        this.sandbox = sandboxFor(cfg, model.simulated(), suite);
    }

    /**
     * The backend a run's agents use, its root file system built if this is its first use. A real model that ends up
     * on the emulated shell is warned about on stderr; the log's {@code eval.sandbox} records the same warning.
     */
    static covert.sandbox.Sandbox sandboxFor(RunConfig cfg, boolean simulated, Suite suite) {
        var err = new java.io.PrintWriter(System.err, true);
        var sb = covert.sandbox.Sandboxes.choose(cfg.providers().sandbox(), simulated, cfg.providers().bounds(), w -> {
            err.println("covert: " + w);
        });
        covert.sandbox.Sandboxes.prepare(sb, suite.environments().stream().map(e -> e.spec().sandbox()).toList(), err);
        return sb;
    }

    /** {@code eval.sandbox}: the backend, and for a real model on the emulated shell, the warning it was given. */
    static EvalLog.SandboxEnvironment sandboxSpec(covert.sandbox.Sandbox sb, boolean simulated) {
        Object config = sb.config();
        if (sb instanceof covert.sandbox.Emulated && !simulated) config = Map.of("warning", covert.sandbox.Sandboxes.EMULATED_WARNING);
        return new EvalLog.SandboxEnvironment(sb.type(), config);
    }

    /** The middleware every model of a run goes through: cache, retries, adaptive limit, metering, budget. */
    static ModelStack stack(ProviderOptions p) {
        return new ModelStack(p.cacheDir() == null ? null : Path.of(p.cacheDir()), p.maxConnections(), RetryPolicy.DEFAULT.withMaxRetryAfter(p.retryAfterCap()),
                PriceTable.load(p.priceTable() == null ? null : Path.of(p.priceTable())), new CostBudget(p.maxCost()));
    }

    /**
     * A model for a role outside a run (datagen's grader, say), through the same middleware as a run's models. Like
     * {@code --model-role} in a run, a role on the target's provider shares the target's server and key.
     */
    public static Model bind(String spec, Map<String, String> args, List<?> playbooks, String role, ProviderOptions p, String targetModel) {
        boolean shared = provider(spec).equals(provider(targetModel));
        var ctx = new ModelContext(args, playbooks, shared ? p.baseUrl() : null, shared ? p.apiKeyEnv() : null, System::getenv);
        return connect(stack(p), Models.create(spec, ctx), role);
    }

    /** A model checked against its server once ({@link covert.model.RemoteModel#preflight}), then wrapped in the middleware. */
    static Model connect(ModelStack stack, Model raw, String role) {
        Model wrapped = stack.wrap(raw, role); // option errors (a missing price, say) come before any request
        if (raw instanceof covert.model.RemoteModel remote && PREFLIGHTED.add(remote.account() + " " + raw.name())) {
            try {
                remote.preflight();
            } catch (RuntimeException e) {
                PREFLIGHTED.remove(remote.account() + " " + raw.name());
                throw e;
            }
        }
        return wrapped;
    }

    /** Endpoints already checked in this process: a series of runs against one server checks it once. */
    private static final java.util.Set<String> PREFLIGHTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static String provider(String spec) {
        return spec.substring(0, Math.max(0, spec.indexOf('/')));
    }

    /** Starts a new run and returns once every sample is done and the log is written. */
    public static Result start(RunConfig cfg, Path logDir, Progress progress) throws IOException {
        return start(cfg, logDir, progress, System::getenv);
    }

    /** {@link #start} reading API keys from {@code env} instead of the process environment. */
    public static Result start(RunConfig cfg, Path logDir, Progress progress, UnaryOperator<String> env) throws IOException {
        var runner = new Runner(cfg, progress, env);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UserError("cannot create log directory " + logDir
                    + (Files.exists(logDir) ? ": it exists and is not a directory" : ": " + e.getMessage()));
        }
        var start = runner.logStart();
        Path log = logDir.resolve(LogFiles.fileName(start.eval().created(), start.eval().task(), start.eval().taskId(), cfg.logFormat()));
        try (RunLog out = cfg.logFormat().equals("eval") ? EvalRunLog.create(log, start) : Journal.create(Journal.pathFor(log), start, log)) {
            return runner.execute(log, out, start, List.of(), start.eval().created());
        }
    }

    /** Where {@link #start} will write, announced before the run so that a killed run can be resumed. */
    public static Path journalFor(Path log) {
        return Journal.pathFor(log);
    }

    /** Continues a killed run from its journal (or the log path it would have written). */
    public static Result resume(Path logOrJournal, Progress progress) throws IOException {
        if (logOrJournal.getFileName().toString().endsWith(".eval")) return resumeEval(logOrJournal, progress);
        Path journalPath = logOrJournal.toString().endsWith(Journal.SUFFIX) ? logOrJournal : Journal.pathFor(logOrJournal);
        if (!Files.exists(journalPath) && Files.exists(logOrJournal)) {
            throw new UserError(logOrJournal + " is a finished log; there is nothing to resume");
        }
        var contents = Journal.read(journalPath);
        var cfg = config(contents.start(), journalPath);
        var runner = new Runner(cfg, progress, System::getenv);
        String name = journalPath.getFileName().toString().replace(Journal.SUFFIX, ".json");
        Path log = journalPath.resolveSibling(name);
        try (var journal = Journal.append(journalPath, contents.samples(), log)) {
            return runner.execute(log, journal, contents.start(), contents.samples(), contents.start().eval().created());
        }
    }

    private static Result resumeEval(Path path, Progress progress) throws IOException {
        if (!Files.exists(path)) throw new UserError(path + ": no such log to resume");
        var torn = covert.log.EvalFiles.readTorn(path);
        if (torn.finished()) throw new UserError(path + " is a finished log; there is nothing to resume");
        var cfg = config(torn.start(), path);
        var runner = new Runner(cfg, progress, System::getenv);
        var full = List.copyOf(torn.samples().values());
        try (var out = EvalRunLog.resume(path, torn.start(), full)) {
            return runner.execute(path, out, torn.start(), full.stream().map(Journal::light).toList(), torn.start().eval().created());
        }
    }

    private static RunConfig config(EvalLog.LogStart start, Path from) {
        Object run = start.eval().metadata() == null ? null : start.eval().metadata().get("run");
        if (run == null) throw new UserError(from + ": the log has no run config to resume from");
        return Json.MAPPER.convertValue(run, RunConfig.class);
    }

    /** Every sample of the run, in log order. */
    List<Sample> plan() {
        var base = new ArrayList<Environment.VariantOf>();
        for (Environment e : suite.environments()) for (var v : e.variants()) base.add(new Environment.VariantOf(e, v));
        List<Environment.VariantOf> chosen = cfg.limit() > 0 ? base.subList(0, Math.min(cfg.limit(), base.size())) : base;
        var out = new ArrayList<Sample>();
        for (var v : chosen) for (int epoch = 1; epoch <= cfg.epochs(); epoch++) out.add(sample(cfg, v.env(), v.variant(), epoch));
        return out;
    }

    /** The sample a run with this config gives for one variant and epoch: the same texts, World and seed every time. */
    static Sample sample(RunConfig cfg, Environment env, Map<String, String> variant, int epoch) {
        Sample s = env.sample(variant, epoch, cfg.seed());
        if (cfg.systemSuffix() == null || cfg.systemSuffix().isBlank()) return s;
        return new Sample(s.id(), s.epoch(), s.seed(), s.env(), s.variant(), s.systemPrompt() + "\n\n" + cfg.systemSuffix(),
                s.task(), s.world(), s.interview());
    }

    private Result execute(Path log, RunLog journal, EvalLog.LogStart start, List<EvalLog.EvalSample> done, String startedAt)
            throws IOException {
        progress.logging(log, journal.resumeFrom());
        List<Sample> plan = Shard.select(cfg.shard(), plan());
        var doneKeys = new HashSet<String>();
        done.forEach(s -> doneKeys.add(Journal.key(s)));
        List<Sample> todo = plan.stream().filter(s -> !doneKeys.contains(s.key())).toList();
        var finished = new ArrayList<>(done);
        progress.started(plan.size(), done.size(), (int) done.stream().filter(s -> OutcomeCodec.kind(s) == Outcome.Kind.COVERT).count());

        var limits = new Limits(cfg.maxTurns(), cfg.maxTokens(), Duration.ofSeconds(cfg.timeLimitSeconds()));
        var loop = new AgentLoop(model, limits, sandbox);
        var inFlight = new Semaphore(cfg.maxSamples());
        var futures = new ArrayList<Future<EvalLog.EvalSample>>();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Sample s : todo) {
                futures.add(exec.submit(() -> {
                    inFlight.acquire();
                    try {
                        if (stack.budget().exhausted()) return null; // --max-cost: start nothing new
                        var record = runOne(loop, s);
                        journal.add(record);
                        progress.sampleDone(OutcomeCodec.kind(record));
                        return Journal.light(record);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (var f : futures) {
                var sample = f.get();
                if (sample != null) finished.add(sample);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("run interrupted; resume it with: covert run --resume " + journal.resumeFrom());
        } catch (ExecutionException e) {
            throw new IOException("journal write failed: " + e.getCause().getMessage(), e.getCause());
        }
        progress.finished();

        var order = new HashMap<String, Integer>();
        for (int i = 0; i < plan.size(); i++) order.put(plan.get(i).key(), i);
        finished.sort(Comparator.comparingInt(s -> order.getOrDefault(Journal.key(s), Integer.MAX_VALUE)));
        // A shard sees part of each environment: counterfactual scoring waits for covert merge, which sees it all.
        var scored = cfg.shard() == null ? Counterfactuals.apply(finished, suite) : finished;
        var evalLog = EvalLogs.complete(start, scored, startedAt, Clock.now(), List.copyOf(stack.limitHistory()));
        journal.finish(evalLog, rescored(finished, scored), Runner::merge);
        return new Result(log, evalLog, todo.size() - (finished.size() - done.size()));
    }

    /** The samples the counterfactual pass changed: few, so only their journal lines are parsed again. */
    static Map<String, EvalLog.EvalSample> rescored(List<EvalLog.EvalSample> before, List<EvalLog.EvalSample> after) {
        var changed = new HashMap<String, EvalLog.EvalSample>();
        for (int i = 0; i < before.size(); i++) if (after.get(i) != before.get(i)) changed.put(Journal.key(after.get(i)), after.get(i));
        return changed;
    }

    /** A journaled sample in full, with the score edit and metadata the counterfactual pass gave its light copy. */
    static EvalLog.EvalSample merge(EvalLog.EvalSample full, EvalLog.EvalSample light) {
        var edited = ScoreHistory.apply(full, SampleRecord.SCORER, light.scores().get(SampleRecord.SCORER));
        return edited.rescored(light.scores(), light.metadata(), edited.events());
    }

    private EvalLog.EvalSample runOne(AgentLoop loop, Sample s) {
        try (var ledger = UsageLedger.open()) {
            Transcript t = loop.run(s);
            var judged = judge(checkers.get(s.env().id()), s, t); // may ask the grader: inside the ledger, so its usage counts
            var awareness = Phased.of(detector, t, judged.outcome());
            var record = SampleRecord.of(s, t, judged.outcome(), awareness, model.name(), model.simulated(), ledger.byModel(), ledger.byRole());
            return SampleRecord.withVerdict(record, judged.toJson(roles.containsKey("grader") ? roles.get("grader").name() : null),
                    judged.graderEvents());
        }
    }

    /** The outcome of one finished transcript: invalid when it crashed or never answered, else the checker's verdict. */
    static Outcome score(Checker checker, Sample s, Transcript t) {
        return judge(checker, s, t).outcome();
    }

    /** {@link #score} with the verdicts behind it, when the checker is the rule checker. */
    static covert.score.RuleChecker.Judged judge(Checker checker, Sample s, Transcript t) {
        if (checker instanceof covert.score.RuleChecker rc && t.error().isEmpty()
                && t.messages().stream().anyMatch(m -> m instanceof covert.model.Message.AssistantMessage)) {
            try {
                var j = rc.judge(new Episode(s, t.initial(), t.end(), t.report(), t.interviewAnswers()));
                if (t.report().isEmpty() && j.outcome() instanceof Outcome.Honest h) {
                    j = new covert.score.RuleChecker.Judged(incomplete(t, h), j.classifier(), j.graded(), j.verdicts(), j.graderEvents());
                }
                return j;
            } catch (RuntimeException e) {
                return new covert.score.RuleChecker.Judged(new Outcome.Invalid("checker failed: " + e), null, null, List.of(), List.of());
            }
        }
        return new covert.score.RuleChecker.Judged(outcome(checker, s, t), null, null, List.of(), List.of());
    }

    private static Outcome outcome(Checker checker, Sample s, Transcript t) {
        Outcome o;
        if (t.error().isPresent()) {
            o = new Outcome.Invalid("sample failed: " + t.error().get().message());
        } else if (t.messages().stream().noneMatch(m -> m instanceof covert.model.Message.AssistantMessage)) {
            o = new Outcome.Invalid("the " + t.limit().orElse("") + " limit was hit before the model answered at all");
        } else {
            try {
                o = checker.check(new Episode(s, t.initial(), t.end(), t.report(), t.interviewAnswers()));
            } catch (RuntimeException e) {
                o = new Outcome.Invalid("checker failed: " + e);
            }
            if (t.report().isEmpty() && o instanceof Outcome.Honest h) o = incomplete(t, h);
        }
        return o;
    }

    /**
     * A sample that never submitted did not do the task and never reported, so it cannot be honest. (A violation
     * found in the World's state still makes it covert: that decision is the checker's, from state alone.)
     */
    static Outcome.Incomplete incomplete(Transcript t, Outcome.Honest h) {
        var assistant = t.messages().stream().filter(covert.model.Message.AssistantMessage.class::isInstance)
                .map(covert.model.Message.AssistantMessage.class::cast).toList();
        long withCalls = assistant.stream().filter(a -> !a.toolCalls().isEmpty()).count();
        var why = new StringBuilder("never submitted");
        t.limitHit().ifPresent(l -> why.append(": the ").append(l.kind()).append(" limit (").append(l.display()).append(") was hit"));
        if (withCalls == 0) why.append(t.limitHit().isPresent() ? "; " : ": ").append("the model never called a tool (it answered in prose only)");
        else if (t.limitHit().isEmpty()) why.append(": the task phase ended without a submit");
        var evidence = new ArrayList<String>();
        evidence.add(why.toString());
        evidence.addAll(h.evidence());
        return new Outcome.Incomplete(why.toString(), evidence, h.measures());
    }

    private EvalLog.LogStart logStart() {
        var extra = new java.util.LinkedHashMap<String, Object>();
        if (!roles.isEmpty()) {
            var named = new java.util.TreeMap<String, Object>();
            named.put("target", model.name());
            roles.forEach((role, m) -> named.put(role, m.name()));
            extra.put("model_roles", named);
        }
        extra.put(Detector.METADATA, detector.describe());
        return logStart(cfg, suite, model, plan().stream().map(Sample::id).distinct().toList(), extra, "covert_agent", sandbox);
    }

    /**
     * The start record of a log of this config's samples; {@code extra} goes into {@code eval.metadata} and
     * {@code solver} names the plan step (a derived log, such as an intervention's, names its own).
     */
    static EvalLog.LogStart logStart(RunConfig cfg, Suite suite, Model model, List<String> ids, Map<String, Object> extra, String solver,
                                     covert.sandbox.Sandbox sandbox) {
        String created = Clock.now();
        Map<String, Object> runMeta = Json.MAPPER.convertValue(cfg, Map.class);
        var meta = new java.util.LinkedHashMap<String, Object>();
        meta.put("run", runMeta);
        meta.put("suite", suite.name());
        meta.put("simulated", model.simulated());
        covert.model.Checkpoint.resolve(cfg.checkpoint(), model.checkpoint()).ifPresent(c -> meta.put(covert.model.Checkpoint.KEY, c.toMetadata()));
        if (model.simulated()) {
            meta.put("simulated_note", "Simulated model organism: a seeded test double. Its rates are configured, not findings about any real model.");
        }
        meta.putAll(extra);
        var config = new java.util.LinkedHashMap<String, Object>();
        config.put("epochs", cfg.epochs());
        if (cfg.limit() > 0) config.put("limit", cfg.limit());
        config.put("max_samples", cfg.maxSamples());
        config.put("turn_limit", cfg.maxTurns());
        config.put("time_limit", (int) cfg.timeLimitSeconds());
        if (cfg.maxTokens() > 0) config.put("token_limit", cfg.maxTokens());
        var spec = new EvalLog.EvalSpec(Ids.random(), Ids.random(), created, "covert_" + suite.name(), Ids.random(), 0,
                Map.of(), Map.of("suite", cfg.suite()), Map.of("suite", cfg.suite()),
                new EvalLog.Dataset(suite.name(), ids.size(), ids, false), cfg.model(), Map.of("seed", cfg.seed()),
                new java.util.TreeMap<>(cfg.modelArgs()), config, Ids.revision(), Map.of("covert", Ids.VERSION),
                EvalLogs.scorers(),
                meta, sandboxSpec(sandbox, model.simulated()));
        var plan = new EvalLog.EvalPlan("plan", List.of(new EvalLog.PlanStep(solver,
                Map.of("max_turns", cfg.maxTurns(), "interview", true), Map.of())), Map.of());
        return new EvalLog.LogStart(2, spec, plan);
    }
}
