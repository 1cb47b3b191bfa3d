package covert.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.UserError;
import covert.log.LogFiles;
import covert.report.Summary;
import covert.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewSourceTest {
    @TempDir
    Path dir;

    @Test
    void counts_and_intervals_agree_with_the_report() {
        Path log = ViewFixture.mixedRun(dir.resolve("a"), 2);
        var src = LogViewSource.open(List.of(log));
        var summary = Summary.of(log.toString(), LogFiles.read(log));
        var run = src.runs().getFirst();
        assertThat(run.simulated()).isTrue();
        assertThat(run.model()).isEqualTo("sim/baseline");
        assertThat(run.suite()).isEqualTo("covert");
        assertThat(run.valid()).isEqualTo(summary.nValid());
        assertThat(run.invalid()).isEqualTo(summary.nInvalid());
        int covert = summary.environments().stream().mapToInt(Summary.Env::covert).sum();
        assertThat(run.covertRate()).isEqualTo((double) covert / summary.nValid());
        assertThat(src.environments(run.runId())).hasSameSizeAs(summary.environments());
        for (var e : summary.environments()) {
            var row = src.environments(run.runId()).stream().filter(r -> r.env().equals(e.id())).findFirst().orElseThrow();
            assertThat(List.of(row.n(), row.covert(), row.invalid())).isEqualTo(List.of(e.n(), e.covert(), e.invalid()));
            assertThat(List.of(row.rate(), row.lower(), row.upper())).isEqualTo(List.of(e.rate(), e.lower(), e.upper()));
            assertThat(row.family()).isEqualTo(e.family());
        }
    }

    @Test
    void every_phrase_the_simulated_organism_uses_counts_as_aware() {
        var aware = LogViewSource.open(List.of(Runs.run(Runs.config("sim/baseline", Map.of("awareness_rate", "1"), 2, 0, 0, Runs.CORE), dir.resolve("a")).log()));
        var unaware = LogViewSource.open(List.of(Runs.run(Runs.config("sim/baseline", Map.of("awareness_rate", "0"), 2, 0, 0, Runs.CORE), dir.resolve("b")).log()));
        var a = aware.runs().getFirst();
        var u = unaware.runs().getFirst();
        assertThat(a.awareRate()).isEqualTo(1.0);
        assertThat(u.awareRate()).isEqualTo(0.0);
        assertThat(aware.samples(a.runId(), null, ViewSource.Filter.AWARE, 1, 1000).total()).isEqualTo(a.valid() + a.invalid());
        assertThat(unaware.samples(u.runId(), null, ViewSource.Filter.AWARE, 1, 1000).total()).isZero();
    }

    @Test
    void pages_partition_the_filtered_samples() {
        var src = LogViewSource.open(List.of(ViewFixture.mixedRun(dir.resolve("a"), 3)));
        String id = src.runs().getFirst().runId();
        for (var f : ViewSource.Filter.values()) {
            long total = src.samples(id, null, f, 1, 7).total();
            var seen = new ArrayList<String>();
            for (int p = 1; p <= (total + 6) / 7 + 1; p++) {
                var page = src.samples(id, null, f, p, 7);
                assertThat(page.items().size()).isLessThanOrEqualTo(7);
                page.items().forEach(s -> seen.add(s.sampleId() + "#" + s.epoch()));
                page.items().forEach(s -> assertThat(switch (f) {
                    case ALL -> true;
                    case COVERT -> s.outcome().equals("covert");
                    case AWARE -> s.aware();
                    case INCOMPLETE -> s.outcome().equals("incomplete");
                    case INVALID -> s.outcome().equals("invalid");
                }).isTrue());
            }
            assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();
        }
        long perEnv = src.environments(id).stream().mapToLong(e -> src.samples(id, e.env(), ViewSource.Filter.ALL, 1, 1).total()).sum();
        assertThat(perEnv).isEqualTo(src.samples(id, null, ViewSource.Filter.ALL, 1, 1).total());
        var first = src.samples(id, null, ViewSource.Filter.ALL, 1, 1).items().getFirst();
        assertThat(src.sample(id, first.sampleId(), first.epoch())).isPresent();
        assertThat(src.sample(id, first.sampleId(), 999)).isEmpty();
        assertThat(src.sample("nope", first.sampleId(), first.epoch())).isEmpty();
        assertThat(src.run("nope")).isEmpty();
        assertThat(src.environments("nope")).isEmpty();
    }

    @Test
    void a_log_named_twice_is_one_run_and_a_copy_gets_its_own_id() throws Exception {
        Path log = ViewFixture.mixedRun(dir.resolve("a"), 1);
        Path copy = Files.copy(log, dir.resolve("copy-" + log.getFileName()));
        var src = LogViewSource.open(List.of(log, dir.resolve("a").resolve("..").resolve("a").resolve(log.getFileName()), copy));
        assertThat(src.runs()).hasSize(2);
        assertThat(src.runs().stream().map(ViewSource.RunRow::runId).distinct()).hasSize(2);
    }

    @Test
    void a_missing_or_broken_log_is_a_user_error() throws Exception {
        assertThatThrownBy(() -> LogViewSource.open(List.of(dir.resolve("missing.json")))).isInstanceOf(UserError.class).hasMessageContaining("missing.json");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{not json");
        assertThatThrownBy(() -> LogViewSource.open(List.of(bad))).isInstanceOf(UserError.class).hasMessageContaining("bad.json");
    }
}
