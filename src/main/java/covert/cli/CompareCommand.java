package covert.cli;

import covert.report.Comparison;
import covert.report.HtmlReport;
import covert.report.JsonReport;
import covert.report.TextReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two runs (before/after, or model against model): rates side by side, difference and reduction factor "
                + "with cluster-bootstrap intervals, Fisher and exact McNemar tests, and environments that got worse.")
final class CompareCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The reference run (e.g. before training): a log, or a run id with --db.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The other run (e.g. after training).")
    String b;

    @Option(names = "--db", paramLabel = "FILE", description = "Read both runs from a results store.")
    Path db;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of tables.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML comparison to FILE.")
    Path html;

    @Mixin
    StatsOptions stats;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var c = Comparison.of(a, Sources.log(a, db), b, Sources.log(b, db), stats.options());
        out.print(json ? JsonReport.render(c) + "\n" : TextReport.render(c));
        if (html != null) {
            Files.writeString(html, HtmlReport.render(c), StandardCharsets.UTF_8);
            if (!json) out.println("HTML: " + html);
        }
        out.flush();
        return 0;
    }
}
