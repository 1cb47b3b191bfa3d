package covert.cli;

import covert.UserError;
import covert.report.Summary;
import covert.report.TextReport;
import covert.run.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a suite of covert-action environments against a model and write an Inspect eval log.")
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", defaultValue = "covert", description = "Built-in suite name or a directory of YAML specs. Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--model", description = "provider/name, e.g. sim/baseline or sim/antischeming. Repeatable: each model is run on the same samples, one log each.")
    List<String> models = new ArrayList<>();

    @Option(names = {"-M", "--model-arg"}, description = "Model argument key=value (repeatable), e.g. -M covert_rate=0.2 for sim models.")
    Map<String, String> modelArgs = new LinkedHashMap<>();

    @Option(names = "--epochs", defaultValue = "1", description = "Repeats of every sample, each with its own seed. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--limit", defaultValue = "0", description = "Run only the first N samples (environment × variant); 0 = all.")
    int limit;

    @Option(names = "--env", split = ",", description = "Only these environment ids (repeatable or comma-separated).")
    List<String> envs = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only shard i of n: a deterministic 1/n of the (sample, epoch) pairs, "
            + "for n machines sharing one run; join the shard logs with covert merge.")
    String shard;

    @Option(names = "--resume", description = "Finish a killed run from its journal (or the log path it announced).")
    Path resume;

    @Mixin
    RunOptions options;

    @Mixin
    ProviderMixin providers;

    @picocli.CommandLine.Mixin
    SandboxMixin sandbox;

    @Option(names = "--series", paramLabel = "FILE", description = "A YAML list of checkpoints to run on the same samples: {model, checkpoint, step, phase, model_args}.")
    Path series;

    @Option(names = "--checkpoint", paramLabel = "NAME", description = "Record the model as this training checkpoint (in the log's metadata), for covert trend.")
    String checkpoint;

    @Option(names = "--step", paramLabel = "N", description = "The checkpoint's training step (with --checkpoint).")
    Long step;

    @Option(names = "--phase", paramLabel = "P", description = "The checkpoint's training phase, e.g. sft, rl, capabilities (with --checkpoint).")
    String phase;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Runner.Result result;
        if (resume != null) {
            if (shard != null) throw new UserError("--resume continues the shard its log records; drop --shard");
            if (!models.isEmpty() || series != null) throw new UserError("--resume takes its model and settings from the journal; drop --model/--series");
            result = Runner.resume(resume, options.progress(resume.getFileName().toString(), err));
        } else {
            var runs = planned();
            if (runs.size() > 1) return runSeries(runs);
            result = Runner.start(runs.get(0), options.logDir, options.progress(runs.get(0).model(), err));
        }
        out.print(TextReport.render(Summary.of(result.log().toString(), result.evalLog())));
        out.println("Log: " + result.log());
        if (result.notStarted() > 0) {
            out.println("Stopped at --max-cost: " + result.notStarted() + " sample(s) were not started.");
        }
        return 0;
    }

    /** One config per model: the --model list or the series file, all with the same samples. */
    private List<covert.run.RunConfig> planned() {
        if (models.isEmpty() == (series == null)) {
            throw new UserError(series == null ? "--model is required, e.g. --model sim/baseline" : "give either --model or --series, not both");
        }
        if (checkpoint == null && (step != null || phase != null)) throw new UserError("--step and --phase need --checkpoint NAME");
        if (checkpoint != null && (series != null || models.size() > 1)) {
            throw new UserError("--checkpoint labels one model; give each model its checkpoint in a --series file");
        }
        String s = Files.isDirectory(Path.of(suite)) ? Path.of(suite).toAbsolutePath().toString() : suite;
        var base = options.config(s, series == null ? models.get(0) : "series", modelArgs, epochs, limit, envs)
                .withCheckpoint(checkpoint == null ? null : new covert.model.Checkpoint(checkpoint, step, phase))
                .withProviders(sandbox.apply(providers.options()))
                .withShard(shard == null ? null : covert.run.Shard.parse(shard));
        return (series == null ? covert.run.Series.ofModels(models) : covert.run.Series.load(series)).configs(base);
    }

    /** Runs each model in turn and prints one line per log; the logs together are what covert trend reads. */
    private int runSeries(List<covert.run.RunConfig> runs) throws java.io.IOException {
        var out = spec.commandLine().getOut();
        var logs = new ArrayList<String>();
        var lines = new ArrayList<String>();
        for (var cfg : runs) {
            var r = Runner.start(cfg, options.logDir, options.progress(cfg.model(), spec.commandLine().getErr()));
            var o = Summary.of(r.log().toString(), r.evalLog()).overall();
            var cp = covert.model.Checkpoint.fromMetadata(r.evalLog().eval().metadata());
            lines.add(String.format(java.util.Locale.ROOT, "%-32s %-14s %s  %s", cfg.model(), cp.map(c -> c.name() + (c.step() == null ? "" : " @" + c.step())).orElse("-"),
                    o.rate() == null ? "undefined" : String.format(java.util.Locale.ROOT, "%5.1f%% [%.1f%%, %.1f%%]", 100 * o.rate(), 100 * o.lower(), 100 * o.upper()),
                    r.log()));
            logs.add(r.log().toString());
        }
        out.println(runs.size() + " runs on the same samples (seed " + runs.get(0).seed() + "); overall covert rate per model:");
        lines.forEach(out::println);
        out.println("Trend: covert trend " + String.join(" ", logs));
        return 0;
    }
}
