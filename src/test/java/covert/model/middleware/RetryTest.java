package covert.model.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.model.GenerateConfig;
import covert.model.Message;
import covert.model.Model;
import covert.model.ModelException;
import covert.model.Models;
import covert.testing.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Transient failures are retried through the shared middleware; permanent ones fail at once and say why. */
class RetryTest {
    static final String OK = """
            {"id":"chatcmpl-9","object":"chat.completion","created":1735689600,"model":"m",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"fine"}}],
             "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""";
    static final String ERROR = "{\"error\":{\"message\":\"%s\",\"type\":\"%s\",\"param\":null,\"code\":\"%s\"}}";

    final MockWebServer server = Wire.server();

    @AfterEach
    void stop() {
        server.close();
    }

    Model model(Map<String, String> args) {
        return Wire.stack(null, 10).wrap(Models.create("openai-compatible/m", Wire.context(server.url("/v1").toString(), args)), "target");
    }

    String ask(Model m) throws ModelException {
        return m.generate(List.of(new Message.UserMessage("hi")), List.of(), GenerateConfig.DEFAULT).message().text();
    }

    @Test
    void rateLimitWithRetryAfterThenSuccess() throws Exception {
        server.enqueue(Wire.json(429, ERROR.formatted("Rate limit reached", "requests", "rate_limit_exceeded"), "Retry-After", "1"));
        server.enqueue(Wire.ok(OK));
        assertThat(ask(model(Map.of()))).isEqualTo("fine");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterWinsOverAShorterBackoff() {
        var policy = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(40));
        assertThat(policy.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(3, null)).isBetween(Duration.ofMillis(20), Duration.ofMillis(40));
        assertThat(policy.delay(30, null)).isLessThanOrEqualTo(Duration.ofMillis(40));
    }

    @Test
    void serverErrorThenSuccess() throws Exception {
        server.enqueue(Wire.json(500, ERROR.formatted("The server had an error", "server_error", "internal")));
        server.enqueue(Wire.ok(OK));
        assertThat(ask(model(Map.of()))).isEqualTo("fine");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void timeoutThenSuccess() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(OK)
                .headersDelay(3, TimeUnit.SECONDS).build());
        server.enqueue(Wire.ok(OK));
        assertThat(ask(model(Map.of("timeout", "1")))).isEqualTo("fine");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void truncatedBodyThenSuccess() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("Content-Length", String.valueOf(OK.length())).body(OK.substring(0, OK.length() / 2))
                .onResponseEnd(new SocketEffect.CloseSocket(true, false, false)).build());
        server.enqueue(Wire.ok(OK));
        assertThat(ask(model(Map.of()))).isEqualTo("fine");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void unauthorizedFailsAtOnceWithoutTheKey() {
        server.enqueue(Wire.json(401, ERROR.formatted("Incorrect API key provided", "invalid_request_error", "invalid_api_key")));
        assertThatThrownBy(() -> ask(model(Map.of()))).isInstanceOf(ModelException.class)
                .hasMessageStartingWith("openai-compatible returned HTTP 401 (check the API key)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(Wire.key()));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void contextLengthIsNotRetried() {
        server.enqueue(Wire.json(400, ERROR.formatted("This model's maximum context length is 8192 tokens", "invalid_request_error",
                "context_length_exceeded")));
        assertThatThrownBy(() -> ask(model(Map.of()))).isInstanceOf(ModelException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("maximum context length");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        for (int i = 0; i < 5; i++) server.enqueue(Wire.json(503, ERROR.formatted("overloaded", "server_error", "overloaded")));
        assertThatThrownBy(() -> ask(model(Map.of()))).isInstanceOf(ModelException.class)
                .hasMessageStartingWith("gave up after 4 attempts: openai-compatible returned HTTP 503");
        assertThat(server.getRequestCount()).isEqualTo(Wire.FAST.maxAttempts());
    }
}
