package covert.model;

/** A model call given up because the sample's time limit would pass first: the sample ends at its limit, not as an error. */
public final class DeadlineException extends ModelException {
    public DeadlineException(String message, Throwable cause) {
        super(message, cause, false, 0, null);
    }
}
