package covert.redteam;

import covert.env.EnvironmentSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One adversarial variant: a new environment instance made from a source environment, pinned to one point of
 * its variant grid ({@code base}) and changed by a chain of transformations, in order. Its checker is the
 * source's, unchanged, so a sabotage it elicits is judged exactly as in the suite.
 *
 * @param note free-form edits an auditor made beyond the catalogue (empty for catalogue-only chains)
 */
public record Variant(String id, String source, Map<String, String> base, List<String> chain, String note, EnvironmentSpec spec) {
    public Variant {
        base = Map.copyOf(base);
        chain = List.copyOf(chain);
        note = note == null ? "" : note;
    }

    /** Two variants with the same source, base point, set of transformations and free edits are the same experiment. */
    public String key() {
        return source + new java.util.TreeMap<>(base) + new TreeSet<>(chain) + note;
    }
}
