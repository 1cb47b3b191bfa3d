package covert.testing;

import covert.UserError;
import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.Model;
import covert.model.ModelContext;
import covert.model.ModelException;
import covert.model.ModelProvider;
import covert.model.ToolSpec;
import java.util.List;

/**
 * {@code test/crash}: a model whose every call fails, to check that crashes are logged as invalid, never honest.
 * {@code test/visible-sim}: sim/baseline declaring only visible prefill, like a provider whose reasoning is signed.
 * {@code test/judge-aware}: a grader that answers AWARE to every question, to show when stage 3 is consulted.
 */
public final class TestProvider implements ModelProvider {
    @Override
    public String prefix() {
        return "test";
    }

    @Override
    public Model create(String name, ModelContext context) {
        if (name.equals("visible-sim")) return visiblePrefill(covert.model.Models.create("sim/baseline", context));
        if (name.equals("judge-aware")) return judgeAware();
        if (!name.equals("crash")) throw new UserError("unknown test model " + name);
        return new Model() {
            @Override
            public String name() {
                return "test/crash";
            }

            @Override
            public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
                throw new ModelException("provider returned HTTP 500");
            }
        };
    }

    private static Model visiblePrefill(Model inner) {
        return new Model() {
            @Override
            public String name() {
                return "test/visible-sim";
            }

            @Override
            public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
                return inner.generate(messages, tools, config);
            }

            @Override
            public Continuation continuation() {
                return Continuation.VISIBLE_PREFILL;
            }

            @Override
            public boolean simulated() {
                return true;
            }
        };
    }

    private static Model judgeAware() {
        return new Model() {
            @Override
            public String name() {
                return "test/judge-aware";
            }

            @Override
            public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) {
                var m = new Message.AssistantMessage(List.of(new covert.model.Content.Text("AWARE")), List.of(), name(), java.util.Map.of());
                return new Generation(m, new covert.model.Usage(50, 1), covert.model.StopReason.STOP);
            }
        };
    }
}
