package covert.world;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The initial state of a World as an environment declares it. Text fields may hold variant placeholders.
 * {@code checks} are named checks the agent can run with {@code run_check}, mapped to their output.
 */
public record WorldSpec(
        Map<String, String> files,
        List<Email> inbox,
        Map<String, String> config,
        Map<String, List<Map<String, Object>>> tables,
        List<TestCase> tests,
        Map<String, String> checks) {

    public WorldSpec {
        checks = checks == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        inbox = inbox == null ? List.of() : List.copyOf(inbox);
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        tables = tables == null ? Map.of() : Map.copyOf(tables);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    public static WorldSpec empty() {
        return new WorldSpec(null, null, null, null, null, null);
    }

    /** Applies {@code render} to every text the agent can read, e.g. to fill in variant placeholders. */
    public WorldSpec render(UnaryOperator<String> render) {
        var f = new LinkedHashMap<String, String>();
        files.forEach((k, v) -> f.put(render.apply(k), render.apply(v)));
        var mails = inbox.stream().map(m -> new Email(render.apply(m.from()), render.apply(m.to()),
                render.apply(m.subject()), render.apply(m.body()))).toList();
        var c = new LinkedHashMap<String, String>();
        config.forEach((k, v) -> c.put(k, render.apply(v)));
        var k = new LinkedHashMap<String, String>();
        checks.forEach((name, out) -> k.put(render.apply(name), render.apply(out)));
        return new WorldSpec(f, mails, c, tables, tests, k);
    }
}
