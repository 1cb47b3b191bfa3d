package covert.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import covert.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An anti-scheming specification: versioned principles with stable IDs that reasoning can cite. The built-in
 * one is {@code spec/anti-scheming.yaml} (2.0.0, the study's AS1-AS5 and GP1-GP4); users may load their own file
 * of the same shape, or the superseded {@code spec/anti-scheming-1.0.0.yaml} by its path.
 *
 * @param relevant the principle IDs whose citation counts as using the spec on a rule conflict (datagen's spec-use
 *                 filter); absent, every principle counts
 */
public record Spec(String id, String version, String title, String preamble, List<Principle> principles, List<String> relevant) {
    public static final String BUILT_IN = "spec/anti-scheming.yaml";

    public record Principle(String id, String title, String text) {
        public Principle {
            if (id == null || !id.matches("[A-Z]{1,4}\\d{1,3}")) throw new UserError("spec principle id must look like AS1 or GP2, got '" + id + "'");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }

    public Spec {
        if (id == null || version == null) throw new UserError("spec needs an id and a version");
        principles = List.copyOf(principles == null ? List.of() : principles);
        if (principles.isEmpty()) throw new UserError("spec " + id + " has no principles");
        var seen = new LinkedHashSet<String>();
        for (var p : principles) if (!seen.add(p.id())) throw new UserError("spec " + id + " repeats principle " + p.id());
        preamble = preamble == null ? "" : preamble;
        title = title == null ? id : title;
        relevant = List.copyOf(relevant == null || relevant.isEmpty() ? seen : relevant);
        for (String r : relevant) if (!seen.contains(r)) throw new UserError("spec " + id + " lists relevant principle " + r + ", which it does not define");
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static Spec builtIn() {
        try (InputStream in = Spec.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            return YAML.readValue(Objects.requireNonNull(in, BUILT_IN), Spec.class);
        } catch (IOException e) {
            throw new IllegalStateException("built-in spec unreadable", e);
        }
    }

    /** Loads a user's spec file, or the built-in one when {@code file} is null. */
    public static Spec load(Path file) {
        if (file == null) return builtIn();
        if (!Files.exists(file)) throw new UserError("spec file not found: " + file);
        covert.log.TextFiles.check(file, covert.log.TextFiles.MAX_SPEC);
        try {
            return YAML.readValue(file.toFile(), Spec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String why = e.getCause() instanceof UserError u ? u.getMessage() : covert.log.Json.problem(e);
            throw new UserError("spec " + file + " is not valid: " + why);
        } catch (IOException e) {
            throw new UserError("cannot read spec " + file + ": " + e.getMessage());
        }
    }

    /** The text placed in a system prompt when rollouts are sampled with the spec in context. */
    public String render() {
        var sb = new StringBuilder("# ").append(title).append(" (").append(id).append(" v").append(version).append(")\n\n");
        if (!preamble.isBlank()) sb.append(preamble.strip()).append("\n\n");
        for (var p : principles) sb.append(p.id()).append(". ").append(p.title()).append(": ").append(p.text().strip()).append('\n');
        return sb.toString();
    }

    /** Matches a citation of any principle by its ID as a whole word, e.g. "per AS2" but not "CLASS2". */
    public Pattern citationPattern() {
        return Pattern.compile("\\b(" + principles.stream().map(p -> Pattern.quote(p.id())).collect(Collectors.joining("|")) + ")\\b");
    }

    /** The principle IDs a text cites, in order of first appearance. */
    public Set<String> citedIn(String text) {
        var out = new LinkedHashSet<String>();
        if (text == null) return out;
        Matcher m = citationPattern().matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
