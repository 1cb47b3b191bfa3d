package covert.model;

import covert.UserError;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finds a provider's API key in the environment ({@code --api-key-env NAME} or the provider's standard variable).
 * The key goes straight to the SDK client; only its variable name and a short hash ever leave this class.
 */
public final class ApiKeys {
    private ApiKeys() {}

    /** The key, or null when {@code optional} and unset; otherwise a missing key is a one-line user error. */
    public static String resolve(ModelContext ctx, String standardVar, String model, boolean optional) {
        String var = ctx.apiKeyEnv() == null ? standardVar : ctx.apiKeyEnv();
        String key = ctx.env().apply(var);
        if (key != null && !key.isBlank()) {
            Redaction.secret(key.trim());
            return key.trim();
        }
        if (optional) return null;
        throw new UserError("no API key for " + model + ": set " + var + (ctx.apiKeyEnv() == null ? " or pass --api-key-env NAME" : ""));
    }

    /** Local servers (vLLM, Ollama, llama.cpp on this machine) need no key. */
    public static boolean loopback(String baseUrl) {
        try {
            String host = URI.create(baseUrl).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Distinguishes accounts for the rate limiter without keeping anything that could be turned back into the key. */
    public static String fingerprint(String key) {
        if (key == null) return "none";
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
