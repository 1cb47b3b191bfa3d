package covert.model;

import java.util.List;
import java.util.Map;

/**
 * What a provider may need besides the model name: user-supplied model args ({@code -M key=value}) and,
 * for the simulated organisms only, the playbooks of the suite being run (real providers ignore them).
 */
public record ModelContext(Map<String, String> args, List<?> playbooks) {
    public ModelContext {
        args = Map.copyOf(args);
        playbooks = List.copyOf(playbooks);
    }

    public static ModelContext empty() {
        return new ModelContext(Map.of(), List.of());
    }
}
