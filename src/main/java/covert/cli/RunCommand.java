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

    @Option(names = "--model", description = "provider/name, e.g. sim/baseline or sim/antischeming.")
    String model;

    @Option(names = {"-M", "--model-arg"}, description = "Model argument key=value (repeatable), e.g. -M covert_rate=0.2 for sim models.")
    Map<String, String> modelArgs = new LinkedHashMap<>();

    @Option(names = "--epochs", defaultValue = "1", description = "Repeats of every sample, each with its own seed. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--limit", defaultValue = "0", description = "Run only the first N samples (environment × variant); 0 = all.")
    int limit;

    @Option(names = "--env", split = ",", description = "Only these environment ids (repeatable or comma-separated).")
    List<String> envs = new ArrayList<>();

    @Option(names = "--resume", description = "Finish a killed run from its journal (or the log path it announced).")
    Path resume;

    @Mixin
    RunOptions options;

    @Mixin
    ProviderMixin providers;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Runner.Result result;
        if (resume != null) {
            if (model != null) throw new UserError("--resume takes its model and settings from the journal; drop --model");
            result = Runner.resume(resume, options.progress(resume.getFileName().toString(), err));
        } else {
            if (model == null) throw new UserError("--model is required, e.g. --model sim/baseline");
            String s = Files.isDirectory(Path.of(suite)) ? Path.of(suite).toAbsolutePath().toString() : suite;
            result = Runner.start(options.config(s, model, modelArgs, epochs, limit, envs).withProviders(providers.options()), options.logDir,
                    options.progress(model, err));
        }
        out.print(TextReport.render(Summary.of(result.log().toString(), result.evalLog())));
        out.println("Log: " + result.log());
        if (result.notStarted() > 0) {
            out.println("Stopped at --max-cost: " + result.notStarted() + " sample(s) were not started.");
        }
        return 0;
    }
}
