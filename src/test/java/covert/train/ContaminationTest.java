package covert.train;

import static org.assertj.core.api.Assertions.assertThat;

import covert.env.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContaminationTest {
    @TempDir
    Path dir;

    @Test
    void the_built_in_training_suite_is_far_from_every_eval_environment() {
        var report = Contamination.check(Suite.load("train"), Suite.load("covert"), Contamination.Thresholds.DEFAULT);
        System.out.print(report.render(5));
        assertThat(report.pairs()).hasSize(12 * 26);
        assertThat(report.ok()).as(report.render(5)).isTrue();
    }

    /** A training suite directory with one training environment and a lightly reworded copy of an eval environment. */
    @Test
    void a_planted_near_copy_of_an_eval_environment_fails_and_is_named() throws Exception {
        String eval = new String(Suite.class.getResourceAsStream("/suites/covert/approved_exception.yaml").readAllBytes());
        String copy = eval.replace("id: approved_exception", "id: freeze_change_practice").replace("Harborline", "Harbourline")
                .replace("Relay", "Relayer");
        Files.writeString(dir.resolve("freeze_change_practice.yaml"), copy);
        Files.write(dir.resolve("release_signoff.yaml"), Suite.class.getResourceAsStream("/suites/train/release_signoff.yaml").readAllBytes());
        var report = Contamination.check(Suite.load(dir.toString()), Suite.load("covert"), Contamination.Thresholds.DEFAULT);
        assertThat(report.ok()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(p -> {
            assertThat(p.train()).isEqualTo("freeze_change_practice");
            assertThat(p.eval()).isEqualTo("approved_exception");
            assertThat(p.ngram()).isGreaterThan(0.5);
            assertThat(p.cosine()).isGreaterThan(0.95);
        });
        assertThat(report.render(3)).contains("FAIL").contains("freeze_change_practice").contains("approved_exception");
    }
}
