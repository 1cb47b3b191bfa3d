package covert.cli;

import covert.report.Trend;
import covert.report.TrendHtml;
import covert.report.TrendInput;
import covert.report.TrendJson;
import covert.report.TrendText;
import covert.spec.Spec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trend", mixinStandardHelpOptions = true,
        description = "Follow a training run across checkpoints: covert actions, verbalized awareness, spec citation and chosen scores "
                + "against the step, the change over each phase with paired tests, and whether the last checkpoints still differ.")
final class TrendCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "LOG|DIR|DB", description = "One log per checkpoint (.eval or .json), folders of logs, or a results store.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--spec", paramLabel = "FILE", description = "The spec whose principle IDs count as citations. Default: the built-in anti-scheming spec.")
    Path specFile;

    @Option(names = "--score", paramLabel = "NAME", description = "Also follow this sample score (boolean or numeric; repeatable).")
    List<String> scores = new ArrayList<>();

    @Option(names = "--last", paramLabel = "K", defaultValue = "3", description = "Plateau test over the last K checkpoints. Default: ${DEFAULT-VALUE}.")
    int last;

    @Option(names = "--plateau-margin", paramLabel = "POINTS", defaultValue = "1", description = "Equivalence margin of the plateau test, in "
            + "percentage points: the last checkpoints are 'flat' when their change is shown to lie within ±POINTS (TOST). Default: ${DEFAULT-VALUE}.")
    double plateauMargin;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of tables.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML trend chart to FILE.")
    Path html;

    @Mixin
    StatsOptions stats;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var opts = new Trend.Options(stats.options(), last, scores, plateauMargin / 100);
        var runs = TrendInput.read(sources, new TrendInput.Request(Spec.load(specFile), scores));
        var trend = Trend.of(runs, opts);
        out.print(json ? TrendJson.render(trend) + "\n" : TrendText.render(trend));
        if (html != null) {
            Files.writeString(html, TrendHtml.render(trend), StandardCharsets.UTF_8);
            if (!json) out.println("HTML: " + html);
        }
        out.flush();
        return 0;
    }
}
