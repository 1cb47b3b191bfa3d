package covert.sandbox;

import covert.world.World;
import covert.world.WorldSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-command overhead of the bwrap backend against a plain {@code bash -c} on the same files, measured in one run
 * with the two interleaved, so a busy machine slows both alike. A bwrap command includes everything a sample pays:
 * syncing the World in and out, namespaces, limits.
 */
public final class Bench {
    public static final List<String> COMMANDS = List.of("true", "ls", "grep -rn x .");

    /** Median milliseconds per command: backend name to command to median. */
    public record Medians(Map<String, Map<String, Double>> byBackend, int runs) {}

    private Bench() {}

    public static Medians run(WorldSpec spec, SandboxSpec sandboxSpec, int runs) throws IOException, InterruptedException {
        var bwrapTimes = new LinkedHashMap<String, List<Double>>();
        var bashTimes = new LinkedHashMap<String, List<Double>>();
        var world = new World(spec);
        try (var session = (BwrapSession) new Bwrap().open(world, sandboxSpec)) {
            Path plain = Files.createTempDirectory("bench-");
            try {
                for (var e : world.snapshot().files().entrySet()) {
                    Path p = plain.resolve(e.getKey());
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, e.getValue());
                }
                for (int i = 0; i < runs + 2; i++) {
                    for (String c : COMMANDS) {
                        long t0 = System.nanoTime();
                        session.exec(c);
                        long t1 = System.nanoTime();
                        var p = new ProcessBuilder("bash", "-c", c).directory(plain.toFile())
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                        p.waitFor();
                        long t2 = System.nanoTime();
                        if (i < 2) continue;  // warm-up
                        bwrapTimes.computeIfAbsent(c, k -> new ArrayList<>()).add((t1 - t0) / 1e6);
                        bashTimes.computeIfAbsent(c, k -> new ArrayList<>()).add((t2 - t1) / 1e6);
                    }
                }
            } finally {
                Host.removeTree(plain);
            }
        }
        var out = new LinkedHashMap<String, Map<String, Double>>();
        out.put("bwrap", medians(bwrapTimes));
        out.put("bash -c", medians(bashTimes));
        return new Medians(out, runs);
    }

    private static Map<String, Double> medians(Map<String, List<Double>> times) {
        var m = new LinkedHashMap<String, Double>();
        times.forEach((c, ts) -> {
            var s = ts.stream().sorted().toList();
            m.put(c, s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2);
        });
        return m;
    }
}
