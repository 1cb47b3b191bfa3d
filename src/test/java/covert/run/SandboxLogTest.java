package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import covert.sandbox.Bwrap;
import covert.sandbox.Emulated;
import covert.sandbox.Sandboxes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** eval.sandbox names the backend; a real model on the emulated shell carries the warning it was given into the log. */
class SandboxLogTest {
    @Test
    void a_real_model_on_the_emulated_shell_is_recorded_with_its_warning() {
        var spec = Runner.sandboxSpec(new Emulated(), false);
        assertThat(spec.type()).isEqualTo("emulated");
        assertThat(spec.config()).isEqualTo(Map.of("warning", Sandboxes.EMULATED_WARNING));
    }

    @Test
    void simulated_and_bwrap_runs_record_their_backend() {
        assertThat(Runner.sandboxSpec(new Emulated(), true).config()).isNull();
        var bwrap = Runner.sandboxSpec(new Bwrap(), false);
        assertThat(bwrap.type()).isEqualTo("bwrap");
        assertThat(bwrap.config()).asString().contains("bookworm").contains("command_timeout");
    }
}
