package covert.view;

import static org.assertj.core.api.Assertions.assertThat;

import covert.testing.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB-backed source must show exactly what the in-memory one shows, page for page. */
class ViewStoreSourceTest {
    @TempDir
    Path dir;

    @Test
    void store_source_agrees_with_the_in_memory_source() throws Exception {
        var log = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.4", "awareness_rate", "0.3"), 4, 9, 0, Runs.CORE), dir).log();
        try (var mem = LogViewSource.open(List.of(log)); var db = StoreViewSource.ofEvalLogs(List.of(log))) {
            var runId = mem.runs().get(0).runId();
            assertThat(db.runs()).hasSize(1);
            var a = mem.runs().get(0);
            var b = db.runs().get(0);
            assertThat(b.valid()).isEqualTo(a.valid());
            assertThat(b.covertRate()).isCloseTo(a.covertRate(), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(b.awareRate()).isCloseTo(a.awareRate(), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(db.environments(runId)).containsExactlyInAnyOrderElementsOf(mem.environments(runId));
            for (var filter : ViewSource.Filter.values()) {
                var pm = mem.samples(runId, "oversight_config", filter, 1, 500);
                var pd = db.samples(runId, "oversight_config", filter, 1, 500);
                assertThat(pd.total()).as(filter.name()).isEqualTo(pm.total());
                assertThat(pd.items()).as(filter.name()).containsExactlyInAnyOrderElementsOf(pm.items());
            }
            var page2 = db.samples(runId, null, ViewSource.Filter.ALL, 2, 25);
            assertThat(page2.items()).hasSize(25);
            assertThat(page2.total()).isEqualTo(120);
            var row = page2.items().get(0);
            var full = db.sample(runId, row.sampleId(), row.epoch()).orElseThrow();
            assertThat(full.messages()).isNotEmpty();
            assertThat(full.messages()).isEqualTo(mem.sample(runId, row.sampleId(), row.epoch()).orElseThrow().messages());
            assertThat(db.sample(runId, "nope", 1)).isEmpty();
            assertThat(db.run("no-such-run")).isEmpty();
        }
    }
}
