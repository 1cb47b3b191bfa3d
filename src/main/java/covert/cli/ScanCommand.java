package covert.cli;

import covert.UserError;
import covert.log.Json;
import covert.report.ScanReport;
import covert.scan.DuckDbScanEngine;
import covert.scan.LogCorpus;
import covert.scan.Scan;
import covert.scan.ScanEngine;
import covert.awareness.Lexical;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Terminology across checkpoints: per checkpoint, the frequency per 1,000 words of unusual reasoning terms, the "
                + "awareness rate, and the words whose frequency changed most from the first to the last checkpoint. Reads eval logs "
                + "of checkpointed runs, or JSON lines / Parquet with {text, checkpoint|step}, on embedded DuckDB.")
final class ScanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "LOG|CORPUS", description = "Eval logs (.eval, .json) and/or corpora (.jsonl, .parquet).")
    List<Path> inputs;

    @Option(names = "--terms", split = ",", description = "Terms to count, replacing the default list (" + "autop, watchers, illusions, "
            + "marinade, vantage, disclaim, overshadow).")
    List<String> terms;

    @Option(names = "--add-terms", split = ",", description = "Terms to count in addition to the list.")
    List<String> addTerms = new ArrayList<>();

    @Option(names = "--checkpoint-field", paramLabel = "FIELD", description = "The corpus field holding the checkpoint; default: checkpoint, else step.")
    String checkpointField;

    @Option(names = "--top", defaultValue = "10", description = "How many most-changed words to list; 0 = none. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of tables.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with line charts to FILE.")
    Path html;

    @Override
    public Integer call() throws Exception {
        if (top < 0) throw new UserError("--top must be >= 0, got " + top);
        var list = new ArrayList<>(terms == null ? Scan.DEFAULT_TERMS : terms);
        list.addAll(addTerms);
        var logs = new ArrayList<Path>();
        var sources = new ArrayList<ScanEngine.Source>();
        for (Path p : inputs) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".eval") || (name.endsWith(".json") && !name.endsWith(".jsonl"))) logs.add(p);
            else if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".parquet")) sources.add(new ScanEngine.Source(p, checkpointField));
            else throw new UserError(p + ": not a log (.eval, .json) or a corpus (.jsonl, .parquet)");
        }
        Path tmp = null;
        try (var engine = new DuckDbScanEngine()) {
            if (!logs.isEmpty()) {
                tmp = Files.createTempFile("covert-scan-", ".jsonl");
                LogCorpus.write(logs, tmp);
                sources.add(new ScanEngine.Source(tmp, "checkpoint"));
            }
            var result = Scan.run(engine, sources, list, top, Lexical::any);
            var out = spec.commandLine().getOut();
            out.print(json ? Json.MAPPER.writeValueAsString(ScanReport.object(result)) + "\n" : ScanReport.text(result));
            if (html != null) {
                Files.writeString(html, ScanReport.html(result), StandardCharsets.UTF_8);
                if (!json) out.println("HTML: " + html);
            }
            out.flush();
        } finally {
            if (tmp != null) Files.deleteIfExists(tmp);
        }
        return 0;
    }
}
