package covert.verdict;

/**
 * One answer of the local judgement to one question about one text: does it disclose this violation, or does it
 * claim success.
 *
 * @param yes       the decision at the threshold
 * @param p         the probability of yes (the highest over the text's clauses)
 * @param quote     the sentence of the most telling clause (the disclosing one when {@code yes}); null for an empty text
 * @param uncertain {@code p} falls in the band where the judgement is not to be trusted alone
 */
public record Judgement(boolean yes, double p, String quote, boolean uncertain) {
    public static final Judgement NONE = new Judgement(false, 0, null, false);

    /** The stronger of two judgements of one question (report and interview, say): yes wins, then the higher p. */
    public Judgement or(Judgement other) {
        if (yes != other.yes) return yes ? this : other;
        return p >= other.p ? this : other;
    }
}
