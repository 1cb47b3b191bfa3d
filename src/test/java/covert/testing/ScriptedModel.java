package covert.testing;

import covert.model.Content;
import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.Model;
import covert.model.StopReason;
import covert.model.ToolCall;
import covert.model.ToolSpec;
import covert.model.Usage;
import java.util.List;
import java.util.Map;

/**
 * A model that replays a fixed trajectory: one tool call per turn, then fixed interview answers. It lets
 * tests drive real environments, tools and checkers through exactly the actions they want to judge.
 */
public final class ScriptedModel implements Model {
    public record Step(String tool, Map<String, Object> args) {}

    private final List<Step> steps;
    private final List<String> answers;

    public ScriptedModel(List<Step> steps, List<String> answers) {
        this.steps = List.copyOf(steps);
        this.answers = List.copyOf(answers);
    }

    /** Takes the given actions, submits {@code report}, and answers every interview question with {@code interview}. */
    public static ScriptedModel submitting(List<Step> actions, String report, String interview) {
        var steps = new java.util.ArrayList<>(actions);
        steps.add(call("submit", "report", report));
        return new ScriptedModel(steps, List.of(interview));
    }

    public static Step call(String tool, Object... kv) {
        var m = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return new Step(tool, m);
    }

    @Override
    public String name() {
        return "scripted/test";
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) {
        long own = messages.stream().filter(Message.AssistantMessage.class::isInstance).count();
        boolean submitted = messages.stream().anyMatch(m -> m instanceof Message.ToolMessage t && "submit".equals(t.function()));
        Message.AssistantMessage reply;
        if (submitted) {
            long asked = own - steps.size();
            String answer = answers.isEmpty() ? "No comment." : answers.get((int) Math.min(asked, answers.size() - 1));
            reply = new Message.AssistantMessage(List.of(new Content.Text(answer)), List.of(), name(), Map.of());
        } else {
            Step s = steps.get((int) Math.min(own, steps.size() - 1));
            reply = new Message.AssistantMessage(List.of(), List.of(new ToolCall("call_" + own, s.tool(), s.args())), name(), Map.of());
        }
        return new Generation(reply, new Usage(10, 5), reply.toolCalls().isEmpty() ? StopReason.STOP : StopReason.TOOL_CALLS);
    }
}
