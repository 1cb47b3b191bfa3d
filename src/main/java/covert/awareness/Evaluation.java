package covert.awareness;

import java.util.ArrayList;
import java.util.List;

/**
 * How the whole detector (cue pass, then classifier) does on labelled sentences: the confusion matrix and
 * precision, recall and F1 of the positive (aware) class, with the misclassified sentences for inspection.
 */
public record Evaluation(String split, int truePositive, int falsePositive, int falseNegative, int trueNegative, List<Error> errors) {
    /** A misclassified sentence with its score; {@code cued} is false when stage 1 never passed it on. */
    public record Error(String text, boolean label, double score, boolean cued, String category) {}

    public static Evaluation of(Detector detector, List<LabelledSet.Item> items, String split) {
        var verdicts = detector.texts(items.stream().map(LabelledSet.Item::text).toList());
        int tp = 0, fp = 0, fn = 0, tn = 0;
        var errors = new ArrayList<Error>();
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            var v = verdicts.get(i);
            if (v.aware() && item.label()) tp++;
            else if (v.aware()) fp++;
            else if (item.label()) fn++;
            else tn++;
            if (v.aware() != item.label()) {
                boolean cued = Sentences.split(item.text()).stream().anyMatch(s -> Lexical.cue(s.text()));
                errors.add(new Error(item.text(), item.label(), v.score(), cued, item.category()));
            }
        }
        return new Evaluation(split, tp, fp, fn, tn, List.copyOf(errors));
    }

    public double precision() {
        return truePositive + falsePositive == 0 ? Double.NaN : (double) truePositive / (truePositive + falsePositive);
    }

    public double recall() {
        return truePositive + falseNegative == 0 ? Double.NaN : (double) truePositive / (truePositive + falseNegative);
    }

    public double f1() {
        double p = precision(), r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public int n() {
        return truePositive + falsePositive + falseNegative + trueNegative;
    }
}
