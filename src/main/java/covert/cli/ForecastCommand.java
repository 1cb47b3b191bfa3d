package covert.cli;

import covert.UserError;
import covert.env.Suite;
import covert.log.Json;
import covert.log.LogFiles;
import covert.run.Forecast;
import covert.run.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "forecast", mixinStandardHelpOptions = true, description = {
        "Expected tokens, cost and wall time of a run before you spend it, from a pilot of a few samples or an earlier log.",
        "  covert forecast --model openai/o4-mini --suite covert --epochs 20            runs a 3-sample pilot first",
        "  covert forecast --model openai/o4-mini --epochs 20 --from logs/pilot.eval    reuses a log, no requests"})
final class ForecastCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", defaultValue = "covert", description = "Built-in suite name or a directory of YAML specs. Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--model", required = true, description = "provider/name of the target.")
    String model;

    @Option(names = {"-M", "--model-arg"}, description = "Model argument key=value (repeatable).")
    Map<String, String> modelArgs = new LinkedHashMap<>();

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs of the full run. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--limit", defaultValue = "0", description = "The full run's --limit (environment × variant samples); 0 = all.")
    int limit;

    @Option(names = "--env", split = ",", description = "The full run's environments (repeatable or comma-separated).")
    List<String> envs = new ArrayList<>();

    @Option(names = "--pilot", defaultValue = "3", description = "Samples to run for the pilot. Default: ${DEFAULT-VALUE}.")
    int pilot;

    @Option(names = "--from", paramLabel = "LOG", description = "Extrapolate from this log instead of running a pilot.")
    Path from;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    RunOptions options;

    @Mixin
    ProviderMixin providers;

    @Override
    public Integer call() throws Exception {
        String s = Files.isDirectory(Path.of(suite)) ? Path.of(suite).toAbsolutePath().toString() : suite;
        var loaded = Suite.load(s).only(envs);
        int base = loaded.environments().stream().mapToInt(e -> e.variants().size()).sum();
        int planned = (limit > 0 ? Math.min(limit, base) : base) * epochs;
        Path log;
        if (from != null) {
            if (!Files.exists(from)) throw new UserError(from + ": no such log");
            log = from;
        } else {
            if (pilot < 1) throw new UserError("--pilot must be at least 1, got " + pilot);
            var cfg = options.config(s, model, modelArgs, 1, pilot, envs).withProviders(providers.options());
            log = Runner.start(cfg, options.logDir, options.progress("pilot " + model, spec.commandLine().getErr())).log();
        }
        var f = Forecast.of(LogFiles.read(log).samples(), planned, options.maxSamples);
        var out = spec.commandLine().getOut();
        if (json) {
            var m = new LinkedHashMap<String, Object>(Json.MAPPER.convertValue(f, Map.class));
            m.put("total_tokens_all", f.totalTokensAll());
            m.put("total_cost", f.totalCost());
            m.put("wall_seconds", f.wallSeconds());
            m.put("pilot_log", log.toString());
            out.println(Json.MAPPER.writeValueAsString(m));
            return 0;
        }
        out.printf(Locale.ROOT, "Pilot: %d sample(s) from %s%n", f.piloted(), log);
        out.printf(Locale.ROOT, "Per sample: %.1f model calls, %,.0f tokens (%,.0f in, %,.0f out, %,.0f reasoning), %.1f s%s%n",
                f.callsPerSample(), f.totalTokens(), f.inputTokens(), f.outputTokens(), f.reasoningTokens(), f.secondsPerSample(),
                f.costPerSample() == null ? "" : String.format(Locale.ROOT, ", $%.4f", f.costPerSample()));
        out.printf(Locale.ROOT, "Full run: %d samples, %,.0f tokens, cost %s, wall ≈ %s at %d samples in flight (no rate limiting assumed)%n",
                f.planned(), f.totalTokensAll(), f.totalCost() == null ? "unknown (no price for " + model + "; see --price-table)"
                        : String.format(Locale.ROOT, "$%.2f", f.totalCost()), duration(f.wallSeconds()), f.concurrency());
        return 0;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 120 ? s + " s" : s < 7200 ? String.format(Locale.ROOT, "%.1f min", s / 60.0) : String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }
}
