package covert.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.LogFiles;
import covert.testing.Runs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** P(covert | X) for a boolean score in the log, e.g. the awareness score a later scorer adds. */
class ConditionalTest {
    @TempDir
    Path dir;

    @Test
    void conditional_rates_come_from_any_boolean_score_in_the_log() throws Exception {
        var log = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.4"), 20, 3, 0, Runs.CORE), dir).evalLog();
        // Mark every sample with an even epoch as "aware", recomputing the expected table by hand.
        int nw = 0, kw = 0, no = 0, ko = 0;
        var samples = new java.util.ArrayList<EvalLog.EvalSample>();
        for (var s : log.samples()) {
            boolean aware = s.epoch() % 2 == 0;
            boolean covert = "covert".equals(EvalLogs.outcome(s));
            if (aware) { nw++; if (covert) kw++; } else { no++; if (covert) ko++; }
            var scores = new HashMap<>(s.scores());
            scores.put("aware", new EvalLog.Score(aware, null, null, null, List.of()));
            samples.add(new EvalLog.EvalSample(s.id(), s.epoch(), s.input(), s.target(), s.messages(), s.output(), scores, s.metadata(), s.store(),
                    s.events(), s.modelUsage(), s.roleUsage(), s.startedAt(), s.completedAt(), s.totalTime(), s.workingTime(), s.uuid(), s.error(),
                    s.limit(), s.attachments(), s.eventsData()));
        }
        var edited = new EvalLog(log.version(), log.status(), log.eval(), log.plan(), log.results(), log.stats(), log.error(), log.invalidated(),
                log.tags(), log.metadata(), samples, log.reductions());
        Path p = dir.resolve("edited.json");
        LogFiles.write(edited, p);
        var summary = Summary.of(p.toString(), LogFiles.read(p));
        assertThat(summary.conditionals()).hasSize(1);
        var c = summary.conditionals().get(0);
        assertThat(c.score()).isEqualTo("aware");
        assertThat(c.nWith()).isEqualTo(nw);
        assertThat(c.covertWith()).isEqualTo(kw);
        assertThat(c.nWithout()).isEqualTo(no);
        assertThat(c.rateWithout()).isCloseTo((double) ko / no, within(1e-12));
        assertThat(c.difference()).isCloseTo((double) kw / nw - (double) ko / no, within(1e-12));
        assertThat(c.diffLower()).isLessThan(c.difference());
        assertThat(TextReport.render(summary)).contains("P(covert | aware)");
        assertThat(HtmlReport.render(List.of(summary))).contains("class=conditional");
    }
}
