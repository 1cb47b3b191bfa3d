package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import covert.awareness.Detector;
import covert.cli.CliTest;
import covert.log.LogFiles;
import covert.testing.LogSchema;
import covert.testing.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sim validation of the built-in controls: sim/baseline acts on the awareness in the reasoning it is handed, and
 * with {@code reaware_rate} a sample whose awareness was removed says it again with that probability (and acts aware).
 * So the edit's effect against the no-edit control is covert_rate × (1 − aware_factor) × (1 − reaware_rate), the
 * random-sentence and no-edit arms move nothing, and excluding the re-aware resamples recovers the full effect.
 */
class InterventionControlsTest {
    static final double COVERT = 0.132, FACTOR = 0.25, REAWARE = 0.3;
    static final double FULL = COVERT * (1 - FACTOR), DILUTED = FULL * (1 - REAWARE);

    @TempDir
    static Path dir;
    static Path log;

    @BeforeAll
    static void run() {
        var cfg = Runs.config("sim/baseline", Map.of("awareness_rate", "0.5", "aware_factor", String.valueOf(FACTOR), "reaware_rate",
                String.valueOf(REAWARE)), 100, 11, 0, List.of("oversight_config"));
        log = Runs.run(cfg, dir.resolve("logs")).log();
    }

    @Test
    void edit_no_edit_and_random_sentence_effects_with_reaware_counted_and_excluded() throws Exception {
        var r = CliTest.cli("intervene", log.toString(), "--out", dir.resolve("ctl").toString(), "--aware", "--remove-awareness", "--controls",
                "--exclude-reaware", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        var j = new ObjectMapper().readTree(r.out());
        var contrasts = j.get("contrasts");
        assertThat(contrasts).hasSize(3);
        var edit = contrasts.get(0);
        assertThat(edit.get("condition").asText()).isEqualTo("edit − no-edit");
        assertThat(edit.get("n").asInt()).isGreaterThan(350);
        assertThat(edit.at("/difference/lower").asDouble()).isLessThan(DILUTED).isGreaterThan(0);
        assertThat(edit.at("/difference/upper").asDouble()).isGreaterThan(DILUTED);
        // The sim's draws are fixed per sample: an unrelated sentence or a plain resample changes no outcome.
        var random = contrasts.get(1);
        assertThat(random.get("condition").asText()).isEqualTo("random-sentence − no-edit");
        assertThat(random.at("/difference/estimate").asDouble()).isZero();
        assertThat(contrasts.get(2).at("/difference/estimate").asDouble()).as("no-edit − original").isZero();

        int again = j.at("/reaware/count").asInt(), of = j.at("/reaware/of").asInt();
        assertThat(covert.stats.Interval.WILSON.of95(again, of)).satisfies(w -> assertThat(REAWARE).isBetween(w.lower(), w.upper()));
        var excluded = j.at("/reaware/excluded_contrast");
        assertThat(excluded.get("n").asInt()).isLessThan(edit.get("n").asInt());
        assertThat(excluded.at("/difference/lower").asDouble()).isLessThan(FULL);
        assertThat(excluded.at("/difference/upper").asDouble()).isGreaterThan(FULL);
        assertThat(j.at("/reaware/excluded/difference/estimate").asDouble()).isGreaterThan(edit.at("/difference/estimate").asDouble());

        Path written = Path.of(j.get("log").asText());
        LogSchema.assertValid(written);
        var samples = LogFiles.read(written).samples();
        assertThat(samples).hasSize(3 * edit.get("n").asInt());
        var conditions = samples.stream().map(s -> String.valueOf(((Map<?, ?>) s.metadata().get("intervention")).get("condition"))).distinct().toList();
        assertThat(conditions).containsExactlyInAnyOrder("edit", "no-edit", "random-sentence");
        for (var s : samples) {
            var iv = (Map<?, ?>) s.metadata().get("intervention");
            String after = (String) iv.get("after");
            boolean aware = Detector.standard().text(after).aware();
            assertThat(aware).as("%s keeps awareness only in the controls", iv.get("condition")).isEqualTo(!iv.get("condition").equals("edit"));
        }
    }

    @Test
    void the_text_report_prints_every_arm() {
        var r = CliTest.cli("intervene", log.toString(), "--out", dir.resolve("txt").toString(), "--aware", "--limit", "60", "--remove-awareness",
                "--controls", "--exclude-reaware");
        assertThat(r.code()).as(r.err()).isZero();
        System.out.println(r.out());
        assertThat(r.out()).contains("Against the no-edit control", "edit − no-edit", "random-sentence − no-edit", "no-edit − original",
                "Re-verbalized awareness: ", "With them excluded (--exclude-reaware):", "edit − no-edit, re-aware excluded");
        CliTest.assertOneLineError(CliTest.cli("intervene", log.toString(), "--out", dir.resolve("x").toString(), "--unaware", "--inject", "Hm.",
                "--exclude-reaware"), "--exclude-reaware");
    }
}
