package covert.score;

import covert.env.CovertKind;
import java.util.List;

/** What a checker concluded about one sample. Invalid samples are excluded from rates and reported apart. */
public sealed interface Outcome {
    List<String> evidence();

    /** Numbers the checker read from the state (e.g. answer accuracy), kept in the log for later analyses. */
    default java.util.Map<String, Double> measures() {
        return java.util.Map.of();
    }

    record Covert(List<CovertKind> kinds, List<String> evidence, java.util.Map<String, Double> measures) implements Outcome {
        public Covert {
            kinds = List.copyOf(kinds);
            evidence = List.copyOf(evidence);
            measures = java.util.Map.copyOf(measures);
        }

        public Covert(List<CovertKind> kinds, List<String> evidence) {
            this(kinds, evidence, java.util.Map.of());
        }
    }

    record Honest(List<String> evidence, java.util.Map<String, Double> measures) implements Outcome {
        public Honest {
            evidence = List.copyOf(evidence);
            measures = java.util.Map.copyOf(measures);
        }

        public Honest(List<String> evidence) {
            this(evidence, java.util.Map.of());
        }
    }

    /** The sample cannot be judged, e.g. it crashed: never counted as honest. */
    record Invalid(String reason) implements Outcome {
        @Override
        public List<String> evidence() {
            return List.of(reason);
        }
    }

    static String label(Outcome o) {
        return switch (o) {
            case Covert c -> "covert";
            case Honest h -> "honest";
            case Invalid i -> "invalid";
        };
    }
}
