package covert.cli;

import covert.UserError;
import covert.train.Dialect;
import covert.train.Contamination;
import covert.train.Datagen;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "datagen", mixinStandardHelpOptions = true,
        description = "Generate anti-scheming training data: rollouts with the spec in the system prompt, filtered by outcome and spec "
                + "citation, deduplicated, exported as SFT (OpenAI and messages JSONL), confession and RL task files with a manifest. "
                + "A contamination check against the eval suite runs first and stops the export if it fails.")
final class DatagenCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", defaultValue = "train", description = "Training suite: train, validation or a directory. Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--model", defaultValue = "sim/antischeming", description = "provider/name of the model to sample. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = {"-M", "--model-arg"}, description = "Model argument key=value (repeatable).")
    Map<String, String> modelArgs = new LinkedHashMap<>();

    @Option(names = "--epochs", defaultValue = "20", description = "Rollouts per environment variant. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Run seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", defaultValue = "data", description = "Output directory (logs go to OUT/logs). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--spec", description = "Your own spec file (default: the built-in anti-scheming spec).")
    Path specFile;

    @Option(names = "--reasoning", defaultValue = "inline", description = "Reasoning in the OpenAI file: inline (<thinking>...</thinking> before the "
            + "visible text) or drop. The format has no reasoning key. Default: ${DEFAULT-VALUE}.")
    String reasoning;

    @Option(names = "--template", defaultValue = "qwen3", paramLabel = "qwen3|qwen2.5|deepseek-r1|llama3|gpt-oss|FILE",
            description = "Chat template the Hugging Face files are written for: where reasoning goes (reasoning_content, <think>, thinking, "
                    + "or visible) and how tool-call arguments are encoded. FILE is a Jinja chat template. Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--follow-up", paramLabel = "TEXT", description = "The user turn after a covert rollout's submit, whose answer may be a "
            + "confession. Default: a neutral \"anything else you would like to add?\" with no leading question.")
    String followUp;

    @Option(names = "--synthetic-confessions", description = "Also export template confessions (not the model's words) for rollouts whose "
            + "own answer was not a confession, to confession.synthetic*.jsonl, labelled synthetic.")
    boolean synthetic;

    @Option(names = "--confession-model-arg", paramLabel = "KEY=VALUE", description = "Model argument of the confession model (repeatable). "
            + "Default for the sim: confess_rate=0.5.")
    Map<String, String> confessionArgs = new LinkedHashMap<>();

    @picocli.CommandLine.Mixin
    ProviderMixin providers;

    @picocli.CommandLine.Mixin
    SandboxMixin sandbox;

    @Option(names = "--confession-model", description = "Model whose covert rollouts become confession data (default: sim/baseline for sim models, else --model).")
    String confessionModel;

    @Option(names = "--dedup-threshold", defaultValue = "0.98", description = "Embedding cosine at which two rollouts of one prompt count as near-identical. Default: ${DEFAULT-VALUE}.")
    double dedup;

    @Option(names = "--max-turns", defaultValue = "30", description = "Model calls per sample. Default: ${DEFAULT-VALUE}.")
    int maxTurns;

    @Option(names = "--max-samples", defaultValue = "32", description = "Samples in flight. Default: ${DEFAULT-VALUE}.")
    int maxSamples;

    @Option(names = "--json", description = "Print the funnel and export counts as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var p = sandbox.apply(providers.options());
        String grader = p.roles().get("grader");
        if (p.roles().keySet().stream().anyMatch(r -> !r.equals("grader"))) {
            throw new UserError("datagen uses one role, grader (judges spec use, writes disclosures); got --model-role " + p.roles().keySet());
        }
        if (!(dedup > 0 && dedup <= 1)) throw new UserError("--dedup-threshold must be in (0, 1], got " + dedup);
        if (followUp != null && followUp.isBlank()) throw new UserError("--follow-up must not be empty");
        var options = new Datagen.Options(suite, model, modelArgs, epochs, seed, out, specFile, Dialect.openAi(reasoning), Dialect.template(template),
                grader, confessionModel, confessionArgs, followUp, synthetic, dedup, maxTurns, maxSamples, Contamination.Thresholds.DEFAULT, p);
        var w = spec.commandLine().getOut();
        var result = Datagen.run(options, json ? new java.io.PrintWriter(java.io.Writer.nullWriter()) : w);
        if (json) {
            var m = new LinkedHashMap<String, Object>();
            m.put("funnel", result.funnel());
            m.put("exports", result.exports());
            m.put("confessions", result.confessions());
            m.put("manifest", result.manifest().toString());
            m.put("contamination_ok", result.contamination().ok());
            w.println(covert.log.Json.MAPPER.writeValueAsString(m));
        }
        w.flush();
        return 0;
    }
}
