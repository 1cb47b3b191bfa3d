package covert;

/**
 * A problem with what the user asked for (bad flag, missing suite, malformed spec). The CLI prints its
 * message as one line and exits with code 2, so messages must be complete sentences without stack context.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
