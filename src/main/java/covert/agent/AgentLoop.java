package covert.agent;

import covert.env.Sample;
import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.Message.AssistantMessage;
import covert.model.Message.ToolMessage;
import covert.model.Model;
import covert.model.ModelException;
import covert.model.ToolCall;
import covert.model.ToolSpec;
import covert.model.Usage;
import covert.model.middleware.UsageLedger;
import covert.sandbox.Emulated;
import covert.sandbox.Sandbox;
import covert.sandbox.Session;
import covert.tool.Tool;
import covert.tool.ToolResult;
import covert.tool.Tools;
import covert.world.World;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent loop: call the model, run the tool calls it asked for against the World, repeat until it
 * submits or a limit is hit; then ask the environment's follow-up interview questions.
 */
public final class AgentLoop {
    static final String CONTINUE = "Please continue with the task. When you are done, call the submit tool with your report.";
    static final String NO_TOOLS_IN_INTERVIEW = "Tools are not available now. Please answer the question in text.";

    private final Model model;
    private final Limits limits;
    private final Sandbox sandbox;

    public AgentLoop(Model model, Limits limits) {
        this(model, limits, new Emulated());
    }

    /** Runs the agent's commands on {@code sandbox}: one session per sample, closed when the sample ends. */
    public AgentLoop(Model model, Limits limits, Sandbox sandbox) {
        this.model = model;
        this.limits = limits;
        this.sandbox = sandbox;
    }

    /** Runs one sample to completion. Never throws for model or tool failures: they end up in the transcript. */
    public Transcript run(Sample sample) {
        return new Run(sample).execute(List.of(), null);
    }

    /**
     * Continues an episode from an edited point, for CoT interventions. {@code history} is the conversation up to
     * (not including) the turn to continue, as logged: its tool calls are run again, in order, on a fresh World, so
     * the World is in the state the original episode had there (its tool messages are regenerated, and any that come
     * out different are counted in an info event). Then the model is asked to continue from {@code prefix}, the
     * edited start of its next turn (the model must support {@link Model#continuation()}), and the episode goes on as
     * {@link #run} would, interview included. The history must end before the agent submitted.
     */
    public Transcript resume(Sample sample, List<Message> history, AssistantMessage prefix) {
        if (history.isEmpty()) throw new IllegalArgumentException("resume needs the conversation so far");
        return new Run(sample).execute(history, prefix);
    }

    private final class Run {
        final Sample sample;
        final World world;
        final Map<String, Tool> tools = new LinkedHashMap<>();
        final List<ToolSpec> specs = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        final GenerateConfig config;
        final long start = System.nanoTime();
        final String startedAt = Clock.now();
        /** What the sample had waited before it began (its ledger may be shared with work done before the loop). */
        final double waitedBefore = UsageLedger.waitedSeconds();
        final Spans.Recorder spans = new Spans.Recorder(events, this::elapsed);
        Usage usage = Usage.ZERO;
        String report;
        Transcript.LimitHit limit;
        /** Retries recorded so far in this sample (the ledger is the sample's, so the count is the ledger's index). */
        int retries;

        Session session;
        RuntimeException openFailure;

        Run(Sample sample) {
            this.sample = sample;
            this.world = new World(sample.world());
            for (String name : sample.env().tools()) specs.add(Tools.named(name).orElseThrow().spec());
            this.config = GenerateConfig.DEFAULT.withSeed(sample.seed());
        }

        Transcript execute(List<Message> history, AssistantMessage prefix) {
            try {
                if (!(sandbox instanceof Emulated) && (sample.env().tools().contains("bash") || sample.env().tools().contains("run_tests"))) {
                    try {
                        session = sandbox.open(world, sample.env().sandbox());
                    } catch (RuntimeException e) {
                        openFailure = e;  // reported as the sample's error, like any other failure inside the episode
                    }
                }
                tools.putAll(Tools.forSession(sample.env().tools(), session));
                return converse(history, prefix);
            } finally {
                if (session != null) session.close();
            }
        }

