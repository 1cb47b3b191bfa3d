package covert.cli;

import covert.report.HtmlReport;
import covert.report.Summary;
import covert.report.TextReport;
import covert.run.Runner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the full built-in suite on the simulated organisms sim/baseline and sim/antischeming, then report both.")
final class DemoCommand implements Callable<Integer> {
    static final List<String> MODELS = List.of("sim/baseline", "sim/antischeming");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs per model. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        out.println("Covert demo: simulated model organisms (seeded test doubles), not real models.\n");
        var summaries = new ArrayList<Summary>();
        for (String model : MODELS) {
            var cfg = options.config("covert", model, Map.of(), epochs, 0, List.of());
            var result = Runner.start(cfg, options.logDir, options.progress(model, err));
            summaries.add(Summary.of(result.log().toString(), result.evalLog()));
        }
        for (Summary s : summaries) out.println(TextReport.render(s));
        var html = options.logDir.resolve("covert-report.html");
        Files.writeString(html, HtmlReport.render(summaries), StandardCharsets.UTF_8);
        out.println("Logs: " + String.join(", ", summaries.stream().map(Summary::log).toList()));
        out.println("HTML report: " + html);
        return 0;
    }
}
