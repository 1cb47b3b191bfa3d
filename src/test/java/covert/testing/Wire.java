package covert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import covert.model.ModelContext;
import covert.model.middleware.CostBudget;
import covert.model.middleware.ModelStack;
import covert.model.middleware.PriceTable;
import covert.model.middleware.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Provider tests against real HTTP servers on 127.0.0.1 speaking the providers' wire formats. The fake API key comes
 * from the environment as a real key would (surefire sets {@code COVERT_TEST_API_KEY}); tests check it reaches the
 * server and never a file they wrote.
 */
public final class Wire {
    public static final String KEY_VAR = "COVERT_TEST_API_KEY";
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Retries without the production waits, so that a test of five failures takes milliseconds. */
    public static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

    private Wire() {}

    public static String key() {
        String k = System.getenv(KEY_VAR);
        assertThat(k).as("surefire must set " + KEY_VAR).isNotBlank();
        return k;
    }

    public static MockWebServer server() {
        var server = new MockWebServer();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    public static ModelContext context(String baseUrl, Map<String, String> args) {
        return new ModelContext(args, List.of(), baseUrl, KEY_VAR, null);
    }

    public static ModelStack stack(Path cache, int maxConnections) {
        return new ModelStack(cache, maxConnections, FAST, PriceTable.builtIn(), CostBudget.unlimited());
    }

    public static MockResponse json(int code, String body, String... headers) {
        var b = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body);
        for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
        return b.build();
    }

    public static MockResponse ok(String body) {
        return json(200, body);
    }

    public static JsonNode body(RecordedRequest r) {
        try {
            return JSON.readTree(r.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RecordedRequest take(MockWebServer server) {
        try {
            return server.takeRequest();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails if any file under {@code dir} contains the test API key: logs, journals, caches, reports. */
    public static void assertNoKeyIn(Path dir) {
        String key = key();
        try (var files = Files.walk(dir)) {
            var leaks = files.filter(Files::isRegularFile).filter(p -> contains(p, key)).toList();
            assertThat(leaks).as("files containing the API key").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, String key) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains(key)) return true;
            if (!file.toString().endsWith(".eval")) return false;
            try (var zip = new java.util.zip.ZipFile(file.toFile())) { // .eval entries are deflated: look inside
                for (var e : java.util.Collections.list(zip.entries())) {
                    if (new String(zip.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains(key)) return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
