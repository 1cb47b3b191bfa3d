package covert.cli;

import covert.report.HtmlReport;
import covert.report.JsonReport;
import covert.report.Summary;
import covert.report.TextReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Covert-action rates per environment (95%% Wilson) and overall (mean over environments, cluster bootstrap).")
final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "LOG|RUN", description = "Eval log files (.eval or .json), or run ids with --db.")
    List<String> logs = new java.util.ArrayList<>();

    @Option(names = "--db", paramLabel = "FILE", description = "Read runs from a results store instead of log files (all runs if none named).")
    Path db;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of a table.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report to FILE.")
    Path html;

    @picocli.CommandLine.Mixin
    StatsOptions stats;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var opts = stats.options();
        List<Summary> summaries = Sources.summaries(logs, db, opts);
        if (json) out.println(JsonReport.render(summaries));
        else summaries.forEach(s -> out.println(TextReport.render(s)));
        if (html != null) {
            Files.writeString(html, HtmlReport.render(summaries), StandardCharsets.UTF_8);
            if (!json) out.println("HTML report: " + html);
        }
        out.flush();
        return 0;
    }
}
