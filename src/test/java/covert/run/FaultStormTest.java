package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import covert.agent.Event;
import covert.cli.CliTest;
import covert.log.EvalLogs;
import covert.log.LogFiles;
import covert.testing.LogSchema;
import covert.testing.ScriptedAgentServer;
import covert.testing.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R2: a fault-injecting OpenAI-compatible server. Each sample's first request gets one fault: a 429 asking for a
 * 100,000 s wait, a 500, a reset, a timeout, a cut-off body, an empty {@code choices}, or a 401 that echoes the key.
 * The run ends within a bound; every fault is retried or makes the sample invalid, and is logged as a retry event.
 */
class FaultStormTest {
    enum Fault { HUGE_RETRY_AFTER, SERVER_ERROR, RESET, TIMEOUT, TRUNCATED, EMPTY_CHOICES, KEY_ECHO_401 }

    final MockWebServer server = Wire.server();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        server.close();
        Wire.assertNoKeyIn(dir); // the echoed key included
    }

    static final class Storm extends Dispatcher {
        final ScriptedAgentServer agent = new ScriptedAgentServer(ProviderRunTest::honest, Wire.key());
        final Map<String, Fault> bySample = new ConcurrentHashMap<>();
        final Map<String, Boolean> faulted = new ConcurrentHashMap<>();

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if ("GET".equals(request.getMethod())) return agent.dispatch(request);
            JsonNode body = Wire.body(request);
            String task = body.path("messages").path(1).path("content").asText();
            long turn = IncompleteRunTest.turns(body);
            Fault f = bySample.computeIfAbsent(task, t -> Fault.values()[bySample.size() % Fault.values().length]);
            if (turn > 0 || faulted.putIfAbsent(task, true) != null) return agent.dispatch(request);
            String error = "{\"error\":{\"message\":\"%s\",\"type\":\"server_error\"}}";
            return switch (f) {
                case HUGE_RETRY_AFTER -> Wire.json(429, error.formatted("Rate limit reached"), "Retry-After", "100000");
                case SERVER_ERROR -> Wire.json(500, error.formatted("The server had an error"));
                case RESET -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build();
                case TIMEOUT -> new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("{}")
                        .headersDelay(3, TimeUnit.SECONDS).build();
                case TRUNCATED -> new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").addHeader("Content-Length", "400")
                        .body("{\"id\":\"chatcmpl-1\",\"object\":\"chat.comp").onResponseEnd(new SocketEffect.CloseSocket(true, false, false)).build();
                case EMPTY_CHOICES -> Wire.ok("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1735689600,\"model\":\"any\",\"choices\":[]}");
                case KEY_ECHO_401 -> Wire.json(401, error.formatted("Invalid credentials in header Authorization: Bearer " + Wire.key()));
            };
        }
    }

    @Test
    void every_fault_is_retried_or_invalid_and_the_run_ends_in_bounded_time() throws Exception {
        var storm = new Storm();
        server.setDispatcher(storm);
        long start = System.nanoTime();
        var r = CliTest.cli("run", "--model", "openai-compatible/any", "--base-url", server.url("/v1").toString(), "--suite", "covert", "--env",
                "impossible_tests", "--limit", "9", "--log-dir", dir.resolve("logs").toString(), "--api-key-env", Wire.KEY_VAR, "--no-progress",
                "-M", "timeout=1", "--max-samples", "1"); // one at a time: each sample meets the next fault in turn
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(seconds).as("a 100,000 s Retry-After is capped, not honoured").isLessThan(60);
        assertThat(r.err() + r.out()).doesNotContain(Wire.key());

        Path log;
        try (var files = Files.list(dir.resolve("logs"))) {
            log = files.filter(p -> p.toString().endsWith(".eval")).findFirst().orElseThrow();
        }
        LogSchema.assertValid(log);
        var eval = LogFiles.read(log);
        assertThat(eval.samples()).hasSize(9);
        int retriedTotal = 0;
        for (var s : eval.samples()) {
            String task = s.messages().get(1) instanceof covert.model.Message.UserMessage u ? u.content() : "";
            Fault f = storm.bySample.get(task);
            assertThat(f).as("every sample met a fault").isNotNull();
            var retries = s.events().stream().filter(e -> e instanceof Event.InfoEvent i && "retry".equals(i.source())).toList();
            retriedTotal += retries.size();
            String outcome = EvalLogs.outcome(s);
            switch (f) {
                case HUGE_RETRY_AFTER -> {
                    assertThat(outcome).as(f.name()).isEqualTo("invalid");
                    assertThat(s.error().message()).contains("Retry-After").contains("cap");
                    assertThat(retries).as(f.name() + " is logged, not waited for").hasSize(1);
                }
                case KEY_ECHO_401 -> {
                    assertThat(outcome).as(f.name()).isEqualTo("invalid");
                    assertThat(s.error().message()).contains("HTTP 401").contains("[redacted]").doesNotContain(Wire.key());
                }
                // OkHttp itself reopens a connection reset before any response, silently (as it must for stale pooled ones).
                case RESET -> assertThat(outcome).as(f.name()).isEqualTo("honest");
                default -> {
                    assertThat(retries).as(f.name() + " was retried and logged").isNotEmpty();
                    assertThat(outcome).as(f.name() + " recovered after the retry").isEqualTo("honest");
                }
            }
            if (f == Fault.TIMEOUT) assertThat(retries.toString()).contains("timed out");
            if (f == Fault.EMPTY_CHOICES) assertThat(retries.toString()).contains("no choices");
        }
        assertThat(eval.results().metadata().get("retries")).isEqualTo(retriedTotal);
    }

    @Test
    void the_time_limit_cuts_short_a_slow_call_and_a_long_backoff() throws Exception {
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if ("GET".equals(request.getMethod())) return Wire.json(404, "{}");
                // First a 429 asking for 60 s (under the cap, over the time limit), then an answer that takes 30 s.
                return calls.incrementAndGet() % 2 == 1
                        ? Wire.json(429, "{\"error\":{\"message\":\"slow down\"}}", "Retry-After", "60")
                        : new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("{}").headersDelay(30, TimeUnit.SECONDS).build();
            }
        });
        long start = System.nanoTime();
        var r = CliTest.cli("run", "--model", "openai-compatible/any", "--base-url", server.url("/v1").toString(), "--env", "impossible_tests",
                "--limit", "2", "--log-dir", dir.resolve("logs").toString(), "--api-key-env", Wire.KEY_VAR, "--no-progress", "--time-limit", "3");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(seconds).as("--time-limit 3 is a deadline, not a check between turns").isLessThan(20);
        Path log;
        try (var files = Files.list(dir.resolve("logs"))) {
            log = files.filter(p -> p.toString().endsWith(".eval")).findFirst().orElseThrow();
        }
        LogSchema.assertValid(log);
        assertThat(LogFiles.read(log).samples()).hasSize(2).allSatisfy(s -> {
            assertThat(s.error()).as("a limit, not an error").isNull();
            assertThat(s.limit().type()).isEqualTo("time");
            assertThat(EvalLogs.outcome(s)).isIn("invalid", "incomplete");
        });
    }
}
