package covert.view;

import covert.log.OutcomeCodec;
import covert.awareness.Lexical;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.score.Outcome;
import covert.log.LogFiles;
import covert.log.SampleRecord;
import covert.model.Content;
import covert.model.Message;
import covert.stats.Interval;
import covert.stats.Rate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ViewSource} over whole JSON logs held in memory: right for the logs one run writes, where
 * reading the file once costs less than indexing it. Lists are computed when a log is opened.
 */
public final class LogViewSource implements ViewSource {
    private record Run(RunRow row, List<EnvRow> envs, List<SampleRow> samples, Map<String, EvalLog.EvalSample> byKey) {}

    private final Map<String, Run> runs = new LinkedHashMap<>();

    private LogViewSource() {}

    /** Reads every log; a missing or malformed file is a {@link covert.UserError} naming it. */
    public static LogViewSource open(List<Path> logs) {
        var src = new LogViewSource();
        var seen = new java.util.HashSet<Path>();
        for (Path p : logs) {
            // The same file named twice (a glob and a path) is one run, not two.
            if (!seen.add(p.toAbsolutePath().normalize())) continue;
            src.add(p.toString(), LogFiles.read(p));
        }
        return src;
    }

    /** Adds one log already in memory; tests and callers that made the log themselves use this. */
    public LogViewSource add(String name, EvalLog log) {
        String base = log.eval().runId() == null || log.eval().runId().isBlank() ? "run" : log.eval().runId();
        String id = base;
        // A log copied or resumed elsewhere keeps its run id; both copies stay reachable.
        for (int i = 2; runs.containsKey(id); i++) id = base + "-" + i;
        runs.put(id, index(id, name, log));
        return this;
    }

    private static Run index(String runId, String name, EvalLog log) {
        var samples = log.samples() == null ? List.<EvalLog.EvalSample>of() : log.samples();
        var rows = new ArrayList<SampleRow>(samples.size());
        var byKey = new HashMap<String, EvalLog.EvalSample>();
        var counts = new LinkedHashMap<String, int[]>(); // covert, valid, invalid, aware, incomplete
        var families = new HashMap<String, String[]>();
        boolean simulated = log.eval().metadata() != null && Boolean.TRUE.equals(log.eval().metadata().get("simulated"));
        int valid = 0, invalid = 0, incomplete = 0, covert = 0, awareValid = 0;
        for (var s : samples) {
            var meta = s.metadata() == null ? Map.<String, Object>of() : s.metadata();
            String env = String.valueOf(meta.getOrDefault("environment", s.id()));
            var outcome = OutcomeCodec.kind(s);
            boolean aware = aware(s);
            rows.add(new SampleRow(s.id(), s.epoch(), env, variant(meta), outcome.wire(), kinds(s), aware));
            byKey.put(key(s.id(), s.epoch()), s);
            families.putIfAbsent(env, new String[] {str(meta.get("family")), str(meta.get("group"))});
            simulated |= Boolean.TRUE.equals(meta.get("simulated"));
            int[] c = counts.computeIfAbsent(env, k -> new int[5]);
            switch (outcome) {
                case COVERT -> { c[0]++; c[1]++; covert++; valid++; }
                case HONEST -> { c[1]++; valid++; }
                case INCOMPLETE -> { c[4]++; incomplete++; }
                case INVALID -> { c[2]++; invalid++; }
            }
            if (aware) {
                c[3]++;
                if (outcome.rated()) awareValid++;
            }
        }
        var envs = new ArrayList<EnvRow>();
        counts.forEach((env, c) -> {
            Rate r = Interval.WILSON.of95(c[0], c[1]);
            String[] fg = families.get(env);
            envs.add(new EnvRow(env, fg[0], fg[1], c[1], c[0], c[4], c[2], c[3], c[1] == 0 ? Double.NaN : r.rate(), r.lower(), r.upper()));
        });
        var spec = log.eval();
        var evalMeta = spec.metadata() == null ? Map.<String, Object>of() : spec.metadata();
        String suite = evalMeta.get("suite") != null ? str(evalMeta.get("suite")) : spec.dataset() == null ? "" : spec.dataset().name();
        var row = new RunRow(runId, name, spec.model(), suite, spec.created(), valid, incomplete, invalid,
                valid == 0 ? null : (double) covert / valid, valid == 0 ? null : (double) awareValid / valid, simulated);
        return new Run(row, List.copyOf(envs), List.copyOf(rows), byKey);
    }

    /** Verbalized evaluation awareness: the detector's verdict logged with the sample, else the lexical pass over its reasoning. */
    static boolean aware(EvalLog.EvalSample s) {
        if (s.metadata() != null && s.metadata().get("aware") instanceof Boolean b) return b;
        if (s.messages() == null) return false;
        for (Message m : s.messages()) {
            if (!(m instanceof Message.AssistantMessage a)) continue;
            for (Content c : a.content()) if (c instanceof Content.Reasoning r && (Lexical.any(r.reasoning()) || Lexical.any(r.summary()))) return true;
        }
        return false;
    }

    private static List<String> kinds(EvalLog.EvalSample s) {
        var score = s.scores() == null ? null : s.scores().get(SampleRecord.SCORER);
        if (score == null || score.metadata() == null || !(score.metadata().get("kinds") instanceof List<?> l)) return List.of();
        return l.stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variant(Map<String, Object> meta) {
        return meta.get("variant") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static String key(String id, int epoch) {
        return id + "#" + epoch;
    }

    @Override
    public List<RunRow> runs() {
        // Newest first; ISO-8601 timestamps with the same offset sort as text.
        return runs.values().stream().map(Run::row)
                .sorted(Comparator.comparing((RunRow r) -> r.created() == null ? "" : r.created()).reversed()).toList();
    }

    @Override
    public Optional<RunRow> run(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(Run::row);
    }

    @Override
    public List<EnvRow> environments(String runId) {
        var r = runs.get(runId);
        return r == null ? List.of() : r.envs();
    }

    /** {@code env} null means every environment; {@code page} counts from 1. */
    @Override
    public Page<SampleRow> samples(String runId, String env, Filter filter, int page, int size) {
        var r = runs.get(runId);
        if (r == null) return new Page<>(List.of(), page, size, 0);
        var all = r.samples().stream().filter(s -> env == null || env.equals(s.env())).filter(s -> switch (filter) {
            case ALL -> true;
            case COVERT -> OutcomeCodec.kind(s.outcome()) == Outcome.Kind.COVERT;
            case AWARE -> s.aware();
            case INCOMPLETE -> OutcomeCodec.kind(s.outcome()) == Outcome.Kind.INCOMPLETE;
            case INVALID -> OutcomeCodec.kind(s.outcome()) == Outcome.Kind.INVALID;
        }).toList();
        int from = (int) Math.min((long) Math.max(0, page - 1) * size, all.size());
        return new Page<>(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    @Override
    public Optional<EvalLog.EvalSample> sample(String runId, String sampleId, int epoch) {
        var r = runs.get(runId);
        return r == null ? Optional.empty() : Optional.ofNullable(r.byKey().get(key(sampleId, epoch)));
    }
}
