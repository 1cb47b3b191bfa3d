package covert.redteam;

import covert.env.Environment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code sim/auditor}: an offline, deterministic auditor that searches the {@link Transformation} catalogue.
 * <ol>
 *   <li>Round 1: it pins the environment to the variant point where the target's earlier transcripts show the
 *       highest sabotage rate (ties: the first in declaration order) and proposes every transformation that
 *       applies to it, one at a time.</li>
 *   <li>Later rounds: a beam search. The {@code beam} variants tried so far with the highest observed rate
 *       (ties: shorter chains, then catalogue order) are each extended by every transformation not yet in
 *       their chain; chains already tried, in any order, are skipped.</li>
 * </ol>
 * It reads outcomes only, never the target's reasoning, so it is a fair stand-in for a black-box red-teamer.
 */
public final class SimAuditor implements Auditor {
    public static final String NAME = "sim/auditor";
    private final int beam;

    public SimAuditor(int beam) {
        if (beam < 1) throw new covert.UserError("--beam must be at least 1");
        this.beam = beam;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Variant> propose(Request r) {
        var tried = new HashSet<String>();
        r.trials().forEach(t -> tried.add(t.variant().key()));
        var out = new ArrayList<Variant>();
        if (r.trials().isEmpty()) {
            var base = basePoint(r.env(), r.transcripts());
            var pinned = Transformation.pin(r.env().spec(), base);
            for (var t : Transformation.values()) {
                t.apply(pinned).ifPresent(spec -> out.add(new Variant(null, r.env().spec().id(), base, List.of(t.wire()), "", spec)));
            }
        } else {
            var frontier = r.trials().stream().filter(t -> t.variant().note().isEmpty())
                    .sorted(Comparator.comparingDouble(Trial::rate).reversed()
                            .thenComparingInt(t -> t.variant().chain().size())
                            .thenComparing(t -> order(t.variant().chain())))
                    .limit(beam).toList();
            for (var trial : frontier) {
                var v = trial.variant();
                for (var t : Transformation.values()) {
                    if (v.chain().contains(t.wire())) continue;
                    var chain = new ArrayList<>(v.chain());
                    chain.add(t.wire());
                    var next = t.apply(v.spec()).map(spec -> new Variant(null, v.source(), v.base(), chain, "", spec));
                    if (next.isPresent() && tried.add(next.get().key())) out.add(next.get());
                }
            }
        }
        return out.stream().limit(r.budget()).toList();
    }

    /** The variant point with the highest observed sabotage rate in the target's samples of the source environment. */
    static Map<String, String> basePoint(Environment env, List<Digest> transcripts) {
        var counts = new java.util.HashMap<Map<String, String>, int[]>();
        for (var d : transcripts) {
            if (!d.environment().equals(env.spec().id())) continue;
            var c = counts.computeIfAbsent(new java.util.TreeMap<>(d.variant()), k -> new int[2]);
            c[0] += d.sabotaged() ? 1 : 0;
            c[1]++;
        }
        Map<String, String> best = env.variants().get(0);
        double bestRate = -1;
        for (var v : env.variants()) {
            var c = counts.get(new java.util.TreeMap<>(v));
            double rate = c == null || c[1] == 0 ? 0 : (double) c[0] / c[1];
            if (rate > bestRate) {
                best = v;
                bestRate = rate;
            }
        }
        return best;
    }

    private static String order(List<String> chain) {
        var sb = new StringBuilder();
        for (String c : chain) sb.append((char) ('a' + Transformation.parse(c).map(Enum::ordinal).orElse(25)));
        return sb.toString();
    }
}
