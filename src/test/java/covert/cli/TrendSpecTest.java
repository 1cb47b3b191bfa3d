package covert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import covert.log.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** covert trend --spec: citations are counted against the spec given, the built-in 2.0.0, the old 1.0.0 file, or a user's own. */
class TrendSpecTest {
    @TempDir
    Path dir;

    static String[] cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    static double lastCitation(String json) throws Exception {
        JsonNode points = Json.MAPPER.readTree(json).get("points");
        assertThat(points.size()).isEqualTo(2);
        return points.get(1).at("/rates/spec_citation/value").asDouble(-1);
    }

    @Test
    void citations_follow_the_spec_given() throws Exception {
        Path series = dir.resolve("series.yaml");
        Files.writeString(series, """
                - {model: sim/antischeming, checkpoint: a, step: 0, phase: sft}
                - {model: sim/antischeming, checkpoint: b, step: 1, phase: sft}
                """);
        var r = cli("run", "--series", series.toString(), "--env", "impossible_tests", "--epochs", "2", "--log-dir", dir.resolve("s").toString(), "--no-progress");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        String logs = dir.resolve("s").toString();
        var builtIn = cli("trend", logs, "--json");
        assertThat(builtIn[0]).as(builtIn[2]).isEqualTo("0");
        assertThat(lastCitation(builtIn[1])).isEqualTo(1.0);
        var old = cli("trend", logs, "--json", "--spec", "src/main/resources/spec/anti-scheming-1.0.0.yaml");
        assertThat(old[0]).as(old[2]).isEqualTo("0");
        assertThat(lastCitation(old[1])).isEqualTo(1.0);
        Path mine = Files.writeString(dir.resolve("mine.yaml"), "id: mine\nversion: '1'\nprinciples:\n  - {id: R1, title: Be open, text: Say what you did.}\n");
        assertThat(lastCitation(cli("trend", logs, "--json", "--spec", mine.toString())[1])).isZero();
    }
}
