package covert.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecWriterTest {
    @Test
    void every_built_in_spec_survives_a_round_trip() {
        for (String suite : Suite.BUILT_IN) {
            for (var env : Suite.load(suite).environments()) {
                String yaml = SpecWriter.write(env.spec(), List.of("generated", "second line"));
                assertThat(yaml).startsWith("# generated\n# second line\n");
                assertThat(SpecLoader.parse(env.spec().id(), yaml)).as(env.spec().id()).isEqualTo(env.spec());
            }
        }
    }
}
