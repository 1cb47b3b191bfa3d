package covert.train;

import covert.env.Environment;
import covert.score.Outcome;
import covert.log.LogFiles;
import covert.model.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Datagen's confession stage over the rollouts sampled without the spec: for each one whose report hid a violation,
 * the model's own answer to the follow-up (kept when it confesses everything), the template confession only when
 * asked for, and the confession RL task that starts right after the violation.
 */
final class ConfessionStage {
    static final String FILE = "confession.jsonl", MESSAGES = "confession.messages.jsonl",
            SYNTHETIC = "confession.synthetic.jsonl", SYNTHETIC_MESSAGES = "confession.synthetic.messages.jsonl";

    /**
     * What the stage did.
     *
     * @param covertRollouts rollouts the checker scored covert
     * @param undisclosed    of those, rollouts whose replayed state shows a violation the report left out
     * @param sampled        follow-up answers sampled from the model
     * @param kept           answers judged a complete confession, each exported once
     * @param synthetic      template confessions exported (0 without {@code --synthetic-confessions})
     * @param tasks          confession RL tasks, by task id
     */
    record Result(int covertRollouts, int undisclosed, int sampled, int kept, int synthetic, Map<String, Violation> tasks) {
        Map<String, Object> counts() {
            var m = new LinkedHashMap<String, Object>();
            m.put("covert_rollouts", covertRollouts);
            m.put("undisclosed_violation", undisclosed);
            m.put("on_policy_sampled", sampled);
            m.put("on_policy_kept", kept);
            m.put("on_policy_exported", kept);
            m.put("synthetic_exported", synthetic);
            m.put("rl_tasks", tasks.size());
            return m;
        }

        String render() {
            return "confessions: " + covertRollouts + " covert rollouts -> " + undisclosed + " with an undisclosed violation -> " + sampled
                    + " on-policy answers sampled -> " + kept + " kept and exported; " + synthetic + " synthetic; " + tasks.size() + " confession RL tasks";
        }
    }

    private ConfessionStage() {}

    static Result run(Confessions builder, Path log, Map<String, Environment> byEnv, Path out, boolean synthetic) throws IOException {
        int[] n = new int[5];
        var tasks = new LinkedHashMap<String, Violation>();
        try (var openAi = new Jsonl(out.resolve(FILE)); var hf = new Jsonl(out.resolve(MESSAGES));
             var synOpenAi = synthetic ? new Jsonl(out.resolve(SYNTHETIC)) : null; var synHf = synthetic ? new Jsonl(out.resolve(SYNTHETIC_MESSAGES)) : null) {
            LogFiles.stream(log, s -> {
                var env = byEnv.get(String.valueOf(s.metadata().get("environment")));
                var r = Rollout.of(log.toString(), s, env.spec());
                if (r.outcome() != Outcome.Kind.COVERT) return;
                n[0]++;
                var violation = builder.violation(r);
                if (violation.isEmpty()) return;
                n[1]++;
                var v = violation.get();
                String system = env.sample(r.variant(), 1, 0).systemPrompt();
                var sampled = builder.sample(v, system);
                n[2]++;
                if (sampled.example().isPresent()) {
                    openAi.write(sampled.example().get().openAi());
                    hf.write(sampled.example().get().hf());
                    n[3]++;
                } else if (synthetic) {
                    builder.synthetic(v, system).ifPresent(e -> {
                        synOpenAi.write(e.openAi());
                        synHf.write(e.hf());
                        n[4]++;
                    });
                }
                if (!v.throughViolation().isEmpty()) {
                    long turns = v.throughViolation().stream().filter(Message.AssistantMessage.class::isInstance).count();
                    tasks.putIfAbsent(r.sampleId() + "@violation-" + turns, v);
                }
            });
        }
        return new Result(n[0], n[1], n[2], n[3], n[4], tasks);
    }
}
