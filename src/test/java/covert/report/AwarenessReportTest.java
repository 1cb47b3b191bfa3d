package covert.report;

import static org.assertj.core.api.Assertions.assertThat;

import covert.log.EvalLog;
import covert.log.Json;
import covert.testing.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Part 2 of evaluation awareness: its rate per environment and overall, in every report format. */
class AwarenessReportTest {
    @TempDir
    Path dir;

    @Test
    void awareness_rate_per_environment_and_overall_in_text_json_and_html() throws Exception {
        var result = Runs.run(Runs.config("sim/baseline", Map.of("awareness_rate", "0.5"), 6, 3, 0, Runs.CORE), dir);
        EvalLog log = result.evalLog();
        var summary = Summary.of(result.log().toString(), log);
        var a = summary.awareness();
        assertThat(a).isNotNull();

        // Recount from the logged per-sample verdicts, valid samples only.
        int aware = 0, n = 0;
        for (var s : log.samples()) {
            if (covert.log.EvalLogs.outcome(s).equals("invalid")) continue;
            n++;
            if (Boolean.TRUE.equals(s.scores().get("aware").value())) aware++;
        }
        assertThat(a.n()).isEqualTo(n);
        assertThat(a.aware()).isEqualTo(aware).isPositive();
        assertThat(a.environments().keySet()).containsExactlyInAnyOrderElementsOf(Runs.CORE);
        assertThat(a.environments().values().stream().mapToInt(AwarenessRates.Env::aware).sum()).isEqualTo(aware);
        for (var e : a.environments().values()) assertThat(e.lower()).isLessThanOrEqualTo(e.rate()).isLessThanOrEqualTo(e.upper());
        assertThat(a.overall().lower()).isLessThanOrEqualTo(a.overall().rate());
        assertThat(a.overall().rate()).isBetween(0.25, 0.75);

        assertThat(TextReport.render(summary)).contains("Evaluation awareness: ").contains("of " + n + " valid samples aware")
                .contains("P(covert | aware)");
        var json = Json.MAPPER.readTree(JsonReport.render(List.of(summary)));
        assertThat(json.at("/awareness/aware").asInt()).isEqualTo(aware);
        assertThat(json.at("/awareness/rate").asDouble()).isEqualTo(a.overall().rate());
        assertThat(json.at("/environments/0/aware/n").asInt()).isPositive();
        assertThat(HtmlReport.render(List.of(summary))).contains("<th>aware</th>").contains("Evaluation awareness: ");
    }
}
