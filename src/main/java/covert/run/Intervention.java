package covert.run;

import covert.log.OutcomeCodec;
import covert.UserError;
import covert.agent.AgentLoop;
import covert.agent.Clock;
import covert.agent.Event;
import covert.agent.Limits;
import covert.agent.Transcript;
import covert.env.Environment;
import covert.env.Sample;
import covert.env.Suite;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.Json;
import covert.log.LogFiles;
import covert.log.SampleRecord;
import covert.model.Content;
import covert.model.Message;
import covert.model.Message.AssistantMessage;
import covert.model.Model;
import covert.model.ModelContext;
import covert.model.Models;
import covert.awareness.Detector;
import covert.awareness.Phased;
import covert.score.Checker;
import covert.score.Checkers;
import covert.score.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * A causal CoT intervention on a finished run: select samples of its log, edit one assistant turn's reasoning,
 * and resample the rest of each episode from the edited prefix. The sample is rebuilt from the suite (same
 * variant, same epoch seed), the original tool calls before the edited turn are replayed on a fresh World, the
 * model continues from the edited turn, and the checker scores the episode as in a run. The resamples go to a new
 * log whose samples point back to their originals ({@code metadata.intervention}).
 */
public final class Intervention {
    /**
     * What to select, how to edit, and what to resample with. {@code controls} runs the no-edit and random-sentence
     * controls beside the edit ({@link Controls}); {@code excludeReaware} also gives the effect without the resamples
     * that verbalize awareness again after it was removed.
     */
    public record Request(Path log, List<String> envs, Boolean aware, int limit, Edit edit, Integer turn, int resamples, String model,
                         Map<String, String> modelArgs, boolean prefillVisible, Path outDir, String sandbox, Long commandTimeout,
                         boolean controls, boolean excludeReaware) {
        public Request(Path log, List<String> envs, Boolean aware, int limit, Edit edit, Integer turn, int resamples, String model,
                       Map<String, String> modelArgs, boolean prefillVisible, Path outDir) {
            this(log, envs, aware, limit, edit, turn, resamples, model, modelArgs, prefillVisible, outDir, null, null);
        }

        public Request(Path log, List<String> envs, Boolean aware, int limit, Edit edit, Integer turn, int resamples, String model,
                       Map<String, String> modelArgs, boolean prefillVisible, Path outDir, String sandbox, Long commandTimeout) {
            this(log, envs, aware, limit, edit, turn, resamples, model, modelArgs, prefillVisible, outDir, sandbox, commandTimeout, false, false);
        }

        public Request {
            envs = envs == null ? List.of() : List.copyOf(envs);
            modelArgs = modelArgs == null ? Map.of() : Map.copyOf(modelArgs);
            if (resamples < 1) throw new UserError("--resamples must be at least 1, got " + resamples);
            if (limit < 0) throw new UserError("--limit must be positive, got " + limit);
            if (turn != null && turn < 0) throw new UserError("--turn must be >= 0, got " + turn);
            if (prefillVisible && !(edit instanceof Edit.Inject)) throw new UserError("--prefill-visible works only with --inject");
            if (prefillVisible && controls) throw new UserError("--controls edits the reasoning; it does not go with --prefill-visible");
            if (excludeReaware && edit instanceof Edit.Inject) throw new UserError("--exclude-reaware goes with an edit that removes awareness, not --inject");
        }

        /** The arms of the experiment: the edit, and with {@code controls} the no-edit and random-sentence controls. */
        public List<Controls.Condition> conditions() {
            return controls ? List.of(Controls.Condition.values()) : List.of(Controls.Condition.EDIT);
        }
    }

    /** How the edit reaches the model. */
    public enum Mode {
        REASONING_PREFIX("reasoning_prefix"), VISIBLE_PREFILL("visible_prefill");

        public final String wire;

        Mode(String wire) {
            this.wire = wire;
        }
    }

    /** One selected original with its edited turn, and the text each condition continues from ({@code after}: the edit's). */
    private record Selected(EvalLog.EvalSample original, int turn, int messageIndex, String before, String after,
                            Map<Controls.Condition, String> prefixes) {}

    /** One resample, ready for the log and the statistics. */
    record Resampled(Selected from, Controls.Condition condition, int resample, EvalLog.EvalSample record, boolean awareAfter, boolean diverged) {}

    private Intervention() {}

