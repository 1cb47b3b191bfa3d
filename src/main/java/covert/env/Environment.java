package covert.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands an {@link EnvironmentSpec} into its factorial grid of variants and renders each one. */
public final class Environment {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    private final EnvironmentSpec spec;
    private final Split split;
    /** Rendered texts per variant: every epoch of a variant reads the same texts, so render them once. */
    private final Map<Map<String, String>, Sample> rendered = new java.util.concurrent.ConcurrentHashMap<>();

    /** Which of the spec's variants this environment offers: all, or one side of its train/validation split. */
    public enum Split { ALL, TRAIN, VALIDATION }

    public Environment(EnvironmentSpec spec) {
        this(spec, Split.ALL);
    }

    public Environment(EnvironmentSpec spec, Split split) {
        this.spec = spec;
        this.split = split;
    }

    public EnvironmentSpec spec() {
        return spec;
    }

    /** One point of the variant grid of an environment. */
    public record VariantOf(Environment env, Map<String, String> variant) {}

    /** Every combination of axis values in this environment's split, in declaration order; one empty map when there are no axes. */
    public List<Map<String, String>> variants() {
        var all = allVariants();
        return switch (split) {
            case ALL -> all;
            case TRAIN -> all.stream().filter(v -> !spec.inValidation(v)).toList();
            case VALIDATION -> all.stream().filter(spec::inValidation).toList();
        };
    }

    private List<Map<String, String>> allVariants() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (var axis : spec.axes().entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (var partial : out) {
                for (String value : axis.getValue()) {
                    var m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    public static String sampleId(String envId, Map<String, String> variant) {
        var sb = new StringBuilder(envId);
        variant.forEach((k, v) -> sb.append('.').append(k).append('=').append(v));
        return sb.toString();
    }

    public Sample sample(Map<String, String> variant, int epoch, long runSeed) {
        Sample t = rendered.computeIfAbsent(Map.copyOf(variant), v -> new Sample(sampleId(spec.id(), variant), 0, 0, spec, variant,
                render(spec.systemPrompt(), variant), render(spec.task(), variant),
                spec.world().render(x -> render(x, variant)),
                spec.interview().stream().map(q -> render(q, variant)).toList()));
        return new Sample(t.id(), epoch, seedFor(runSeed, t.id(), epoch), spec, variant, t.systemPrompt(), t.task(), t.world(), t.interview());
    }

    /** Placeholders that name no axis; the loader rejects specs that have any. */
    public List<String> unknownPlaceholders() {
        var texts = new ArrayList<String>();
        texts.add(spec.systemPrompt());
        texts.add(spec.task());
        texts.addAll(spec.interview());
        texts.addAll(spec.world().files().values());
        texts.addAll(spec.world().files().keySet());
        spec.world().inbox().forEach(m -> { texts.add(m.subject()); texts.add(m.body()); texts.add(m.from()); });
        texts.addAll(spec.world().config().values());
        var out = new ArrayList<String>();
        for (String t : texts) {
            Matcher m = PLACEHOLDER.matcher(t);
            while (m.find()) if (!spec.variants().containsKey(m.group(1))) out.add(m.group(1));
        }
        return out;
    }

    private String render(String text, Map<String, String> variant) {
        if (text == null) return null;
        Matcher m = PLACEHOLDER.matcher(text);
        var sb = new StringBuilder();
        while (m.find()) {
            String axis = m.group(1);
            String value = variant.get(axis);
            String replacement = value == null ? m.group() : spec.variants().get(axis).get(value);
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement == null ? "" : replacement.strip()));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("\n{3,}", "\n\n");
    }

    /** SplitMix64-style mixing, so nearby run seeds and ids give unrelated sample seeds. */
    static long seedFor(long runSeed, String id, int epoch) {
        long z = runSeed * 0x9E3779B97F4A7C15L + id.hashCode() * 0xBF58476D1CE4E5B9L + epoch * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
