package covert.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.UserError;
import covert.log.LogFiles;
import covert.run.ProviderOptions;
import covert.testing.Runs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which backend a run gets, and how the log records it. Needs no bwrap: the choice is what is tested. */
class SandboxChoiceTest {
    @Test
    void simulated_organisms_stay_on_the_emulated_shell_under_auto_without_a_warning() {
        var warnings = new ArrayList<String>();
        assertThat(Sandboxes.choose("auto", true, Bounds.DEFAULT, warnings::add)).isInstanceOf(Emulated.class);
        assertThat(warnings).isEmpty();
    }

    @Test
    void a_real_model_on_the_emulated_shell_gets_a_loud_warning() {
        var warnings = new ArrayList<String>();
        assertThat(Sandboxes.choose("emulated", false, Bounds.DEFAULT, warnings::add)).isInstanceOf(Emulated.class);
        assertThat(warnings).singleElement().asString().startsWith("WARNING").contains("--sandbox bwrap");
    }

    @Test
    void auto_gives_a_real_model_bwrap_where_it_runs() {
        var warnings = new ArrayList<String>();
        Sandbox sb = Sandboxes.choose("auto", false, Bounds.DEFAULT, warnings::add);
        if (Bwrap.unavailable().isEmpty()) {
            assertThat(sb).isInstanceOf(Bwrap.class);
            assertThat(warnings).isEmpty();
        } else {
            assertThat(sb).isInstanceOf(Emulated.class);
            assertThat(warnings).singleElement().asString().contains("bwrap:");
        }
    }

    @Test
    void an_unknown_choice_is_a_user_error() {
        assertThatThrownBy(() -> Sandboxes.choose("docker", false, Bounds.DEFAULT, w -> {})).isInstanceOf(UserError.class)
                .hasMessageContaining("auto, bwrap or emulated");
        assertThatThrownBy(() -> ProviderOptions.DEFAULT.withSandbox("auto", 0L)).isInstanceOf(UserError.class);
    }

    @Test
    void the_log_records_the_backend_as_an_inspect_sandbox_environment_spec(@TempDir Path dir) throws Exception {
        var result = Runs.run(Runs.config("sim/baseline", Map.of(), 1, 0, 1, List.of("impossible_tests")), dir);
        var sandbox = LogFiles.header(result.log()).eval().sandbox();
        assertThat(sandbox.type()).isEqualTo("emulated");
        assertThat(sandbox.config()).isNull();
    }

    @Test
    void the_rootfs_key_changes_with_the_package_list_and_not_with_its_order() {
        assertThat(Rootfs.forPackages(List.of()).dir()).isEqualTo(Rootfs.base().dir());
        assertThat(Rootfs.forPackages(List.of("sqlite3")).dir()).isNotEqualTo(Rootfs.base().dir());
        assertThat(Rootfs.forPackages(List.of("sqlite3", "tree")).dir()).isEqualTo(Rootfs.forPackages(List.of("tree", "sqlite3")).dir());
        assertThat(Rootfs.base().packages()).contains("git", "python3-pytest", "ripgrep", "jq");
    }
}