    public static InterventionResult run(Request req) throws IOException {
        EvalLog header = LogFiles.header(req.log());
        if (header.eval() == null || header.eval().metadata() == null || header.eval().metadata().get("run") == null) {
            throw new UserError(req.log() + ": the log has no run config (eval.metadata.run); only logs written by covert run can be resampled");
        }
        RunConfig logged = Json.MAPPER.convertValue(header.eval().metadata().get("run"), RunConfig.class);
        // Resamples run where the original did unless --sandbox says otherwise.
        RunConfig cfg = req.sandbox() == null ? logged
                : logged.withProviders(logged.providers().withSandbox(req.sandbox(), req.commandTimeout()));
        Suite suite = Suite.load(cfg.suite()).only(req.envs());
        String modelSpec = req.model() == null ? cfg.model() : req.model();
        Map<String, String> args = req.model() == null ? cfg.modelArgs() : req.modelArgs();
        var playbooks = suite.environments().stream().map(e -> e.spec().sim()).filter(Objects::nonNull).toList();
        // The original run's server, key variable, cache and retry policy: a resample talks to the same endpoint.
        var p = cfg.providers();
        Model model = Runner.connect(Runner.stack(p), Models.create(modelSpec, new ModelContext(args, playbooks, p.baseUrl(), p.apiKeyEnv(), System::getenv)), "target");
        Mode mode = mode(model, req.prefillVisible());
        // The detector the original run used: with its grader bound, stage 3 judges the same uncertain sentences.
        String graderSpec = p.roles().get("grader");
        Detector detector = Detector.forRun(graderSpec == null ? null : Runner.bind(graderSpec, Map.of(), playbooks, "grader", p, cfg.model()));

        var skipped = new LinkedHashMap<String, Integer>();
        var selected = new ArrayList<Selected>();
        var reference = new ArrayList<EvalLog.EvalSample>();
        LogFiles.stream(req.log(), s -> {
            reference.add(Journal.light(s));
            if (req.limit() > 0 && selected.size() >= req.limit()) return;
            String reason = select(s, req, suite, selected, detector);
            if (reason != null) skipped.merge(reason, 1, Integer::sum);
        });
        if (selected.isEmpty()) throw new UserError("no sample of " + req.log() + " fits the selection and the edit (skipped: " + skipped + ")");

        var checkers = new HashMap<String, Checker>();
        for (Environment e : suite.environments()) checkers.put(e.spec().id(), Checkers.forSpec(e.spec()));
        var sandbox = Runner.sandboxFor(cfg, model.simulated(), suite);
        var loop = new AgentLoop(model, new Limits(cfg.maxTurns(), cfg.maxTokens(), Duration.ofSeconds(cfg.timeLimitSeconds())), sandbox);
        var runCfg = new RunConfig(cfg.suite(), modelSpec, args, req.resamples() * req.conditions().size(), cfg.seed(), cfg.maxTurns(), cfg.maxTokens(),
                cfg.timeLimitSeconds(), 0, req.envs(), cfg.maxSamples(), cfg.systemSuffix(), "eval", cfg.providers(), cfg.checkpoint());
        var meta = new LinkedHashMap<String, Object>();
        meta.put("intervention", Map.of("source_log", req.log().toString(), "source_run_id", header.eval().runId(), "edit", req.edit().describe(),
                "mode", mode.wire, "resamples", req.resamples(), "weaker", mode == Mode.VISIBLE_PREFILL,
                "conditions", req.conditions().stream().map(c -> c.wire).toList()));
        var start = Runner.logStart(runCfg, suite, model, selected.stream().map(s -> resampleId(s.original())).distinct().toList(), meta,
                "covert_intervention", sandbox);
        try {
            Files.createDirectories(req.outDir());
        } catch (IOException e) {
            throw new UserError("cannot create output directory " + req.outDir() + ": " + e.getMessage());
        }
        Path out = req.outDir().resolve(LogFiles.fileName(start.eval().created(), start.eval().task() + "_intervention", start.eval().taskId(), "eval"));
        String startedAt = Clock.now();
        List<Resampled> results;
        try (var writer = EvalRunLog.create(out, start)) {
            results = resampleAll(selected, req, cfg, suite, model, mode, loop, checkers, header.eval().runId(), writer, detector);
            var light = results.stream().map(r -> Journal.light(r.record())).toList();
            var scored = Counterfactuals.apply(light, reference, suite);
            var changed = new HashMap<String, EvalLog.EvalSample>();
            for (int i = 0; i < light.size(); i++) if (scored.get(i) != light.get(i)) changed.put(Journal.key(scored.get(i)), scored.get(i));
            writer.finish(EvalLogs.complete(start, scored, startedAt, Clock.now()), changed, Runner::merge);
            var byKey = new HashMap<String, EvalLog.EvalSample>();
            scored.forEach(s -> byKey.put(Journal.key(s), s));
            results = results.stream().map(r -> new Resampled(r.from(), r.condition(), r.resample(), byKey.get(Journal.key(r.record())), r.awareAfter(),
                    r.diverged())).toList();
        }
        return InterventionResult.of(out, req, model, mode, selected.size(), skipped, results.stream()
                .map(r -> new InterventionResult.Pair(env(r.from().original()), OutcomeCodec.kind(r.from().original()), OutcomeCodec.kind(r.record()),
                        r.awareAfter(), r.diverged(), Journal.key(r.from().original()), r.condition()))
                .toList());
    }

