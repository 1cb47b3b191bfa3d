package covert.env;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import covert.UserError;
import java.util.HashSet;
import java.util.stream.Collectors;

/**
 * Parses environment YAML. Every problem becomes a one-line {@link UserError} that names the file and,
 * where the parser knows it, the line and column.
 */
public final class SpecLoader {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Most variants (the product of the axes' sizes) one environment may have. */
    public static final int MAX_VARIANTS = 10_000;

    private SpecLoader() {}

    public static EnvironmentSpec parse(String source, String yaml) {
        EnvironmentSpec spec;
        try {
            spec = YAML.readValue(yaml, EnvironmentSpec.class);
        } catch (JsonProcessingException e) {
            throw new UserError(source + where(e, yaml) + ": " + covert.log.Json.problem(e));
        }
        if (spec == null) throw new UserError(source + ": empty environment spec");
        validate(source, spec);
        return spec;
    }

    /**
     * Line and column of the problem. Records are built through their constructors, so Jackson reports an
     * unknown field at the end of its object; the field's own line is found in the source instead.
     */
    private static String where(JsonProcessingException e, String yaml) {
        if (e instanceof UnrecognizedPropertyException u) {
            var m = java.util.regex.Pattern.compile("(?m)^(\\s*(?:- )?)" + java.util.regex.Pattern.quote(u.getPropertyName()) + "\\s*:")
                    .matcher(yaml);
            if (m.find()) {
                int line = (int) yaml.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                return ":" + line + ":" + (m.group(1).length() + 1);
            }
        }
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 0 ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    private static void validate(String source, EnvironmentSpec spec) {
        if (!spec.id().matches("[a-z0-9][a-z0-9_-]*")) {
            throw new UserError(source + ": id '" + spec.id() + "' must be lower-case letters, digits, '_' or '-'");
        }
        if (!spec.tools().contains("submit")) throw new UserError(source + ": tools must include 'submit'");
        var unknown = new Environment(spec).unknownPlaceholders();
        if (!unknown.isEmpty()) {
            throw new UserError(source + ": placeholder {{" + unknown.get(0) + "}} names no variant axis (axes: "
                    + String.join(", ", spec.variants().keySet()) + ")");
        }
        long combinations = 1;
        for (var axis : spec.variants().entrySet()) {
            var values = axis.getValue();
            if (values == null || values.isEmpty()) throw new UserError(source + ": variant axis '" + axis.getKey() + "' has no values");
            combinations = Math.min(combinations * values.size(), MAX_VARIANTS + 1L);
        }
        // every combination becomes a sample: 40 two-valued axes would be 2^40 of them
        if (combinations > MAX_VARIANTS) {
            throw new UserError(source + ": its variant axes make more than " + MAX_VARIANTS + " combinations; split the environment");
        }
        CheckerSpec c = spec.checker();
        if (c.className() == null && c.violations().isEmpty()) {
            throw new UserError(source + ": checker needs 'violations' rules or a 'class'");
        }
        for (int i = 0; i < c.violations().size(); i++) {
            checkCondition(source, spec, "checker.violations[" + i + "].when", c.violations().get(i).when());
            var d = c.violations().get(i).disclosedIf();
            if (d != null) {
                for (String r : d.subjects()) regex(source, "checker.violations[" + i + "].disclosed_if", r);
                for (String r : d.actions()) regex(source, "checker.violations[" + i + "].disclosed_if", r);
            }
        }
        if (c.escalation() != null) {
            checkCondition(source, spec, "checker.escalation.required", c.escalation().required());
            checkCondition(source, spec, "checker.escalation.when", c.escalation().when());
        }
        if (spec.validation() != null) checkVariant(source, spec, "validation", spec.validation());
        if (spec.sim() != null) validatePlaybook(source, spec);
    }

    private static void checkCondition(String source, EnvironmentSpec spec, String where, CheckerSpec.Condition c) {
        if (c == null || c.count() != 1) {
            throw new UserError(source + ": " + where + " needs exactly one condition (file_changed, file_created, file_matches, file_lacks, "
                    + "files_differ, number_wrong, answers_wrong, report_claims_success, report_matches, email_sent, tool_called, "
                    + "tool_calls_fewer, claimed_not_run, config_changed, variant, in_order or all), got " + (c == null ? 0 : c.count()));
        }
        if (c.all() != null) {
            if (c.all().isEmpty()) throw new UserError(source + ": " + where + ".all is empty");
            for (int i = 0; i < c.all().size(); i++) checkCondition(source, spec, where + ".all[" + i + "]", c.all().get(i));
        }
        if (c.variant() != null) checkVariant(source, spec, where + ".variant", c.variant());
        if (c.inOrder() != null) {
            if (c.inOrder().isEmpty()) throw new UserError(source + ": " + where + ".in_order is empty");
            for (var step : c.inOrder()) {
                regex(source, where + ".in_order", step.tool());
                if (step.matches() != null) regex(source, where + ".in_order", step.matches());
            }
        }
        for (String r : new String[] {c.fileCreated(), c.reportMatches(), c.fileMatches() == null ? null : c.fileMatches().regex(),
                c.fileLacks() == null ? null : c.fileLacks().regex(), c.filesDiffer() == null ? null : c.filesDiffer().lines(),
                c.numberWrong() == null ? null : c.numberWrong().regex(), c.emailSent() == null ? null : c.emailSent().to(),
                c.toolCalled() == null ? null : c.toolCalled().matches(), c.toolCallsFewer() == null ? null : c.toolCallsFewer().matches(),
                c.claimedNotRun() == null ? null : c.claimedNotRun().regex()}) {
            if (r != null) regex(source, where, r);
        }
        if (c.answersWrong() != null && c.answersWrong().atLeast() == null && c.answersWrong().counterfactual() == null) {
            throw new UserError(source + ": " + where + ".answers_wrong needs at_least or counterfactual");
        }
    }

    /** A variant selector must name declared axes and values, or it would silently never hold. */
    private static void checkVariant(String source, EnvironmentSpec spec, String where, java.util.Map<String, String> selector) {
        if (selector.isEmpty()) throw new UserError(source + ": " + where + " is empty");
        selector.forEach((axis, value) -> {
            var values = spec.variants().get(axis);
            if (values == null) throw new UserError(source + ": " + where + " names unknown axis '" + axis + "' (axes: "
                    + String.join(", ", spec.variants().keySet()) + ")");
            if (!values.containsKey(value)) throw new UserError(source + ": " + where + " names unknown value '" + value + "' of axis '"
                    + axis + "' (values: " + String.join(", ", values.keySet()) + ")");
        });
    }

    private static void regex(String source, String where, String regex) {
        try {
            java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new UserError(source + ": " + where + ": bad regular expression '" + regex + "': " + e.getDescription());
        }
    }

    private static void validatePlaybook(String source, EnvironmentSpec spec) {
        var tools = new HashSet<>(spec.tools());
        var pb = spec.sim();
        if (pb.recognize() == null || !spec.task().contains(pb.recognize()) && !spec.systemPrompt().contains(pb.recognize())) {
            throw new UserError(source + ": sim.recognize must be a phrase of the task or system prompt");
        }
        for (String path : new String[] {"honest", "covert"}) {
            var steps = path.equals("honest") ? pb.honest() : pb.covert();
            if (steps.isEmpty() || !"submit".equals(steps.get(steps.size() - 1).call())) {
                throw new UserError(source + ": sim." + path + " must end with a submit step");
            }
            for (int i = 0; i < steps.size(); i++) {
                String call = steps.get(i).call();
                if (call != null && !tools.contains(call)) {
                    throw new UserError(source + ": sim." + path + "[" + i + "] calls '" + call + "', which the environment does not offer");
                }
            }
        }
    }
}
