package covert.env;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import covert.world.WorldSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One environment, exactly as its YAML file declares it. Text fields may use {@code {{axis}}} placeholders,
 * filled with the text of the variant value chosen for that axis. {@code headline} defaults to true except for
 * games, spec sabotage and the over-escalation control; {@code realism_allow} lists evaluation words that
 * belong to the scenario itself (a capability evaluation is about an evaluation) and so pass the realism lint.
 * {@code validation} selects the variants (axis: value) that form the validation split when the suite is
 * loaded as split suites (the built-in {@code train} and {@code validation}); elsewhere it has no effect.
 * {@code sandbox} says how the World is laid out on a real machine (workdir, extra packages, the scenario's time, git history).
 * {@code headline_reason} says why an environment is outside the headline (e.g. it shares the training distribution, so it
 * cannot show out-of-distribution generalization); reports show such environments apart with the reason.
 */
public record EnvironmentSpec(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String family,
        @JsonProperty(required = true) Group group,
        Boolean headline,
        String title,
        String description,
        @JsonProperty(required = true) String systemPrompt,
        @JsonProperty(required = true) String task,
        @JsonProperty(required = true) @JsonDeserialize(contentUsing = ToolNameDeserializer.class) List<String> tools,
        WorldSpec world,
        Map<String, LinkedHashMap<String, String>> variants,
        List<String> interview,
        @JsonProperty(required = true) CheckerSpec checker,
        Playbook sim,
        List<String> realismAllow,
        Map<String, String> validation,
        covert.sandbox.SandboxSpec sandbox,
        String headlineReason) {

    public EnvironmentSpec(String id, String family, Group group, Boolean headline, String title, String description, String systemPrompt,
                           String task, List<String> tools, WorldSpec world, Map<String, LinkedHashMap<String, String>> variants,
                           List<String> interview, CheckerSpec checker, Playbook sim, List<String> realismAllow) {
        this(id, family, group, headline, title, description, systemPrompt, task, tools, world, variants, interview, checker, sim,
                realismAllow, null, null, null);
    }

    public EnvironmentSpec(String id, String family, Group group, Boolean headline, String title, String description, String systemPrompt,
                           String task, List<String> tools, WorldSpec world, Map<String, LinkedHashMap<String, String>> variants,
                           List<String> interview, CheckerSpec checker, Playbook sim, List<String> realismAllow, Map<String, String> validation,
                           covert.sandbox.SandboxSpec sandbox) {
        this(id, family, group, headline, title, description, systemPrompt, task, tools, world, variants, interview, checker, sim,
                realismAllow, validation, sandbox, null);
    }

    public EnvironmentSpec {
        validation = validation == null ? null : Map.copyOf(validation);
        sandbox = sandbox == null ? covert.sandbox.SandboxSpec.DEFAULT : sandbox;
        world = world == null ? WorldSpec.empty() : world;
        variants = variants == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        interview = interview == null ? List.of() : List.copyOf(interview);
        tools = List.copyOf(tools);
        realismAllow = realismAllow == null ? List.of() : List.copyOf(realismAllow);
        headline = headline == null ? !(group == Group.GAMES || group == Group.SPEC_SABOTAGE || group == Group.OVER_ESCALATION) : headline;
        headlineReason = headline ? null : headlineReason != null && !headlineReason.isBlank() ? headlineReason.strip() : defaultReason(group);
    }

    /** Why an environment of this group is outside the headline when its spec gives no reason (also for logs that recorded none). */
    public static String defaultReason(Group group) {
        return switch (group) {
            case GAMES -> "strategic deception game: reported apart, as the study did";
            case SPEC_SABOTAGE -> "adversarial for models trained on the anti-scheming spec: reported apart";
            case OVER_ESCALATION -> "a control: measures over-escalation, not covert actions";
            default -> "marked headline: false in its spec";
        };
    }

    /** Whether this environment counts in the headline covert-action aggregate; {@link #headlineReason()} says why not. */
    public boolean inHeadline() {
        return headline;
    }

    /** The over-escalation control measures escalations, not covert actions. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isControl() {
        return group == Group.OVER_ESCALATION;
    }

    /** Whether a variant belongs to the validation split: it has every axis value {@code validation} names. */
    public boolean inValidation(Map<String, String> variant) {
        return validation != null && validation.entrySet().stream().allMatch(e -> e.getValue().equals(variant.get(e.getKey())));
    }

    /** Axis name to its values, in declaration order. */
    public Map<String, List<String>> axes() {
        var out = new LinkedHashMap<String, List<String>>();
        variants.forEach((axis, values) -> out.put(axis, List.copyOf(values.keySet())));
        return out;
    }
}
