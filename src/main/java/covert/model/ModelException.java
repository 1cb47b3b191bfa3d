package covert.model;

/** A generation failed (provider error, malformed output). The sample is recorded as an error, never as honest. */
public class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
