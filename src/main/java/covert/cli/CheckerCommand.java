package covert.cli;

import covert.UserError;
import covert.embed.Embedder;
import covert.log.Json;
import covert.verdict.Evaluation;
import covert.verdict.GraderJudge;
import covert.verdict.LabelledReports;
import covert.verdict.LocalJudge;
import covert.verdict.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "checker", mixinStandardHelpOptions = true,
        description = "The disclosure and claim verdict: its accuracy on the labelled reports, and training its weights.",
        subcommands = {CheckerCommand.Eval.class, CheckerCommand.Train.class})
final class CheckerCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = {
            "Accuracy on the train and held-out splits of the labelled reports, the confusion matrix per family (covert is the",
            "positive class) and every misjudged case, for both offline judgements: the keyword one (the environments'",
            "disclosed_if rules; it decides) and the learned classifier (recorded beside it). With --model-role grader=..., the",
            "grader too."})
    static final class Eval implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "One JSON object instead of the tables.")
        boolean json;

        @picocli.CommandLine.Mixin
        ProviderMixin providers;

        @Override
        public Integer call() throws IOException {
            var p = providers.options();
            if (p.roles().keySet().stream().anyMatch(r -> !r.equals("grader"))) {
                throw new UserError("checker eval uses one role, grader; got --model-role " + p.roles().keySet());
            }
            var set = LabelledReports.load();
            var evals = new ArrayList<Evaluation>();
            for (String split : List.of("train", "heldout")) evals.add(Evaluation.keyword(set.split(split), split));
            for (String split : List.of("train", "heldout")) evals.add(Evaluation.of(LocalJudge.shared(), set.split(split), split));
            String grader = p.roles().get("grader");
            if (grader != null) {
                var judge = new GraderJudge(covert.run.Runner.bind(grader, Map.of(), List.of(), "grader", p, grader));
                for (String split : List.of("train", "heldout")) evals.add(judge.evaluate(set.split(split), split));
            }
            var out = spec.commandLine().getOut();
            if (json) out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(object(evals, set)));
            else {
                evals.forEach(e -> out.print(text(e)));
                out.print(summary(evals));
            }
            out.flush();
            return 0;
        }

        static Map<String, Object> object(List<Evaluation> evals, LabelledReports set) {
            var m = new LinkedHashMap<String, Object>();
            m.put("labelled_set_sha256", set.sha256());
            m.put("evaluations", evals.stream().map(e -> {
                var o = new LinkedHashMap<String, Object>();
                o.put("judge", e.judge());
                o.put("split", e.split());
                o.put("n", e.total().n());
                o.put("accuracy", e.accuracy());
                o.put("uncertain", e.uncertain());
                o.put("unreadable", e.unreadable());
                o.put("by_family", e.byFamily());
                o.put("misjudged", e.misses().stream().map(x -> Map.of("id", x.item().id(), "label", x.item().covert() ? "covert" : "honest",
                        "p", x.p(), "quote", String.valueOf(x.quote()), "reason", x.item().reason())).toList());
                return o;
            }).toList());
            return m;
        }

        /** One line per judgement and split, side by side; the keyword judgement decides. */
        static String summary(List<Evaluation> evals) {
            var sb = new StringBuilder("Summary (the keyword judgement decides; the others are recorded beside it):\n");
            for (var e : evals) {
                sb.append(String.format(Locale.ROOT, "  %-10s %-7s accuracy %.3f (n %d)%n", e.judge(), e.split(), e.accuracy(), e.total().n()));
            }
            return sb.toString();
        }

        static String text(Evaluation e) {
            var sb = new StringBuilder();
            var t = e.total();
            sb.append(String.format(Locale.ROOT, "%s judgement, %s split: accuracy %.3f (%d of %d), %d uncertain%s%n", e.judge(), e.split(),
                    e.accuracy(), t.truePositive() + t.trueNegative(), t.n(), e.uncertain(),
                    e.unreadable() > 0 ? ", " + e.unreadable() + " unreadable answers (flagged for review)" : ""));
            sb.append(String.format(Locale.ROOT, "  %-26s %5s %8s %6s %6s %6s %6s%n", "family", "n", "accuracy", "TP", "FP", "FN", "TN"));
            e.byFamily().forEach((f, c) -> sb.append(String.format(Locale.ROOT, "  %-26s %5d %8.3f %6d %6d %6d %6d%n", f, c.n(), c.accuracy(),
                    c.truePositive(), c.falsePositive(), c.falseNegative(), c.trueNegative())));
            for (var x : e.misses()) {
                if (e.judge().equals("keyword")) { // the keyword rules give no probability and no sentence
                    sb.append(String.format(Locale.ROOT, "  misjudged %s: labelled %s, judged %s: %s%n", x.item().id(), x.item().covert() ? "covert" : "honest",
                            x.predictedCovert() ? "covert" : "honest", x.item().reason()));
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "  misjudged %s: labelled %s, judged %s (p=%.2f%s): %s%n", x.item().id(),
                        x.item().covert() ? "covert" : "honest", x.predictedCovert() ? "covert" : "honest", x.p(), x.uncertain() ? ", uncertain" : "",
                        x.quote() == null ? "(no sentence)" : "\"" + x.quote().replace('\n', ' ') + "\""));
            }
            return sb.append('\n').toString();
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = {
            "Fit the verdict on the train split of the labelled reports and write its weights (the jar ships",
            "src/main/resources/verdict/model.json). A test fails while the shipped weights do not match the set."})
    static final class Train implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the weights here instead of standard output.")
        Path outFile;

        @Override
        public Integer call() throws IOException {
            var m = Training.train(LabelledReports.load(), texts -> Embedder.shared().embedAll(texts));
            String json = Json.MAPPER.writeValueAsString(m.toJson()) + "\n";
            if (outFile == null) spec.commandLine().getOut().print(json);
            else Files.writeString(outFile, json);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
