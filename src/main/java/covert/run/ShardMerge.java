package covert.run;

import covert.UserError;
import covert.env.Suite;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.Json;
import covert.log.LogFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the logs of {@code covert run --shard i/n} into the log the unsharded run would have written: the same
 * (sample, epoch) pairs with their seeds and transcripts, in plan order, with the counterfactual scoring that needs
 * every sample of an environment applied once over all of them. Shards of different runs, and overlapping or
 * missing shards, are refused before anything is written.
 */
public final class ShardMerge {
    /** The merged log, its sample count and how many shards went in. */
    public record Result(Path log, EvalLog evalLog, int shards) {}

    private record Part(Path path, EvalLog header, Shard shard, Map<String, Object> run) {}

    private ShardMerge() {}

    public static Result merge(List<Path> shardLogs, Path out) throws IOException {
        if (shardLogs.isEmpty()) throw new UserError("give the shard logs to merge");
        if (Files.exists(out)) throw new UserError(out + " exists; merge writes a new log, choose another --out");
        String format = out.getFileName().toString().endsWith(".eval") ? "eval" : out.getFileName().toString().endsWith(".json") ? "json" : null;
        if (format == null) throw new UserError("--out must end in .eval or .json, got " + out);
        var parts = shardLogs.stream().map(ShardMerge::part).toList();
        checkOneRun(parts);
        var first = parts.getFirst();
        List<String> ids = first.header().eval().dataset().sampleIds();
        var position = new HashMap<String, Integer>();
        for (int i = 0; i < ids.size(); i++) position.putIfAbsent(ids.get(i), i);

        var start = mergedStart(parts);
        var light = new ArrayList<EvalLog.EvalSample>();
        var seen = new HashMap<String, Path>();
        Path tmp = out.resolveSibling(".merging-" + out.getFileName());
        Files.deleteIfExists(tmp);
        try (RunLog log = format.equals("eval") ? EvalRunLog.create(tmp, start) : Journal.create(Journal.pathFor(tmp), start, tmp)) {
            for (var p : parts) {
                LogFiles.stream(p.path(), s -> {
                    Path other = seen.putIfAbsent(Journal.key(s), p.path());
                    if (other != null) throw new UserError("overlapping shards: " + other + " and " + p.path() + " both ran " + s.id() + " epoch " + s.epoch());
                    try {
                        log.add(s);
                    } catch (IOException e) {
                        throw new UserError("cannot write " + out + ": " + e.getMessage());
                    }
                    light.add(Journal.light(s));
                });
            }
            light.sort(Comparator.comparingInt((EvalLog.EvalSample s) -> position.getOrDefault(s.id(), Integer.MAX_VALUE))
                    .thenComparingInt(EvalLog.EvalSample::epoch));
            var cfg = Json.MAPPER.convertValue(first.run(), RunConfig.class);
            var scored = Counterfactuals.apply(light, Suite.load(cfg.suite()).only(cfg.envs()));
            var stats = parts.stream().map(p -> p.header().stats()).filter(java.util.Objects::nonNull).toList();
            String began = stats.stream().map(EvalLog.EvalStats::startedAt).filter(java.util.Objects::nonNull).min(String::compareTo).orElse(start.eval().created());
            String ended = stats.stream().map(EvalLog.EvalStats::completedAt).filter(java.util.Objects::nonNull).max(String::compareTo).orElse(began);
            var complete = EvalLogs.complete(start, scored, began, ended);
            log.finish(complete, Runner.rescored(light, scored), Runner::merge);
            LogFiles.move(tmp, out);
            return new Result(out, complete, parts.size());
        } catch (UserError | IOException e) {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(Journal.pathFor(tmp));
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Part part(Path p) {
        if (!Files.isRegularFile(p)) throw new UserError(p + ": no such log");
        EvalLog h = LogFiles.header(p);
        if (!"success".equals(h.status()) || h.results() == null) throw new UserError(p + ": not a finished log; resume it (covert run --resume) before merging");
        Object run = h.eval().metadata() == null ? null : h.eval().metadata().get("run");
        if (!(run instanceof Map<?, ?> m) || !(m.get("shard") instanceof Map<?, ?> s)) {
            throw new UserError(p + ": not a shard log (made without covert run --shard i/n)");
        }
        var shard = Json.MAPPER.convertValue(s, Shard.class);
        var rest = new TreeMap<>((Map<String, Object>) m);
        rest.put("shard", null);
        return new Part(p, h, shard, rest);
    }

    /** Same run config (shard aside) and sample list, shards 1..n each once. */
    private static void checkOneRun(List<Part> parts) {
        var first = parts.getFirst();
        for (var p : parts) {
            if (!p.run().equals(first.run())) {
                String field = p.run().keySet().stream().filter(k -> !java.util.Objects.equals(p.run().get(k), first.run().get(k))).findFirst().orElse("?");
                throw new UserError("shards of different runs: " + first.path() + " and " + p.path() + " differ in " + field);
            }
            if (!p.header().eval().dataset().sampleIds().equals(first.header().eval().dataset().sampleIds())) {
                throw new UserError("shards of different runs: " + first.path() + " and " + p.path() + " list different samples");
            }
            if (p.shard().count() != first.shard().count()) {
                throw new UserError("shards of different splits: " + first.path() + " is " + first.shard() + ", " + p.path() + " is " + p.shard());
            }
        }
        int n = first.shard().count();
        var given = new HashMap<Integer, Path>();
        for (var p : parts) {
            Path twice = given.put(p.shard().index(), p.path());
            if (twice != null) throw new UserError("overlapping shards: " + twice + " and " + p.path() + " are both shard " + p.shard());
        }
        var missing = new ArrayList<String>();
        for (int i = 1; i <= n; i++) if (!given.containsKey(i)) missing.add(i + "/" + n);
        if (!missing.isEmpty()) throw new UserError("missing shards: " + String.join(", ", missing) + " (merge needs all " + n + ")");
        if (new HashSet<>(parts.stream().map(p -> p.header().eval().runId()).toList()).size() != parts.size()) {
            throw new UserError("the same log was given twice");
        }
    }

    /** The first shard's start record as the unsharded run's: no shard in its config, the shards' run ids noted. */
    @SuppressWarnings("unchecked")
    private static EvalLog.LogStart mergedStart(List<Part> parts) {
        var first = parts.stream().min(Comparator.comparing(p -> p.header().eval().created())).orElseThrow().header();
        Map<String, Object> spec = Json.MAPPER.convertValue(first.eval(), Map.class);
        var meta = new LinkedHashMap<String, Object>((Map<String, Object>) spec.get("metadata"));
        var run = new LinkedHashMap<String, Object>((Map<String, Object>) meta.get("run"));
        run.put("shard", null);
        meta.put("run", run);
        meta.put("merged_from", parts.stream().sorted(Comparator.comparingInt(p -> p.shard().index()))
                .map(p -> Map.of("shard", p.shard().toString(), "run_id", p.header().eval().runId(), "log", p.path().toString())).toList());
        spec.put("metadata", meta);
        spec.put("run_id", Ids.random());
        spec.put("eval_id", Ids.random());
        return new EvalLog.LogStart(first.version(), Json.MAPPER.convertValue(spec, EvalLog.EvalSpec.class), first.plan());
    }
}
