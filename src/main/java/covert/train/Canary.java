package covert.train;

/**
 * A fixed string placed in every exported file, so that anyone can later search a corpus or a model's
 * outputs for it and find that Covert's training data leaked into pretraining or an evaluation set (the
 * BIG-bench canary idea). It never changes between versions, or old exports would become undetectable.
 * It uses only {@code [a-z0-9-]} so that it is also a valid OpenAI message {@code name}.
 */
public final class Canary {
    public static final String STRING = "covert-canary-7d3f9c2e-5b1a-4e8f-a6c4-2f9e81b0d5a7";

    private Canary() {}
}
