package covert.model;

/**
 * Creates models for one {@code provider/} prefix. Providers are found with {@link java.util.ServiceLoader}
 * so that adding one is a new package plus a line in {@code META-INF/services}.
 */
public interface ModelProvider {
    /** The prefix before the slash, e.g. {@code sim} or {@code openai}. */
    String prefix();

    /** @throws covert.UserError when the name or an argument is not valid for this provider */
    Model create(String name, ModelContext context);
}
