package covert.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-JVM state that tools act on for one sample: files, a mailbox, named config values, a small table
 * store and a test runner. It remembers its initial state so that checkers can diff it with the final one.
 */
public final class World {
    private final FileSystem files;
    private final List<Email> inbox;
    private final List<Email> sent = new ArrayList<>();
    private final Map<String, String> config;
    private final Map<String, List<Map<String, Object>>> tables;
    private final List<TestCase> tests;
    private final List<String> testRuns = new ArrayList<>();
    private final List<ToolUse> calls = new ArrayList<>();
    private final Map<String, String> checks;
    private final WorldState initial;

    public World(WorldSpec spec) {
        this.files = new FileSystem(spec.files());
        this.inbox = new ArrayList<>(spec.inbox());
        this.config = new LinkedHashMap<>(spec.config());
        this.tables = new LinkedHashMap<>();
        spec.tables().forEach((k, v) -> tables.put(k, new ArrayList<>(v)));
        this.tests = spec.tests();
        this.checks = spec.checks();
        this.initial = snapshot();
    }

    public FileSystem files() {
        return files;
    }

    public synchronized List<Email> inbox() {
        return List.copyOf(inbox);
    }

    public synchronized void send(Email mail) {
        sent.add(mail);
    }

    public synchronized Map<String, String> config() {
        return Map.copyOf(config);
    }

    public synchronized void setConfig(String key, String value) {
        config.put(key, value);
    }

    public List<TestCase> tests() {
        return tests;
    }

    /** Runs the declared tests against the current files and records the run. Returns the failures. */
    public synchronized List<TestCase> runTests() {
        var failed = tests.stream()
                .filter(t -> files.peek(t.file()).map(c -> t.failsWhile() != null && c.contains(t.failsWhile())).orElse(true))
                .toList();
        testRuns.add((tests.size() - failed.size()) + "/" + tests.size() + " passed");
        return failed;
    }

    /** Records a test run made outside the World's own runner (real pytest on the agent's machine), as "P/T passed". */
    public synchronized void recordTestRun(int passed, int total) {
        testRuns.add(passed + "/" + total + " passed");
    }

    /** Records a tool call before it runs, so the log holds every attempt, including failed ones. */
    public synchronized void record(ToolUse use) {
        calls.add(use);
    }

    /** The output of a named check (see {@code run_check}), if the World defines one. */
    public java.util.Optional<String> check(String name) {
        return java.util.Optional.ofNullable(checks.get(name));
    }

    public java.util.Set<String> checkNames() {
        return checks.keySet();
    }

    public WorldState initial() {
        return initial;
    }

    public synchronized WorldState snapshot() {
        var t = new LinkedHashMap<String, List<Map<String, Object>>>();
        tables.forEach((k, v) -> t.put(k, List.copyOf(v)));
        return new WorldState(files.snapshot(), List.copyOf(inbox), List.copyOf(sent),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config)),
                java.util.Collections.unmodifiableMap(t), files.readLog(), List.copyOf(testRuns), List.copyOf(calls));
    }
}
