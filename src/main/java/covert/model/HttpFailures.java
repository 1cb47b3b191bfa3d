package covert.model;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * Turns a provider SDK's failure into a {@link ModelException}, the same way for every SDK: 408, 409, 429 and 5xx
 * (529 "overloaded" included) are retryable, other statuses are not; I/O failures (timeouts, resets, bodies cut
 * short) are retryable. Messages carry the provider's own error text, which never contains the request's API key.
 */
public final class HttpFailures {
    private HttpFailures() {}

    public static boolean retryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** @param header a case-insensitive header lookup returning null when absent */
    public static ModelException status(String provider, int status, Function<String, String> header, String detail, Throwable cause) {
        String hint = switch (status) {
            case 401 -> " (check the API key)";
            case 403 -> " (the key lacks access to this model)";
            case 404 -> " (check the model name and base URL)";
            default -> "";
        };
        return new ModelException(provider + " returned HTTP " + status + hint + ": " + shorten(detail), cause, retryableStatus(status), status,
                retryAfter(header));
    }

    public static ModelException io(String provider, Throwable cause) {
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String why = root == cause ? "" : " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        return new ModelException(provider + " request failed: " + shorten(what) + why, cause, true, 0, null);
    }

    /** A response that arrived but cannot be read (a cut-off or malformed body): transient, worth one more try. */
    public static ModelException unreadable(String provider, Throwable cause) {
        return new ModelException(provider + " sent an unreadable response: " + shorten(String.valueOf(cause.getMessage())), cause, true, 0, null);
    }

    /** {@code retry-after-ms} (OpenAI, Anthropic) or {@code Retry-After} in seconds or as an HTTP date. */
    static Duration retryAfter(Function<String, String> header) {
        try {
            String ms = header.apply("retry-after-ms");
            if (ms != null) return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            String v = header.apply("retry-after");
            if (v == null) return null;
            v = v.trim();
            if (v.chars().allMatch(c -> Character.isDigit(c) || c == '.')) return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
            var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String shorten(String s) {
        if (s == null) return "";
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
