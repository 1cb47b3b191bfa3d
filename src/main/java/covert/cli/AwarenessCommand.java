package covert.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import covert.UserError;
import covert.awareness.Classifier;
import covert.awareness.Detector;
import covert.awareness.Evaluation;
import covert.awareness.LabelledSet;
import covert.embed.Embedder;
import covert.log.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "awareness", mixinStandardHelpOptions = true,
        description = "Evaluation-awareness detector: a lexical cue pass, then logistic regression on MiniLM sentence embeddings.",
        subcommands = {AwarenessCommand.Classify.class, AwarenessCommand.Eval.class, AwarenessCommand.Train.class, AwarenessBench.class})
final class AwarenessCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "classify", mixinStandardHelpOptions = true, description = {
            "Read JSON lines {\"text\": ...} (other fields are kept) and write each back with \"aware\" (true/false) and \"score\" (0-1) added.",
            "The score is the highest sentence score in the text; FILE '-' reads standard input."})
    static final class Classify implements Callable<Integer> {
        /** Lines scored together, so their candidate sentences share embedding batches. */
        private static final int CHUNK = 512;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.jsonl")
        String file;

        @picocli.CommandLine.Mixin
        ProviderMixin providers;

        private Detector detector;

        @Override
        public Integer call() throws IOException {
            var out = spec.commandLine().getOut();
            detector = detectorFor(providers);
            try (var in = open(file)) {
                var chunk = new ArrayList<ObjectNode>();
                int lineNo = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNo++;
                    if (line.isBlank()) continue;
                    chunk.add(parse(line, lineNo));
                    if (chunk.size() == CHUNK) write(chunk, out);
                }
                write(chunk, out);
            }
            out.flush();
            return 0;
        }

        private static BufferedReader open(String file) throws IOException {
            if (file.equals("-")) return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) throw new UserError("no such file: " + file);
            return Files.newBufferedReader(p, StandardCharsets.UTF_8);
        }

        private static ObjectNode parse(String line, int lineNo) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new UserError("line " + lineNo + ": not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
            if (!(n instanceof ObjectNode o)) throw new UserError("line " + lineNo + ": expected a JSON object such as {\"text\": \"...\"}");
            if (!o.path("text").isTextual()) throw new UserError("line " + lineNo + ": \"text\" is missing or not a string");
            return o;
        }

        private void write(List<ObjectNode> chunk, java.io.PrintWriter out) throws JsonProcessingException {
            if (chunk.isEmpty()) return;
            var verdicts = detector.texts(chunk.stream().map(o -> o.get("text").asText()).toList());
            for (int i = 0; i < chunk.size(); i++) {
                ObjectNode o = chunk.get(i);
                o.put("aware", verdicts.get(i).aware());
                o.put("score", Math.round(verdicts.get(i).score() * 1e4) / 1e4);
                out.println(Json.MAPPER.writeValueAsString(o));
            }
            chunk.clear();
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Precision, recall, F1 and the confusion matrix of the detector on the held-out split of the labelled set.")
    static final class Eval implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "One JSON object instead of the table.")
        boolean json;

        @Option(names = "--split", defaultValue = "test", description = "Split to score: test (held out, default) or train.")
        String split;

        @Option(names = "--errors", description = "Also list the misclassified sentences.")
        boolean errors;

        @picocli.CommandLine.Mixin
        ProviderMixin providers;

        @Override
        public Integer call() throws JsonProcessingException {
            if (!split.equals("test") && !split.equals("train")) throw new UserError("--split must be test or train, not " + split);
            var set = LabelledSet.load();
            var e = Evaluation.of(detectorFor(providers), set.split(split), split);
            var out = spec.commandLine().getOut();
            if (json) out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(object(e, set)));
            else out.print(text(e, errors));
            out.flush();
            return 0;
        }

        static java.util.Map<String, Object> object(Evaluation e, LabelledSet set) {
            var m = new LinkedHashMap<String, Object>();
            m.put("split", e.split());
            m.put("n", e.n());
            m.put("precision", e.precision());
            m.put("recall", e.recall());
            m.put("f1", e.f1());
            m.put("confusion", java.util.Map.of("true_positive", e.truePositive(), "false_positive", e.falsePositive(),
                    "false_negative", e.falseNegative(), "true_negative", e.trueNegative()));
            m.put("threshold", Classifier.shipped().threshold());
            m.put("labelled_set_sha256", set.sha256());
            m.put("errors", e.errors());
            return m;
        }

        static String text(Evaluation e, boolean errors) {
            var sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "Awareness detector on the %s split (%d sentences)%n", e.split(), e.n()));
            sb.append(String.format(Locale.ROOT, "precision %.3f   recall %.3f   F1 %.3f%n%n", e.precision(), e.recall(), e.f1()));
            sb.append(String.format(Locale.ROOT, "%-16s %10s %10s%n", "", "pred aware", "pred not"));
            sb.append(String.format(Locale.ROOT, "%-16s %10d %10d%n", "actual aware", e.truePositive(), e.falseNegative()));
            sb.append(String.format(Locale.ROOT, "%-16s %10d %10d%n", "actual not", e.falsePositive(), e.trueNegative()));
            if (errors) {
                sb.append('\n');
                for (var x : e.errors()) {
                    sb.append(String.format(Locale.ROOT, "%s %.2f %s%s%n", x.label() ? "missed" : "false ", x.score(), x.cued() ? "" : "(no cue) ", x.text()));
                }
            }
            return sb.toString();
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = {
            "Fit the classifier on the training split and write its weights (the file the jar ships is src/main/resources/awareness/model.json).",
            "Run it after editing the labelled set; a test fails while the shipped weights do not match the set."})
    static final class Train implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the weights here instead of standard output.")
        Path outFile;

        @Override
        public Integer call() throws IOException {
            var c = Classifier.train(LabelledSet.load(), texts -> Embedder.shared().embedAll(texts));
            String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(c.toJson()) + "\n";
            if (outFile == null) spec.commandLine().getOut().print(json);
            else Files.writeString(outFile, json);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** Stages 1-2, plus stage 3 when {@code --model-role grader=...} binds a judge for the classifier's uncertain band. */
    static Detector detectorFor(ProviderMixin providers) {
        var p = providers.options();
        if (p.roles().keySet().stream().anyMatch(r -> !r.equals("grader"))) {
            throw new UserError("awareness uses one role, grader (judges sentences scored " + covert.awareness.Judge.LOW + "-"
                    + covert.awareness.Judge.HIGH + "); got --model-role " + p.roles().keySet());
        }
        String grader = p.roles().get("grader");
        return Detector.forRun(grader == null ? null : covert.run.Runner.bind(grader, java.util.Map.of(), List.of(), "grader", p, grader));
    }
}