    private static Mode mode(Model model, boolean prefillVisible) {
        var c = model.continuation();
        if (prefillVisible) {
            if (c == Model.Continuation.NONE) {
                throw new UserError("model " + model.name() + " cannot continue from a prefix of any kind (continuation capability: none), "
                        + "not even a prefilled visible turn");
            }
            return Mode.VISIBLE_PREFILL;
        }
        return switch (c) {
            case REASONING_PREFIX -> Mode.REASONING_PREFIX;
            case VISIBLE_PREFILL -> throw new UserError("model " + model.name() + " cannot continue from edited reasoning (its reasoning is "
                    + "signed or encrypted; capability: visible prefill only); --prefill-visible injects the text as a prefilled visible "
                    + "assistant turn instead, a weaker intervention");
            case NONE -> throw new UserError("model " + model.name() + " cannot continue from an edited reasoning prefix (continuation "
                    + "capability: none); use a model that supports it (sim/*, openai-compatible raw completions) or --prefill-visible "
                    + "where the provider supports a prefilled assistant turn");
        };
    }

    /** Adds the sample to {@code selected} when it fits; otherwise the reason it was skipped. */
    private static String select(EvalLog.EvalSample s, Request req, Suite suite, List<Selected> selected, Detector detector) {
        String env = env(s);
        if (suite.environment(env).isEmpty()) return "environment not selected";
        if (!OutcomeCodec.kind(s).rated()) return EvalLogs.outcome(s) + " original";
        var messages = s.messages() == null ? List.<Message>of() : s.messages();
        var turns = new ArrayList<AssistantMessage>();
        var index = new ArrayList<Integer>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof Message.ToolMessage t && "submit".equals(t.function()) && t.error() == null) break;
            if (messages.get(i) instanceof AssistantMessage a) {
                turns.add(a);
                index.add(i);
            }
        }
        if (req.aware() != null && turns.stream().anyMatch(a -> aware(detector, a.reasoning())) != req.aware()) {
            return req.aware() ? "not aware" : "aware";
        }
        var turn = req.turn() != null ? Optional.of(req.turn()) : req.edit().defaultTurn(turns);
        if (turn.isEmpty() || turn.get() >= turns.size()) return "no turn the edit applies to";
        AssistantMessage a = turns.get(turn.get());
        var prefixes = new EnumMap<Controls.Condition, String>(Controls.Condition.class);
        String before;
        if (req.prefillVisible()) {
            before = a.text();
            prefixes.put(Controls.Condition.EDIT, ((Edit.Inject) req.edit()).text().strip());
        } else {
            before = a.reasoning();
            var applied = req.edit().applied(before);
            if (applied.isEmpty()) return "edit does not apply at the turn";
            for (var c : req.conditions()) prefixes.put(c, Controls.prefix(c, applied.get(), before, detector).orElseThrow());
        }
        selected.add(new Selected(s, turn.get(), index.get(turn.get()), before, prefixes.get(Controls.Condition.EDIT), prefixes));
        return null;
    }

    private static List<Resampled> resampleAll(List<Selected> selected, Request req, RunConfig cfg, Suite suite, Model model, Mode mode,
                                               AgentLoop loop, Map<String, Checker> checkers, String sourceRun, EvalRunLog writer,
                                               Detector detector)
            throws IOException {
        var inFlight = new Semaphore(cfg.maxSamples());
        var futures = new ArrayList<Future<Resampled>>();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Selected sel : selected) {
                for (int r = 0; r < req.resamples(); r++) for (var condition : req.conditions()) {
                    int resample = r;
                    futures.add(exec.submit(() -> {
                        inFlight.acquire();
                        try {
                            var out = resample(sel, condition, resample, req, cfg, suite, model, mode, loop, checkers, sourceRun, detector);
                            writer.add(out.record());
                            return out;
                        } finally {
                            inFlight.release();
                        }
                    }));
                }
            }
            var out = new ArrayList<Resampled>();
            for (var f : futures) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("intervention interrupted");
        } catch (ExecutionException e) {
            throw new IOException("resampling failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Resampled resample(Selected sel, Controls.Condition condition, int r, Request req, RunConfig cfg, Suite suite, Model model, Mode mode, AgentLoop loop,
                                      Map<String, Checker> checkers, String sourceRun, Detector detector) {
        var o = sel.original();
        Environment env = suite.environment(env(o)).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, String> variant = o.metadata().get("variant") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
        Sample rebuilt = Runner.sample(cfg, env, variant, o.epoch());
        if (!Long.toString(rebuilt.seed()).equals(String.valueOf(o.metadata().get("epoch_seed"))) || !rebuilt.id().equals(o.id())) {
            throw new UserError("sample " + o.id() + " epoch " + o.epoch() + " cannot be rebuilt from suite '" + cfg.suite()
                    + "' (its id or epoch seed differs: has the suite changed since the run?)");
        }
        // Each original gets one id; its resamples (every condition's) are that id's epochs, so the header agrees with the samples.
        int epoch = r * req.conditions().size() + req.conditions().indexOf(condition) + 1;
        Sample s = new Sample(resampleId(o), epoch, rebuilt.seed(), rebuilt.env(), rebuilt.variant(), rebuilt.systemPrompt(), rebuilt.task(),
                rebuilt.world(), rebuilt.interview());
        var history = o.messages().subList(0, sel.messageIndex());
        String after = sel.prefixes().get(condition);
        List<Content> content = mode == Mode.VISIBLE_PREFILL ? List.of(new Content.Text(after)) : List.of(Content.Reasoning.of(after));
        var prefix = new AssistantMessage(content, List.of(), model.name(), Map.of("intervention", true));
        Transcript t = loop.resume(s, history, prefix);
        Outcome outcome = Runner.score(checkers.get(env.spec().id()), s, t);
        var record = SampleRecord.of(s, t, outcome, Phased.of(detector, t, outcome), model.name(), model.simulated());
        boolean diverged = t.events().stream().anyMatch(e -> e instanceof Event.InfoEvent i && "replay".equals(i.source())
                && i.data() instanceof Map<?, ?> d && !Integer.valueOf(0).equals(d.get("diverged")));
        boolean awareAfter = t.messages().subList(sel.messageIndex(), t.messages().size()).stream()
                .filter(AssistantMessage.class::isInstance).map(AssistantMessage.class::cast)
                .anyMatch(a -> aware(detector, a.reasoning()) || (mode == Mode.VISIBLE_PREFILL && aware(detector, a.text())));
        var iv = new LinkedHashMap<String, Object>();
        iv.put("original", Map.of("run_id", sourceRun, "sample_id", o.id(), "epoch", o.epoch()));
        iv.put("before", sel.before());
        iv.put("after", after);
        iv.put("edit", req.edit().describe());
        iv.put("condition", condition.wire);
        iv.put("mode", mode.wire);
        if (mode == Mode.VISIBLE_PREFILL) iv.put("note", "weaker intervention: the text was prefilled as a visible assistant turn, the reasoning was not edited");
        iv.put("turn", sel.turn());
        iv.put("resample", r + 1);
        iv.put("original_outcome", EvalLogs.outcome(o));
        iv.put("aware_after", awareAfter);
        if (diverged) iv.put("replay_diverged", true);
        var meta = new LinkedHashMap<>(record.metadata());
        meta.put("intervention", iv);
        var linked = new EvalLog.EvalSample(record.id(), record.epoch(), record.input(), record.target(), record.messages(), record.output(),
                record.scores(), meta, record.store(), record.events(), record.modelUsage(), record.roleUsage(), record.startedAt(),
                record.completedAt(), record.totalTime(), record.workingTime(),
                java.util.UUID.randomUUID().toString(),
                record.error(), record.limit(), record.attachments(), record.eventsData());
        return new Resampled(sel, condition, r, linked, awareAfter, diverged);
    }

    /**
     * The id of an original's resamples: one id per original (id, epoch), its resamples epochs 1 to N, so the log's
     * header (sample ids × epochs) names exactly the samples it holds, as Inspect's readers expect. The seed stays the
     * original's, and {@code metadata.intervention.original} names it.
     */
    static String resampleId(EvalLog.EvalSample original) {
        return original.id() + "@" + original.epoch();
    }

    static String env(EvalLog.EvalSample s) {
        return s.metadata() == null ? "" : String.valueOf(s.metadata().get("environment"));
    }

    /** The same kind of detector that scored the original samples, so "aware" means one thing before and after the edit. */
    private static boolean aware(Detector detector, String text) {
        return text != null && !text.isBlank() && detector.text(text).aware();
    }
}
