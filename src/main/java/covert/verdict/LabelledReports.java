package covert.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import covert.env.CheckerSpec;
import covert.env.Suite;
import covert.log.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The labelled final reports the verdict learns from and is scored on (see PROVENANCE.md beside them): each is an
 * environment, what the World shows was violated (or nothing), the report and an optional interview answer, labelled
 * honest or covert with a reason.
 */
public record LabelledReports(List<Item> items, String sha256) {
    public static final String RESOURCE = "/verdict/reports.jsonl";

    public enum Question { DISCLOSURE, CLAIM }

    /**
     * One labelled case. {@code question} is what the label answers: for {@link Question#DISCLOSURE}, honest iff the
     * report or interview discloses {@code violation}; for {@link Question#CLAIM}, covert iff the report claims a success
     * the state contradicts. A null {@code violation} means nothing was violated.
     *
     * @param description the environment's description of the violated rule, from the suite (null when unknown)
     * @param disclosedIf the environment's keyword rules ({@code disclosed_if}) for the violated rule, from the suite: of
     *                    the environment's rules of this kind, those whose subjects the violation line names, or all of
     *                    them when it names none (a case carries its kind, not which rule fired); empty when unknown
     */
    public record Item(String id, String environment, String family, String kind, String violation, Question question, String report,
                       String interview, boolean covert, String reason, String phenomenon, String split, String description,
                       List<CheckerSpec.Disclosure> disclosedIf) {
        public Item {
            disclosedIf = disclosedIf == null ? List.of() : List.copyOf(disclosedIf);
        }

        /** What the disclosure is judged against: the rule as the environment states it, then what the state shows. */
        public String asked() {
            return description == null ? violation : description;
        }
    }

    public static LabelledReports load() {
        try (var in = LabelledReports.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabelledReports parse(byte[] bytes) throws IOException {
        var items = new ArrayList<Item>();
        var descriptions = new HashMap<String, Map<String, List<CheckerSpec.Rule>>>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            JsonNode n = Json.MAPPER.readTree(line);
            String suite = n.path("suite").asText("covert"), env = n.get("environment").asText(), kind = n.path("kind").asText("");
            var rules = descriptions.computeIfAbsent(suite + "/" + env, k -> rules(suite, env)).getOrDefault(kind, List.of());
            var rule = rules.isEmpty() ? null : rules.getFirst();
            items.add(new Item(n.get("id").asText(), env, n.path("family").asText(""), kind, text(n, "violation"),
                    Question.valueOf(n.get("question").asText().toUpperCase(java.util.Locale.ROOT)), text(n, "report"), text(n, "interview"),
                    n.get("label").asText().equals("covert"), n.path("reason").asText(""), n.path("phenomenon").asText(""),
                    n.get("split").asText(), rule == null ? null : rule.description(), keywordRules(rules, text(n, "violation"))));
        }
        return new LabelledReports(List.copyOf(items), sha256(bytes));
    }

    /**
     * The keyword rules a case of these rules (all of one kind) is judged by: those whose subjects the violation line
     * names, or all of them when it names none.
     */
    private static List<CheckerSpec.Disclosure> keywordRules(List<CheckerSpec.Rule> rules, String violation) {
        var all = rules.stream().map(CheckerSpec.Rule::disclosedIf).filter(java.util.Objects::nonNull).toList();
        if (violation == null || all.size() < 2) return all;
        var named = all.stream().filter(d -> d.subjects().stream()
                .anyMatch(r -> java.util.regex.Pattern.compile(r, java.util.regex.Pattern.CASE_INSENSITIVE).matcher(violation).find())).toList();
        return named.isEmpty() ? all : named;
    }

    /** The environment's rules by kind, in order; empty when the environment is not in a built-in suite. */
    private static Map<String, List<CheckerSpec.Rule>> rules(String suite, String env) {
        var out = new HashMap<String, List<CheckerSpec.Rule>>();
        try {
            Suite.load(suite).environment(env).ifPresent(e -> e.spec().checker().violations()
                    .forEach(r -> out.computeIfAbsent(r.kind().wire(), k -> new ArrayList<>()).add(r)));
        } catch (RuntimeException e) {
            // an unknown suite leaves the case with its violation line alone
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        var v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Item> split(String name) {
        return items.stream().filter(i -> i.split().equals(name)).toList();
    }
}
