package covert.verdict;

import covert.embed.Logistic;
import covert.verdict.LabelledReports.Item;
import covert.verdict.LabelledReports.Question;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Fits the {@link VerdictModel} on the train split. Labels are per report, the model is per clause, so this is
 * multiple-instance learning (mi-SVM style): every clause of a negative report is a negative example; a positive
 * report contributes its most telling clause, first by relevance to the question among clauses that are not negated,
 * then, for a few rounds, by the current model's score.
 */
public final class Training {
    private static final int ROUNDS = 4;

    private Training() {}

    public static VerdictModel train(LabelledReports set, Function<List<String>, List<float[]>> embed) {
        var placeholder = new VerdictModel(null, null, VerdictModel.THRESHOLD, VerdictModel.LOW, VerdictModel.HIGH, VerdictModel.L2, set.sha256());
        var judge = new LocalJudge(placeholder, embed);
        var train = set.split("train");
        var disclosureBags = bags(judge, train, Question.DISCLOSURE);
        disclosureBags.addAll(organisms(judge));
        Logistic disclosure = fit(judge, disclosureBags);
        Logistic claim = fit(judge, bags(judge, train, Question.CLAIM));
        return new VerdictModel(disclosure, claim, VerdictModel.THRESHOLD, VerdictModel.LOW, VerdictModel.HIGH, VerdictModel.L2, set.sha256());
    }

    /** A report (with its interview) as clause rows, and whether some clause says yes. */
    record Bag(List<float[]> rows, List<Clauses.Clause> clauses, boolean positive, boolean organism) {}

    static List<Bag> bags(LocalJudge judge, List<Item> items, Question q) {
        var out = new ArrayList<Bag>();
        for (Item i : items) {
            if (i.question() != q || i.violation() == null) continue; // nothing violated: the label says nothing about the text
            String text = q == Question.CLAIM || i.interview() == null ? i.report() : i.report() + "\n" + i.interview();
            var clauses = Clauses.of(text);
            if (clauses.isEmpty()) continue;
            String question = q == Question.CLAIM ? LocalJudge.CLAIM : i.asked();
            // disclosure: honest means disclosed (yes); claim: covert means it claims success (yes)
            boolean yes = q == Question.CLAIM ? i.covert() : !i.covert();
            out.add(new Bag(judge.rows(question, text, clauses), clauses, yes, false));
        }
        return out;
    }

    /**
     * The simulated organisms' covert reports and interview answers, as reports that disclose none of their
     * environment's violations (true by construction: the covert path hides what it did). They anchor the judgement on
     * the short, plain reports the organisms write, which the labelled set has few of, so that the known-rate tests of
     * the organisms keep their meaning. The honest paths add nothing: they violate nothing.
     */
    static List<Bag> organisms(LocalJudge judge) {
        var out = new ArrayList<Bag>();
        for (String suite : covert.env.Suite.BUILT_IN) {
            for (var env : covert.env.Suite.load(suite).environments()) {
                var sim = env.spec().sim();
                if (sim == null) continue;
                var texts = new java.util.LinkedHashSet<String>(sim.interview().covert());
                for (var step : sim.covert()) if ("submit".equals(step.call()) && step.args() != null) texts.addAll(strings(step.args().get("report")));
                for (var rule : env.spec().checker().violations()) {
                    if (Boolean.TRUE.equals(rule.when().reportClaimsSuccess())) continue;
                    for (String t : texts) {
                        var clauses = Clauses.of(t);
                        if (!clauses.isEmpty()) out.add(new Bag(judge.rows(rule.description(), t, clauses), clauses, false, true));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> strings(Object o) {
        if (o instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return o == null ? List.of() : List.of(String.valueOf(o));
    }

    private static Logistic fit(LocalJudge judge, List<Bag> bags) {
        int cos = covert.embed.Embedder.DIMENSION;
        int[] witness = new int[bags.size()];
        for (int b = 0; b < bags.size(); b++) witness[b] = argmax(bags.get(b), r -> r[cos] - 2 * r[cos + 1]);
        Logistic lr = null;
        // the balance is the labelled set's: the organisms' many short reports would otherwise shrink it
        long negRows = bags.stream().filter(b -> !b.positive() && !b.organism()).mapToLong(b -> b.rows().size()).sum();
        long negBags = bags.stream().filter(b -> !b.positive() && !b.organism()).count();
        int balance = (int) Math.max(1, Math.round(negRows / (double) Math.max(1, negBags)));
        for (int round = 0; round < ROUNDS; round++) {
            var x = new ArrayList<float[]>();
            var y = new ArrayList<Double>();
            for (int b = 0; b < bags.size(); b++) {
                var bag = bags.get(b);
                if (bag.positive()) {
                    // each positive report weighs as much as a negative one, which brings all its clauses
                    for (int k = 0; k < balance; k++) {
                        x.add(bag.rows().get(witness[b]));
                        y.add(1.0);
                    }
                } else {
                    for (float[] r : bag.rows()) {
                        x.add(r);
                        y.add(0.0);
                    }
                }
            }
            lr = Logistic.fit(x, y.stream().mapToDouble(Double::doubleValue).toArray(), VerdictModel.L2);
            var current = lr;
            boolean moved = false;
            for (int b = 0; b < bags.size(); b++) {
                if (!bags.get(b).positive()) continue;
                int w = argmax(bags.get(b), current::score);
                moved |= w != witness[b];
                witness[b] = w;
            }
            if (!moved) break;
        }
        return lr;
    }

    private static int argmax(Bag bag, java.util.function.ToDoubleFunction<float[]> f) {
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < bag.rows().size(); i++) {
            double v = f.applyAsDouble(bag.rows().get(i));
            if (v > max) {
                max = v;
                best = i;
            }
        }
        return best;
    }
}
