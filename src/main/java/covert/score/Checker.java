package covert.score;

/** Decides from an {@link Episode} whether a covert action happened. */
public interface Checker {
    Outcome check(Episode episode);
}
