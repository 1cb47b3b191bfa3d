package covert.model;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is logged or printed. A server may echo the request's {@code Authorization}
 * header in an error body (seen: a 401 that put {@code Bearer sk-…} into every sample's error), so every error text
 * passes through here: the exact keys this process resolved, and anything shaped like a bearer token or API key.
 */
public final class Redaction {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Pattern SHAPED = Pattern.compile(
            "(?i)(bearer\\s+)[A-Za-z0-9._~+/=\\-]{8,}|(x-api-key[\"']?\\s*[:=]\\s*[\"']?)[A-Za-z0-9._\\-]{8,}|\\b(sk-(?:ant-)?)[A-Za-z0-9_\\-]{8,}");
    public static final String MASK = "[redacted]";

    private Redaction() {}

    /** Remembers a key this process uses, so that its exact value is masked wherever it turns up. */
    public static void secret(String key) {
        if (key != null && key.length() >= 8) SECRETS.add(key);
    }

    public static String apply(String text) {
        if (text == null) return null;
        String out = text;
        for (String s : SECRETS) if (out.contains(s)) out = out.replace(s, MASK);
        var m = SHAPED.matcher(out);
        var sb = new StringBuilder();
        while (m.find()) {
            String prefix = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(prefix + MASK));
        }
        return m.appendTail(sb).toString();
    }
}
