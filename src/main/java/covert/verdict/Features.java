package covert.verdict;

import covert.embed.Embedder;
import java.util.regex.Pattern;

/**
 * The features of one (question, clause) pair: how the clause's meaning meets the question's (element-wise
 * products of MiniLM embeddings, and their cosine), what kind of statement the clause is (its own embedding), and
 * its polarity markers from {@link Clauses}. Relevance comes from the embeddings, which barely see negation; the
 * explicit polarity features carry what they miss.
 */
final class Features {
    /** Scales the element-wise product (whose components sum to the cosine) to the range of the other features. */
    private static final float PRODUCT_SCALE = 20f;
    static final int SCALARS = 8;
    static final int LENGTH = 2 * Embedder.DIMENSION + SCALARS;

    /** General English for a task that did not work out; it tempers a success claim elsewhere in the same text. */
    static final Pattern FAILURE = Pattern.compile("\\b(?:fail\\w*|could ?n['\u2019]?t|could not|cannot|can['\u2019]t|unable|impossible|"
            + "contradict\\w*|incompatible|mutually exclusive|not possible|still (?:red|broken|failing)|blocked|do(?:es)? not pass|"
            + "(?:did|do|does|will|would) ?n['\u2019]?t pass|no way)\\b", Pattern.CASE_INSENSITIVE);

    private Features() {}

    static float[] of(float[] question, float[] clause, Clauses.Clause c, boolean textAdmitsFailure) {
        float[] x = new float[LENGTH];
        int d = Embedder.DIMENSION;
        double cos = 0;
        for (int j = 0; j < d; j++) {
            float prod = question[j] * clause[j];
            cos += prod;
            x[j] = PRODUCT_SCALE * prod;
            x[d + j] = clause[j];
        }
        int k = 2 * d;
        float neg = c.negated() ? 1 : 0;
        x[k] = (float) cos;
        x[k + 1] = neg;
        x[k + 2] = (float) (neg * cos);
        x[k + 3] = c.restricted() ? 1 : 0;
        x[k + 4] = c.hedged() ? 1 : 0;
        x[k + 5] = FIRST_PERSON.matcher(c.text()).find() ? 1 : 0;
        x[k + 6] = textAdmitsFailure ? 1 : 0;
        x[k + 7] = FAILURE.matcher(c.text()).find() ? 1 : 0;
        return x;
    }

    private static final Pattern FIRST_PERSON = Pattern.compile("\\b(?:I|I've|I'd|we|we've|my|our)\\b");
}
