package covert.awareness;

import covert.log.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 2: L2-regularised logistic regression ({@link covert.embed.Logistic}) on MiniLM sentence embeddings. The weights ship as a resource
 * made by {@code covert awareness train}, so a run never embeds the training set; a test retrains and checks
 * the shipped file still matches the labelled set.
 *
 * @param weights one per embedding dimension
 * @param threshold the score at or above which a sentence counts as aware
 * @param l2 the ridge penalty it was fitted with
 * @param trainedOn SHA-256 of the labelled set it was fitted on
 */
public record Classifier(double[] weights, double bias, double threshold, double l2, String trainedOn) {
    public static final String RESOURCE = "/awareness/model.json";
    /**
     * 5-fold cross-validation on the training split alone (the test split was not consulted) puts penalties
     * 3e-5 to 3e-4 and thresholds 0.4 to 0.5 within noise of each other (F1 0.92-0.93). The threshold 0.5 is
     * taken for precision: awareness is rare in real runs, and at a low base rate false positives dominate.
     */
    public static final double L2 = 1e-4, THRESHOLD = 0.5;

    public double score(float[] x) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) z += weights[j] * x[j];
        return 1 / (1 + Math.exp(-z));
    }

    public boolean aware(double score) {
        return score >= threshold;
    }

    private static volatile Classifier shipped;

    /** The classifier in the jar. */
    public static Classifier shipped() {
        Classifier c = shipped;
        if (c == null) {
            try (var in = Classifier.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing resource " + RESOURCE + " (make it with: covert awareness train)");
                shipped = c = fromJson(Json.MAPPER.readValue(in, Map.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return c;
    }

    /** Fits the training split (see {@link Logistic#fit}). */
    public static Classifier train(LabelledSet set, java.util.function.Function<List<String>, List<float[]>> embed) {
        var items = set.train();
        List<float[]> x = embed.apply(items.stream().map(LabelledSet.Item::text).toList());
        double[] y = items.stream().mapToDouble(i -> i.label() ? 1 : 0).toArray();
        var fit = covert.embed.Logistic.fit(x, y, L2);
        return new Classifier(fit.weights(), fit.bias(), THRESHOLD, L2, set.sha256());
    }

    public Map<String, Object> toJson() {
        var m = new LinkedHashMap<String, Object>();
        m.put("model", "logistic regression on all-MiniLM-L6-v2 sentence embeddings");
        m.put("trained_on", trainedOn);
        m.put("l2", l2);
        m.put("threshold", threshold);
        m.put("bias", bias);
        m.put("weights", weights);
        return m;
    }

    static Classifier fromJson(Map<?, ?> m) {
        double[] w = ((List<?>) m.get("weights")).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        return new Classifier(w, ((Number) m.get("bias")).doubleValue(), ((Number) m.get("threshold")).doubleValue(),
                ((Number) m.get("l2")).doubleValue(), String.valueOf(m.get("trained_on")));
    }
}
