package covert.testing;

import covert.run.Progress;
import covert.run.RunConfig;
import covert.run.Runner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shorthands for runs in tests. Every log a test writes through here is validated against the schemas. */
public final class Runs {
    /** The three foundation environments: tests that count samples pin them so the suite can grow. */
    public static final List<String> CORE = List.of("impossible_tests", "oversight_config", "sandbag_unlearning");

    private Runs() {}

    public static RunConfig config(String model, Map<String, String> args, int epochs, long seed, int limit, List<String> envs) {
        return new RunConfig("covert", model, args, epochs, seed, 30, 0, 900, limit, envs, 16);
    }

    public static Runner.Result run(RunConfig cfg, Path dir) {
        try {
            var result = Runner.start(cfg, dir, Progress.NONE);
            LogSchema.assertValid(result.log());
            return result;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
