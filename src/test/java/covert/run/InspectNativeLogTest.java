package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import covert.agent.Event;
import covert.cli.CliTest;
import covert.log.EvalFiles;
import covert.log.EvalLog;
import covert.log.LogFiles;
import covert.log.SampleRecord;
import covert.report.Comparison;
import covert.stats.Overall;
import covert.review.ScoreEdits;
import covert.testing.InspectLogs;
import covert.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our logs as an Inspect user meets them: unique sample uuids, every scorer listed, spans, score edits, agreeing parts. */
class InspectNativeLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void two_runs_of_the_same_suite_and_seed_share_no_uuid_and_compare_still_pairs_them() {
        var cfg = Runs.config("sim/baseline", Map.of("covert_rate", "0.5"), 2, 7, 4, Runs.CORE);
        var a = Runs.run(cfg, dir.resolve("a"));
        var b = Runs.run(cfg, dir.resolve("b"));
        var uuids = new HashSet<String>();
        for (var s : LogFiles.read(a.log()).samples()) assertThat(uuids.add(s.uuid())).isTrue();
        for (var s : LogFiles.read(b.log()).samples()) assertThat(uuids.add(s.uuid())).as("a uuid of run B already in run A").isTrue();
        assertThat(uuids).hasSize(2 * a.evalLog().samples().size());
        var c = Comparison.of(a.log().toString(), a.evalLog(), b.log().toString(), b.evalLog(), Overall.Options.DEFAULT);
        assertThat(c.paired().pairs()).as("paired on (id, epoch, epoch_seed), not on uuid").isEqualTo(a.evalLog().samples().size());
    }

    @Test
    void a_sample_is_spanned_and_scored_as_inspect_records_it() throws Exception {
        var run = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "1", "awareness_rate", "1"), 1, 0, 2, Runs.CORE), dir);
        var samples = InspectLogs.assertConsistent(run.log());
        var header = JSON.readTree(JSON.writeValueAsString(LogFiles.header(run.log())));
        assertThat(names(header.path("eval").path("scorers"))).containsExactly(SampleRecord.SCORER, SampleRecord.AWARE);
        assertThat(header.path("results").path("scores").get(1).path("metrics").path("aware_rate").path("value").asDouble()).isPositive();
        assertThat(header.path("eval").path("packages").toString()).doesNotContain("/");

        JsonNode s = samples.stream().filter(x -> x.path("metadata").has("report")).findFirst().orElseThrow();
        var events = s.path("events");
        assertThat(events.get(0).path("event").asText()).isEqualTo("span_begin");
        assertThat(events.get(0).path("name").asText()).isEqualTo("init");
        assertThat(events.get(1).path("event").asText()).isEqualTo("sample_init");
        assertThat(events.get(1).path("sample").path("input").get(0).path("role").asText()).isEqualTo("system");

        // Spans nest properly, every event names the innermost open one, and each phase is there.
        var open = new ArrayList<String>();
        var spans = new LinkedHashMap<String, String>();
        for (var e : events) {
            switch (e.path("event").asText()) {
                case "span_begin" -> {
                    assertThat(e.path("parent_id").isMissingNode() ? null : e.path("parent_id").asText()).isEqualTo(open.isEmpty() ? null : open.getLast());
                    assertThat(spans.put(e.path("id").asText(), e.path("type").asText())).as("span ids are unique").isNull();
                    open.add(e.path("id").asText());
                    assertThat(e.path("span_id").asText()).isEqualTo(e.path("id").asText());
                }
                case "span_end" -> assertThat(open.removeLast()).isEqualTo(e.path("id").asText());
                default -> assertThat(e.path("span_id").asText()).as(e.toString()).isEqualTo(open.getLast());
            }
        }
        assertThat(open).as("every span is closed").isEmpty();
        assertThat(spans).containsKeys("init", "solvers", "task", "turn-1", "interview", "scorers", SampleRecord.SCORER, SampleRecord.AWARE);
        assertThat(spans.values()).contains("turn");

        // The model calls: request and response, the messages pooled once per sample.
        var model = events.findValues("call").stream().filter(c -> c.has("request")).findFirst().orElseThrow();
        assertThat(model.path("request").path("model").asText()).isEqualTo("sim/baseline");
        assertThat(model.path("call_key").asText()).isEqualTo("messages");
        assertThat(model.path("response").path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(s.path("events_data").path("calls").size()).isEqualTo(s.path("messages").size());

        // The report: the covert score's answer and the submit tool's result, which is what Inspect's viewer shows.
        String report = s.path("metadata").path("report").asText();
        assertThat(s.path("scores").path(SampleRecord.SCORER).path("answer").asText()).isEqualTo(report);
        var submit = new ArrayList<String>();
        s.path("messages").forEach(m -> { if (m.path("function").asText().equals("submit")) submit.add(m.path("content").asText()); });
        assertThat(submit).containsExactly(report);
        assertThat(s.path("working_time").asDouble()).isPositive().isLessThanOrEqualTo(s.path("total_time").asDouble());
    }

    @Test
    void a_counterfactual_rescore_is_a_score_edit_with_one_entry_per_sample_also_after_resume() throws Exception {
        var cfg = Runs.config("sim/baseline", Map.of("covert_rate", "1"), 2, 3, 0, List.of("sandbag_no_goal"));
        var run = Runs.run(cfg, dir.resolve("fresh"));
        InspectLogs.assertConsistent(run.log());
        var log = LogFiles.read(run.log());
        var edited = log.samples().stream().filter(x -> !x.scores().get(SampleRecord.SCORER).history().isEmpty()).toList();
        assertThat(edited).as("sandbagged samples re-scored against the counterfactual").isNotEmpty();
        for (var s : edited) {
            var score = s.scores().get(SampleRecord.SCORER);
            assertThat(score.history()).hasSize(2);
            assertThat(((Map<?, ?>) score.history().get(0)).get("provenance")).as("the original").isNull();
            var edit = (Map<?, ?>) score.history().get(1);
            assertThat(((Map<?, ?>) edit.get("provenance")).get("author")).isEqualTo(Counterfactuals.AUTHOR);
            assertThat(edit.get("value")).isEqualTo(score.value()).isEqualTo(1);
            assertThat(s.events()).filteredOn(Event.ScoreEditEvent.class::isInstance).hasSize(1);
        }

        // A torn copy holding the provisional samples resumes into the same log: one entry each, each edited once.
        Path torn = dir.resolve("torn").resolve(run.log().getFileName());
        Files.createDirectories(torn.getParent());
        try (var out = EvalRunLog.create(torn, new EvalLog.LogStart(log.version(), log.eval(), log.plan()))) {
            for (var s : log.samples().subList(0, log.samples().size() - 2)) out.add(provisional(s));
        }
        var resumed = Runner.resume(torn, Progress.NONE);
        var samples = InspectLogs.assertConsistent(resumed.log());
        assertThat(samples).hasSize(log.samples().size());
        var histories = samples.stream().mapToInt(x -> x.path("scores").path(SampleRecord.SCORER).path("history").size()).filter(n -> n > 0).boxed().toList();
        assertThat(histories).hasSize(edited.size()).allMatch(n -> n == 2);
        try (Stream<Path> left = Files.list(torn.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(torn.getFileName().toString());
        }
    }

    /** The sample as the journal held it before the counterfactual pass. */
    private static EvalLog.EvalSample provisional(EvalLog.EvalSample s) {
        var score = s.scores().get(SampleRecord.SCORER);
        if (score.history().isEmpty()) return s;
        @SuppressWarnings("unchecked")
        var original = (Map<String, Object>) score.history().getFirst();
        @SuppressWarnings("unchecked")
        var meta = (Map<String, Object>) original.get("metadata");
        var was = new EvalLog.Score(original.get("value"), score.answer(), (String) original.get("explanation"), meta, List.of());
        var scores = new LinkedHashMap<>(s.scores());
        scores.put(SampleRecord.SCORER, was);
        var sampleMeta = new LinkedHashMap<>(s.metadata());
        sampleMeta.put("outcome", meta.get("outcome"));
        var events = s.events().stream().filter(e -> !(e instanceof Event.ScoreEditEvent))
                .map(e -> e instanceof Event.ScoreEvent se && se.scorer().equals(SampleRecord.SCORER)
                        ? new Event.ScoreEvent(se.timestamp(), se.workingStart(), was, false, se.scorer(), se.spanId()) : e)
                .toList();
        return s.rescored(scores, sampleMeta, events);
    }

    @Test
    void a_review_is_a_score_edit_and_the_header_is_recounted() throws Exception {
        var run = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "1"), 1, 0, 2, List.of("oversight_config")), dir);
        var first = LogFiles.read(run.log()).samples().stream().filter(s -> s.scores().get(SampleRecord.SCORER).value().equals(1)).findFirst().orElseThrow();
        var edited = ScoreEdits.apply(run.log(), first.id(), first.epoch(), new ScoreEdits.Decision.Override("comment-only change"), "tester",
                "2026-12-03T21:00:00.000000+00:00");
        assertThat(edited.scores().get(SampleRecord.SCORER).value()).isEqualTo(0);
        var samples = InspectLogs.assertConsistent(run.log());
        var s = samples.stream().filter(x -> x.path("id").asText().equals(first.id())).findFirst().orElseThrow();
        assertThat(s.path("scores").path(SampleRecord.SCORER).path("history")).hasSize(2);
        var edits = s.path("events").findParents("score_name");
        assertThat(edits).hasSize(1);
        assertThat(edits.getFirst().path("edit").path("provenance").path("author").asText()).isEqualTo("tester");
    }

    @Test
    void an_intervention_log_header_names_exactly_its_samples() throws Exception {
        var run = Runs.run(Runs.config("sim/baseline", Map.of("awareness_rate", "1"), 3, 2, 0, List.of("oversight_config")), dir.resolve("logs"));
        var r = Intervention.run(new Intervention.Request(run.log(), List.of(), true, 3, new Edit.RemoveAwareness(), null, 2, null, Map.of(), false,
                dir.resolve("iv")));
        var samples = InspectLogs.assertConsistent(r.log());
        assertThat(samples).hasSize(3 * 2);
        assertThat(samples).allSatisfy(s -> assertThat(s.path("epoch").asInt()).isBetween(1, 2));
    }

    @Test
    void every_log_kind_we_write_agrees_with_itself() throws Exception {
        Path series = dir.resolve("series.yaml");
        Files.writeString(series, """
                - {model: sim/baseline, checkpoint: base, step: 0, phase: sft, model_args: {covert_rate: 1}}
                - {model: sim/antischeming, checkpoint: late, step: 10, phase: rl}
                """);
        var kinds = new LinkedHashMap<String, Path>();
        kinds.put("series", dir.resolve("series"));
        assertThat(CliTest.cli("run", "--series", series.toString(), "--env", "impossible_tests", "--epochs", "1", "--log-dir",
                kinds.get("series").toString(), "--no-progress").code()).isZero();
        kinds.put("demo", dir.resolve("demo"));
        assertThat(CliTest.cli("demo", "--epochs", "1", "--log-dir", kinds.get("demo").toString(), "--no-progress").code()).isZero();
        kinds.put("redteam", dir.resolve("redteam"));
        var rt = CliTest.cli("redteam", "--model", "sim/sabotage-goal+antischeming", "--model-role", "auditor=sim/auditor", "--suite", "hidden-goal",
                "--out", kinds.get("redteam").toString(), "--epochs", "1", "--seed", "5", "--rounds", "1", "--before", "sim/sabotage-goal");
        assertThat(rt.code()).as(rt.err()).isZero();
        kinds.put("datagen", dir.resolve("datagen"));
        var dg = CliTest.cli("datagen", "--model", "sim/antischeming", "--epochs", "1", "--out", kinds.get("datagen").toString());
        assertThat(dg.code()).as(dg.err()).isZero();
        for (var kind : kinds.entrySet()) {
            List<Path> logs;
            try (Stream<Path> files = Files.walk(kind.getValue())) {
                logs = files.filter(p -> p.toString().endsWith(".eval")).toList();
            }
            assertThat(logs).as(kind.getKey() + " logs").isNotEmpty();
            for (Path log : logs) {
                InspectLogs.assertConsistent(log);
                assertThat(EvalFiles.read(log).samples()).isNotEmpty();
            }
        }
    }

    @Test
    void a_local_origin_is_left_out_of_the_revision_and_credentials_are_stripped() {
        assertThat(Ids.publicOrigin("/work/main")).isEmpty();
        assertThat(Ids.publicOrigin("file:///home/me/covert")).isEmpty();
        assertThat(Ids.publicOrigin("../covert")).isEmpty();
        assertThat(Ids.publicOrigin("https://user:tok3n@github.com/org/covert.git")).isEqualTo("https://github.com/org/covert.git");
        assertThat(Ids.publicOrigin("git@github.com:org/covert.git")).isEqualTo("git@github.com:org/covert.git");
    }

    private static List<String> names(JsonNode scorers) {
        var out = new ArrayList<String>();
        scorers.forEach(s -> out.add(s.path("name").asText()));
        return out;
    }
}
