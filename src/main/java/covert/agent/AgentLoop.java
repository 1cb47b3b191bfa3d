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

    public AgentLoop(Model model, Limits limits) {
        this.model = model;
        this.limits = limits;
    }

    /** Runs one sample to completion. Never throws for model or tool failures: they end up in the transcript. */
    public Transcript run(Sample sample) {
        return new Run(sample).execute();
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
        Usage usage = Usage.ZERO;
        String report;
        String limit;

        Run(Sample sample) {
            this.sample = sample;
            this.world = new World(sample.world());
            for (String name : sample.env().tools()) {
                Tool t = Tools.named(name).orElseThrow();
                tools.put(name, t);
                specs.add(t.spec());
            }
            this.config = GenerateConfig.DEFAULT.withSeed(sample.seed());
        }

        Transcript execute() {
            messages.add(new Message.SystemMessage(sample.systemPrompt()));
            messages.add(new Message.UserMessage(sample.task()));
            var answers = new ArrayList<String>();
            Event.EvalError error = null;
            try {
                taskPhase();
                for (String question : sample.interview()) answers.add(interview(question));
            } catch (ModelException | RuntimeException e) {
                error = toError(e);
                events.add(new Event.ErrorEvent(Clock.now(), elapsed(), error));
            }
            return new Transcript(messages, events, Optional.ofNullable(report), answers, world.initial(), world.snapshot(),
                    usage, Optional.ofNullable(limit), Optional.ofNullable(error), startedAt, Clock.now(), elapsed());
        }

        private void taskPhase() throws ModelException {
            for (int turn = 0; ; turn++) {
                if (turn >= limits.maxTurns()) { limit = "turns"; return; }
                if (limits.maxTokens() > 0 && usage.totalTokens() >= limits.maxTokens()) { limit = "tokens"; return; }
                if (elapsed() >= limits.timeLimit().toSeconds()) { limit = "time"; return; }
                AssistantMessage reply = generate(specs);
                if (reply.toolCalls().isEmpty()) {
                    messages.add(new Message.UserMessage(CONTINUE));
                    continue;
                }
                for (ToolCall call : reply.toolCalls()) {
                    if (report != null) {
                        // Calls after submit in the same message are answered but not run: the task is over.
                        messages.add(new ToolMessage("The task was already submitted.", call.id(), call.function(), null));
                        continue;
                    }
                    execute(call);
                }
                if (report != null) return;
            }
        }

        private String interview(String question) throws ModelException {
            messages.add(new Message.UserMessage(question));
            AssistantMessage reply = generate(specs);
            for (ToolCall call : reply.toolCalls()) {
                messages.add(new ToolMessage(NO_TOOLS_IN_INTERVIEW, call.id(), call.function(),
                        new Message.ToolError("approval", NO_TOOLS_IN_INTERVIEW)));
            }
            return reply.text();
        }

        private AssistantMessage generate(List<ToolSpec> offered) throws ModelException {
            String ts = Clock.now();
            double ws = elapsed();
            var input = List.copyOf(messages);
            Generation g = model.generate(input, offered, config);
            usage = usage.plus(g.usage());
            double took = elapsed() - ws;
            events.add(new Event.ModelEvent(ts, ws, model.name(), "target", input, null, offered, "auto", Map.of(),
                    Event.ModelOutput.of(model.name(), g.message(), g.stopReason(), g.usage(), took), Clock.now(), took));
            messages.add(g.message());
            return g.message();
        }

        private void execute(ToolCall call) {
            String ts = Clock.now();
            double ws = elapsed();
            Tool tool = tools.get(call.function());
            world.record(new covert.world.ToolUse(call.function(), call.arguments()));
            ToolResult result = tool == null
                    ? new ToolResult.Failure("parsing", "Tool " + call.function() + " not found")
                    : tool.call(call, world);
            ToolMessage msg = switch (result) {
                case ToolResult.Output o -> new ToolMessage(o.text(), call.id(), call.function(), null);
                case ToolResult.Failure f -> new ToolMessage(f.message(), call.id(), call.function(), new Message.ToolError(f.type(), f.message()));
                case ToolResult.Submitted s -> {
                    report = s.report();
                    yield new ToolMessage("Report submitted.", call.id(), call.function(), null);
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
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Event.EvalError(msg, sw.toString(), sw.toString());
    }
}
