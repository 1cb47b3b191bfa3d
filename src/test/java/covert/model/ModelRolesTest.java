package covert.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRolesTest {
    @Test
    void parses_roles_and_rejects_malformed_unknown_and_repeated_ones() {
        assertThat(ModelRoles.parse(List.of("auditor=openai/gpt-x", " grader = sim/baseline "), List.of("auditor", "grader")))
                .containsEntry("auditor", "openai/gpt-x").containsEntry("grader", "sim/baseline");
        assertThat(ModelRoles.parse(null, List.of("auditor"))).isEmpty();
        assertThatThrownBy(() -> ModelRoles.parse(List.of("auditor"), List.of("auditor"))).isInstanceOf(UserError.class).hasMessageContaining("role=provider/model");
        assertThatThrownBy(() -> ModelRoles.parse(List.of("judge=sim/x"), List.of("auditor"))).isInstanceOf(UserError.class).hasMessageContaining("unknown model role 'judge'");
        assertThatThrownBy(() -> ModelRoles.parse(List.of("auditor=gpt"), List.of("auditor"))).isInstanceOf(UserError.class).hasMessageContaining("provider/name");
        assertThatThrownBy(() -> ModelRoles.parse(List.of("auditor=a/b", "auditor=c/d"), List.of("auditor"))).isInstanceOf(UserError.class).hasMessageContaining("twice");
    }
}
