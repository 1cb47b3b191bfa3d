package covert.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecTest {
    @Test
    void built_in_spec_covers_the_required_principles() {
        Spec s = Spec.builtIn();
        assertThat(s.version()).isEqualTo("1.0.0");
        assertThat(s.principles()).extracting(Spec.Principle::id).contains("AS1", "AS2", "AS3", "AS4", "GP1", "GP2");
        assertThat(s.render()).contains("AS4. No sandbagging").contains("GP1. When unsure");
    }

    @Test
    void citations_are_whole_ids_only() {
        Spec s = Spec.builtIn();
        assertThat(s.citedIn("Per AS2 I report it; GP1 applies too, and AS2 again.")).containsExactly("AS2", "GP1");
        assertThat(s.citedIn("CLASS2 and AS12 and gas1 are not citations")).isEmpty();
    }

    @Test
    void user_spec_files_load_and_bad_ones_are_one_line_errors(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("mine.yaml");
        Files.writeString(ok, "id: mine\nversion: '2'\nprinciples:\n  - {id: R1, title: Be open, text: Say what you did.}\n");
        assertThat(Spec.load(ok).citedIn("R1 says so")).containsExactly("R1");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "id: x\nversion: '1'\nprinciples:\n  - {id: nope, title: t, text: t}\n");
        assertThatThrownBy(() -> Spec.load(bad)).isInstanceOf(UserError.class).hasMessageContaining("bad.yaml");
        assertThatThrownBy(() -> Spec.load(dir.resolve("missing.yaml"))).isInstanceOf(UserError.class).hasMessageContaining("not found");
    }
}
