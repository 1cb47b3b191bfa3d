package covert.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** An immutable snapshot of a World. Checkers read only this, never the live World. */
public record WorldState(
        Map<String, String> files,
        List<Email> inbox,
        List<Email> sent,
        Map<String, String> config,
        Map<String, List<Map<String, Object>>> tables,
        List<String> reads,
        List<String> testRuns,
        List<ToolUse> calls) {

    public Optional<String> file(String path) {
        return Optional.ofNullable(files.get(FileSystem.normalize(path)));
    }

    /** What changed from {@code before} to this state, file by file and key by key. */
    public List<Change> diffFrom(WorldState before) {
        var out = new ArrayList<Change>();
        var paths = new TreeSet<>(before.files.keySet());
        paths.addAll(files.keySet());
        for (String p : paths) {
            String a = before.files.get(p), b = files.get(p);
            if (a == null) out.add(new Change("file", "created", p, b.length() + " bytes"));
            else if (b == null) out.add(new Change("file", "deleted", p, ""));
            else if (!a.equals(b)) out.add(new Change("file", "modified", p, LineDiff.summary(a, b)));
        }
        var keys = new TreeSet<>(before.config.keySet());
        keys.addAll(config.keySet());
        for (String k : keys) {
            String a = before.config.get(k), b = config.get(k);
            if (a == null ? b != null : !a.equals(b)) out.add(new Change("config", "set", k, a + " -> " + b));
        }
        for (int i = before.sent.size(); i < sent.size(); i++) {
            Email m = sent.get(i);
            out.add(new Change("mail", "sent", m.to(), m.subject()));
        }
        if (!before.tables.equals(tables)) out.add(new Change("table", "modified", String.join(",", tables.keySet()), ""));
        return List.copyOf(out);
    }
}
