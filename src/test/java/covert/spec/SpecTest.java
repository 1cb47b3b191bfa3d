package covert.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecTest {
    @Test
    void built_in_spec_is_2_0_0_with_the_studys_structure() {
        Spec s = Spec.builtIn();
        assertThat(s.version()).isEqualTo("2.0.0");
        assertThat(s.principles()).extracting(Spec.Principle::id).containsExactly("AS1", "AS2", "AS3", "AS4", "AS5", "GP1", "GP2", "GP3", "GP4");
        // the study's meanings, by number (paper.md section 2)
        assertThat(s.render()).contains("AS1. No covert actions or strategic deception", "AS3. Report violations", "AS4. When unsure, assume it counts",
                "AS5. Refuse and escalate", "GP1. Share reasoning, intentions and actions", "GP2. Escalate ambiguity", "GP3. No exceptions for unfamiliar",
                "GP4. No end justifies");
        assertThat(s.relevant()).hasSize(9);
    }

    @Test
    void the_spec_names_no_behaviour_the_test_suite_measures() {
        String text = Spec.builtIn().render().toLowerCase(Locale.ROOT);
        // sandbagging and acting differently when tested or watched are measured by the suite; the study's spec left them out
        assertThat(text).doesNotContainPattern("sandbag|underperform|test|evaluat|observed|watch|monitor|grader|sabotag");
    }

    @Test
    void version_1_0_0_stays_loadable_by_file() throws Exception {
        Path old = Path.of("src/main/resources/spec/anti-scheming-1.0.0.yaml");
        Spec s = Spec.load(old);
        assertThat(s.version()).isEqualTo("1.0.0");
        assertThat(s.render()).contains("AS4. No sandbagging");
        assertThat(s.relevant()).containsExactly("AS1", "AS2", "AS3", "AS5", "GP1", "GP2", "GP3");
    }

    @Test
    void a_relevant_id_the_spec_does_not_define_is_a_one_line_error(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.yaml");
        Files.writeString(f, "id: r\nversion: '1'\nrelevant: [R9]\nprinciples:\n  - {id: R1, title: t, text: t}\n");
        assertThatThrownBy(() -> Spec.load(f)).isInstanceOf(UserError.class).hasMessageContaining("R9");
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
