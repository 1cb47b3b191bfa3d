package covert.cli;

import covert.report.Comparison;
import covert.report.HtmlReport;
import covert.stats.Overall;
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
        description = "Run the full built-in suite on the simulated organisms sim/baseline and sim/antischeming, then report and compare them.")
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
        var results = new ArrayList<Runner.Result>();
        for (String model : MODELS) {
            var cfg = options.config("covert", model, Map.of(), epochs, 0, List.of());
            results.add(Runner.start(cfg, options.logDir, options.progress(model, err)));
        }
        var summaries = results.stream().map(r -> Summary.of(r.log().toString(), r.evalLog())).toList();
        for (Summary s : summaries) out.println(TextReport.render(s));
        var a = results.get(0);
        var b = results.get(1);
        var comparison = Comparison.of(a.log().toString(), a.evalLog(), b.log().toString(), b.evalLog(), Overall.Options.DEFAULT);
        out.println(TextReport.render(comparison));
        var html = options.logDir.resolve("covert-report.html");
        Files.writeString(html, HtmlReport.render(comparison), StandardCharsets.UTF_8);
        out.println("Logs: " + String.join(", ", summaries.stream().map(Summary::log).toList()));
        out.println("HTML report: " + html);
        return 0;
    }
}
