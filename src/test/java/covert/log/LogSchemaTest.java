package covert.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import covert.testing.LogSchema;
import covert.testing.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema gate itself must be able to fail, and our logs must read back into the same records. */
class LogSchemaTest {
    @TempDir
    Path dir;

    @Test
    void the_validator_rejects_a_broken_log() throws Exception {
        var result = Runs.run(Runs.config("sim/baseline", Map.of(), 1, 0, 1, Runs.CORE).withLogFormat("json"), dir);
        var tree = (ObjectNode) new ObjectMapper().readTree(result.log().toFile());
        assertThat(LogSchema.errors(tree)).isEmpty();
        tree.put("status", "finished-ish");
        ((ObjectNode) tree.get("samples").get(0)).remove("epoch");
        assertThat(LogSchema.errors(tree)).anyMatch(e -> e.contains("status")).anyMatch(e -> e.contains("epoch"));
    }

    @Test
    void an_eval_log_reads_back_to_the_same_log_as_json() throws Exception {
        var result = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.5"), 2, 4, 0, Runs.CORE), dir);
        assertThat(result.log().toString()).endsWith(".eval");
        EvalLog fromEval = LogFiles.read(result.log());
        assertThat(fromEval.samples()).hasSize(result.evalLog().samples().size()).allSatisfy(s -> assertThat(s.messages()).isNotEmpty());
        Path asJson = dir.resolve("as.json");
        LogFiles.write(fromEval, asJson);
        var mapper = new ObjectMapper();
        assertThat(mapper.readTree(mapper.writeValueAsString(LogFiles.read(asJson)))).isEqualTo(mapper.readTree(mapper.writeValueAsString(fromEval)));
        var fourth = fromEval.samples().get(3);
        assertThat(covert.log.EvalFiles.sample(result.log(), fourth.id(), fourth.epoch()))
                .hasValueSatisfying(s -> assertThat(s.messages()).isEqualTo(fourth.messages()));
    }

    @Test
    void a_log_round_trips_through_reader_and_writer_unchanged() throws Exception {
        var result = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.5"), 2, 4, 0, Runs.CORE).withLogFormat("json"), dir);
        EvalLog read = LogFiles.read(result.log());
        Path again = dir.resolve("again.json");
        LogFiles.write(read, again);
        var mapper = new ObjectMapper();
        assertThat(mapper.readTree(again.toFile())).isEqualTo(mapper.readTree(result.log().toFile()));
        assertThat(read.samples()).hasSameSizeAs(result.evalLog().samples());
    }
}
