package covert.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import covert.awareness.Detector;
import covert.log.OutcomeCodec;
import covert.log.Json;
import covert.score.Outcome;
import covert.stats.MantelHaenszel;
import covert.store.ResultsStore;
import covert.testing.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Awareness voiced only in the interview, after a covert action, cannot have caused it. The organism is configured with
 * a known effect of task-phase awareness (aware_factor 0.25: aware samples act covertly a quarter as often) and with
 * interview-phase awareness after covert actions (interview_awareness_rate 0.9). Counting awareness in every phase
 * and pooling, as before, makes awareness look like it causes covert actions; the task-phase Mantel–Haenszel ratio
 * recovers 0.25.
 */
class StratifiedAwarenessSimTest {
    @TempDir
    Path dir;

    @Test
    void interview_awareness_biases_the_pooled_estimate_and_the_task_phase_stratified_one_recovers_the_effect() throws Exception {
        var args = Map.of("covert_rate", "0.6", "awareness_rate", "0.3", "aware_factor", "0.25", "interview_awareness_rate", "0.9");
        var result = Runs.run(Runs.config("sim/baseline", args, 40, 11, 0, Runs.CORE), dir);
        var log = result.evalLog();

        // The old estimate: awareness in any phase, pooled over all environments.
        int a = 0, n1 = 0, c = 0, n0 = 0, interviewOnly = 0;
        for (var s : log.samples()) {
            var outcome = OutcomeCodec.kind(s);
            if (!outcome.rated()) continue;
            var phases = (Map<?, ?>) s.metadata().get("awareness");
            boolean task = Boolean.TRUE.equals(phases.get("task")), interview = Boolean.TRUE.equals(phases.get("interview"));
            assertThat(s.metadata().get("aware")).as("the aware flag is the task phase's").isEqualTo(task);
            if (interview && !task) interviewOnly++;
            boolean covert = outcome == Outcome.Kind.COVERT;
            if (task || interview) { n1++; if (covert) a++; } else { n0++; if (covert) c++; }
        }
        assertThat(interviewOnly).as("the detector sees the configured interview-phase awareness").isGreaterThan(100);
        var pooled = MantelHaenszel.riskRatio(List.of(new MantelHaenszel.Table(a, n1, c, n0)), 0.95);
        assertThat(pooled.lower()).as("old pooled any-phase estimate is biased far above the configured 0.25").isGreaterThan(1.0);

        var summary = Summary.of(result.log().toString(), log);
        var aware = summary.conditionals().stream().filter(x -> x.score().equals("aware")).findFirst().orElseThrow();
        var mh = aware.stratifiedRatio();
        assertThat(mh.strata()).isGreaterThanOrEqualTo(2);
        assertThat(mh.lower()).isLessThanOrEqualTo(0.25);
        assertThat(mh.upper()).isGreaterThanOrEqualTo(0.25).isLessThan(0.5);
        assertThat(TextReport.render(summary)).contains("Mantel-Haenszel (stratified by environment").contains("crude (pooled over all environments)");
        assertThat(HtmlReport.render(List.of(summary))).contains("Mantel-Haenszel (stratified by environment");
        var json = Json.MAPPER.readTree(JsonReport.render(List.of(summary)));
        var row = json.at("/conditional").get(summary.conditionals().indexOf(aware));
        assertThat(row.at("/stratified_ratio/ratio").asDouble()).as(row.toString()).isEqualTo(mh.ratio());
        assertThat(row.at("/ratio_methods/stratified_ratio").asText()).contains("Mantel-Haenszel");

        // The detector that made these verdicts is named in the log, so runs can be compared.
        var detector = (Map<?, ?>) log.eval().metadata().get(Detector.METADATA);
        assertThat(detector.get("version")).isEqualTo(Detector.standard().version());
        assertThat(detector.get("threshold")).isEqualTo(0.5);

        // The store's view computes the same two ratios from its rows.
        try (var store = ResultsStore.open(dir.resolve("r.duckdb"))) {
            store.importLog(result.log());
            try (var st = store.connection().createStatement();
                 var rs = st.executeQuery("SELECT crude_ratio, mh_ratio, mh_lower, mh_upper, mh_strata FROM aware_conditional")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(1)).isCloseTo(aware.crudeRatio().ratio(), within(1e-9));
                assertThat(rs.getDouble(2)).isCloseTo(mh.ratio(), within(1e-9));
                assertThat(rs.getDouble(3)).isCloseTo(mh.lower(), within(1e-9));
                assertThat(rs.getDouble(4)).isCloseTo(mh.upper(), within(1e-9));
                assertThat(rs.getInt(5)).isEqualTo(mh.strata());
            }
        }
    }
}
