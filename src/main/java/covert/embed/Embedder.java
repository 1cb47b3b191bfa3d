package covert.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings from all-MiniLM-L6-v2, in process and offline (the model and tokenizer ship inside the
 * jar). Loading takes one to two seconds and about 0.6 GB, so there is one shared instance, created on first use.
 * Vectors are L2-normalised, so a dot product is the cosine similarity.
 */
public final class Embedder {
    public static final int DIMENSION = 384;
    /** Batches bound the tokenizer's padding cost and the memory of one ONNX call. */
    private static final int BATCH = 64;

    private static volatile Embedder shared;
    private final EmbeddingModel model;

    private Embedder(EmbeddingModel model) {
        this.model = model;
    }

    public static Embedder shared() {
        Embedder e = shared;
        if (e == null) {
            synchronized (Embedder.class) {
                if (shared == null) shared = new Embedder(new AllMiniLmL6V2EmbeddingModel());
                e = shared;
            }
        }
        return e;
    }

    public float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }

    public List<float[]> embedAll(List<String> texts) {
        var out = new ArrayList<float[]>(texts.size());
        for (int i = 0; i < texts.size(); i += BATCH) {
            var batch = texts.subList(i, Math.min(texts.size(), i + BATCH)).stream()
                    .map(t -> TextSegment.from(t.isBlank() ? "." : t)).toList();
            for (Embedding e : model.embedAll(batch).content()) {
                e.normalize();
                out.add(e.vector());
            }
        }
        return out;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        return dot;
    }
}