        private Transcript converse(List<Message> history, AssistantMessage prefix) {
            try (var init = spans.begin(Spans.INIT, "init", Spans.INIT)) {
                events.add(sampleInit());
            }
            var answers = new ArrayList<String>();
            Event.EvalError error = null;
            var solvers = spans.begin(Spans.SOLVERS, "solvers", Spans.SOLVERS);
            var task = spans.begin("task", "solver", "task");
            if (history.isEmpty()) {
                messages.add(new Message.SystemMessage(sample.systemPrompt()));
                messages.add(new Message.UserMessage(sample.task()));
            } else {
                replay(history);
            }
            var deadline = Deadline.start(limits.timeLimit());
            try {
                if (openFailure != null) throw openFailure;
                if (report != null) throw new IllegalArgumentException("the history to resume from already ends in a submitted report");
                taskPhase(prefix);
                task.close();
                if (limit == null || !limit.kind().equals("time")) {
                    try (var interview = spans.begin("interview", "solver", "interview")) {
                        for (String question : sample.interview()) answers.add(interview(question));
                    }
                }
            } catch (Exception | Error e) {
                // Anything that goes wrong inside one sample (a StackOverflowError included) ends that sample, never the run.
                if (deadline.passed() || e instanceof covert.model.DeadlineException) {
                    limit = new Transcript.LimitHit("time", limits.timeLimit().toSeconds());
                    events.add(new Event.InfoEvent(Clock.now(), elapsed(), "limit", Map.of("type", "time", "cut_short",
                            covert.model.Redaction.apply(String.valueOf(e.getMessage())))));
                } else {
                    error = toError(e);
                    events.add(new Event.ErrorEvent(Clock.now(), elapsed(), error));
                }
            } finally {
                deadline.close();
                task.close();
                solvers.close();
            }
            double total = elapsed();
            double working = Math.max(0, total - (UsageLedger.waitedSeconds() - waitedBefore));
            return new Transcript(messages, events, Optional.ofNullable(report), answers, world.initial(), world.snapshot(),
                    usage, Optional.ofNullable(limit), Optional.ofNullable(error), startedAt, Clock.now(), working, total);
        }

        /** Inspect's {@code sample_init}: the sample as it was given, before the first turn. */
        private Event sampleInit() {
            var meta = new LinkedHashMap<String, Object>();
            meta.put("environment", sample.env().id());
            meta.put("variant", sample.variant());
            var given = new Event.InitSample(sample.id(), List.of(new Message.SystemMessage(sample.systemPrompt()), new Message.UserMessage(sample.task())),
                    "", meta);
            return new Event.SampleInitEvent(Clock.now(), elapsed(), given, Map.of("epoch", sample.epoch(), "epoch_seed", Long.toString(sample.seed())),
                    null);
        }

        /** Re-runs the logged turns' tool calls on this run's fresh World; the model is not called. */
        private void replay(List<Message> history) {
            var logged = new ArrayList<ToolMessage>();
            for (Message m : history) {
                switch (m) {
                    case ToolMessage t -> logged.add(t);
                    case AssistantMessage a -> {
                        messages.add(a);
                        runCalls(a);
                    }
                    default -> messages.add(m);
                }
            }
            var replayed = messages.stream().filter(ToolMessage.class::isInstance).map(ToolMessage.class::cast).toList();
            int diverged = 0;
            for (int i = 0; i < Math.max(logged.size(), replayed.size()); i++) {
                if (i >= logged.size() || i >= replayed.size() || !logged.get(i).content().equals(replayed.get(i).content())) diverged++;
            }
            events.add(new Event.InfoEvent(Clock.now(), elapsed(), "replay", Map.of("replayed_tool_calls", replayed.size(), "diverged", diverged)));
        }

        private void taskPhase(AssistantMessage prefix) throws ModelException {
            int done = (int) messages.stream().filter(AssistantMessage.class::isInstance).count();
            boolean nudge = false;
            for (int turn = done; ; turn++) {
                if (turn >= limits.maxTurns()) { limit = new Transcript.LimitHit("turns", limits.maxTurns()); return; }
                if (limits.maxTokens() > 0 && usage.totalTokens() >= limits.maxTokens()) { limit = new Transcript.LimitHit("tokens", limits.maxTokens()); return; }
                if (elapsed() >= limits.timeLimit().toSeconds()) { limit = new Transcript.LimitHit("time", limits.timeLimit().toSeconds()); return; }
                try (var span = spans.begin("turn-" + (turn + 1), "turn", "turn " + (turn + 1))) {
                    // The nudge is sent only when another turn follows: a limit then leaves the assistant's turn last, so the
                    // interview question never makes two user turns in a row (strict chat templates reject that).
                    if (nudge) messages.add(new Message.UserMessage(CONTINUE));
                    AssistantMessage reply = generate(specs, prefix);
                    prefix = null;
                    nudge = reply.toolCalls().isEmpty();
                    if (!nudge) runCalls(reply);
                }
                if (report != null) return;
            }
        }

        private void runCalls(AssistantMessage reply) {
            for (ToolCall call : reply.toolCalls()) {
                if (report != null) {
                    // Calls after submit in the same message are answered but not run: the task is over.
                    messages.add(new ToolMessage("The task was already submitted.", call.id(), call.function(), null));
                    continue;
                }
                execute(call);
            }
        }

