package covert.run;

import covert.score.Outcome;

/** Hears about a run as it proceeds; the CLI draws a progress bar from it. */
public interface Progress {
    Progress NONE = new Progress() {};

    /** Where the run writes: the final log, and the journal to resume from if it is killed. */
    default void logging(java.nio.file.Path log, java.nio.file.Path journal) {}

    default void started(int total, int alreadyDone, int covertSoFar) {}

    default void sampleDone(Outcome.Kind outcome) {}

    default void finished() {}
}
