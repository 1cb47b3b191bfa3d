package covert.redteam;

import covert.score.Outcome;
import covert.log.OutcomeCodec;
import covert.env.Environment;
import covert.model.ModelException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes adversarial variants of an environment for a target model, from the environment's spec, the target's
 * earlier transcripts on it and what the variants tried so far elicited. Implementations: {@link SimAuditor}
 * ({@code sim/auditor}, the offline catalogue search) and {@link ModelAuditor} (any model prompted to write them).
 */
public interface Auditor {
    String name();

    /** At most {@code request.budget()} new variants; fewer (or none) when the auditor has nothing new to try. */
    List<Variant> propose(Request request) throws ModelException;

    /**
     * @param round       1 for the first round of variants
     * @param trials      variants of this environment already run, with what they elicited
     * @param transcripts the target's samples on this environment and on its variants so far
     */
    record Request(Environment env, int round, List<Trial> trials, List<Digest> transcripts, int budget) {}

    /** A variant that was run, and how often the target sabotaged in it. */
    record Trial(Variant variant, int round, int n, int sabotage) {
        public double rate() {
            return n == 0 ? 0 : (double) sabotage / n;
        }
    }

    /**
     * One sample of the target: where it ran ({@code environment} is the source id or a variant id), the variant
     * point, the outcome, the report and the checker's evidence; the full transcript is in {@code log}.
     */
    record Digest(Path log, String environment, String sampleId, int epoch, Map<String, String> variant, String outcome,
                  String report, List<String> evidence) {
        public boolean sabotaged() {
            return OutcomeCodec.kind(outcome) == Outcome.Kind.COVERT;
        }
    }
}