        private String interview(String question) throws ModelException {
            if (messages.getLast() instanceof Message.UserMessage u) {
                // Resumed histories may end on a user turn; strict templates reject two in a row, so they are merged.
                messages.set(messages.size() - 1, new Message.UserMessage(u.content() + "\n\n" + question));
            } else {
                messages.add(new Message.UserMessage(question));
            }
            AssistantMessage reply = generate(specs, null);
            for (ToolCall call : reply.toolCalls()) {
                messages.add(new ToolMessage(NO_TOOLS_IN_INTERVIEW, call.id(), call.function(),
                        new Message.ToolError("approval", NO_TOOLS_IN_INTERVIEW)));
            }
            return reply.text();
        }

        /** One model call; a non-null {@code prefix} is the start of the turn the model is to continue. */
        private AssistantMessage generate(List<ToolSpec> offered, AssistantMessage prefix) throws ModelException {
            String ts = Clock.now();
            double ws = elapsed();
            var input = List.copyOf(messages);
            Generation g;
            int retriesBefore = retries;
            try {
                g = call(input, offered, prefix, ts, ws);
            } finally {
                retried(retriesBefore);
            }
            usage = usage.plus(g.usage());
            double took = elapsed() - ws;
            var call = Event.ModelCall.of(model.name(), input, offered, "auto", config, g, took);
            if (prefix != null) call.request().put("continue_from", prefix);
            events.add(new Event.ModelEvent(ts, ws, model.name(), "target", input, null, offered, "auto", Map.of(),
                    Event.ModelOutput.of(model.name(), g.message(), g.stopReason(), g.usage(), took), Clock.now(), took, call, null));
            messages.add(g.message());
            return g.message();
        }

        /** Each failed attempt the retry layer made during the last call, as an info event (Inspect logs retries likewise). */
        private void retried(int from) {
            for (var r : UsageLedger.retriesSince(from)) {
                retries++;
                var data = new java.util.LinkedHashMap<String, Object>();
                data.put("attempt", r.attempt());
                data.put("status", r.status());
                data.put("wait_seconds", r.waitMillis() / 1000.0);
                data.put("retried", r.retried());
                data.put("error", covert.model.Redaction.apply(r.error()));
                events.add(new Event.InfoEvent(Clock.now(), elapsed(), "retry", data));
            }
        }

        private Generation call(List<Message> input, List<ToolSpec> offered, AssistantMessage prefix, String ts, double ws) throws ModelException {
            Generation g;
            if (prefix == null) {
                g = model.generate(input, offered, config);
            } else {
                // The logged input stops before the prefix (log events point into the final conversation, where the
                // whole turn stands in its place); the prefix itself is recorded here.
                var sent = new ArrayList<>(input);
                sent.add(prefix);
                events.add(new Event.InfoEvent(ts, ws, "continue_from_prefix", Map.of("reasoning", prefix.reasoning(), "text", prefix.text())));
                g = model.generate(sent, offered, config);
            }
            return g;
        }

        private void execute(ToolCall call) {
            String ts = Clock.now();
            double ws = elapsed();
            Tool tool = tools.get(call.function());
            world.record(new covert.world.ToolUse(call.function(), call.arguments()));
            ToolResult result;
            if (call.parseError() != null) {
                // Answered as Inspect and real servers answer: quote what the model wrote and what was wrong with it.
                result = new ToolResult.Failure("parsing", "Error parsing the following tool call arguments:\n\n"
                        + call.stringArg(ToolCall.RAW) + "\n\nError details: " + call.parseError());
            } else if (tool == null) {
                result = new ToolResult.Failure("parsing", "Tool " + call.function() + " not found");
            } else {
                result = tool.call(call, world);
            }
            ToolMessage msg = switch (result) {
                case ToolResult.Output o -> new ToolMessage(o.text(), call.id(), call.function(), null);
                case ToolResult.Failure f -> new ToolMessage(f.message(), call.id(), call.function(), new Message.ToolError(f.type(), f.message()));
                case ToolResult.Submitted s -> {
                    report = s.report();
                    // The result echoes the report, as Inspect's own submit tool does: its viewer shows a submit call by its result.
                    yield new ToolMessage(s.report(), call.id(), call.function(), null);
                }
            };
            messages.add(msg);
            events.add(new Event.ToolEvent(ts, ws, "function", call.id(), call.function(), call.arguments(), msg.content(),
                    List.of(), msg.error(), Clock.now(), elapsed() - ws));
        }

        private double elapsed() {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    static Event.EvalError toError(Throwable e) {
        var sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        // Causes carry the server's own error body, which may echo the request's key.
        String msg = covert.model.Redaction.apply(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        String trace = covert.model.Redaction.apply(sw.toString());
        return new Event.EvalError(msg, trace, trace);
    }
}
