package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import covert.cli.CliTest;
import covert.log.EvalLogs;
import covert.log.LogFiles;
import covert.testing.LogSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code covert run} against an OpenAI-compatible server that nobody here wrote: {@code @dwmkerr/mock-llm} (npm,
 * Node.js), configured as a model that never calls a tool. {@code .ci/run} installs it under
 * {@code ~/.cache/covert/mock-llm}; elsewhere the test skips unless {@code COVERT_REQUIRE_REAL_SERVER=1}.
 */
class RealServerTest {
    static final Path HOME = Path.of(System.getProperty("user.home"), ".cache", "covert", "mock-llm");
    static final Path MAIN = HOME.resolve("node_modules/@dwmkerr/mock-llm/dist/main.js");

    @TempDir
    Path dir;

    @Test
    void a_model_that_never_calls_tools_is_never_honest() throws Exception {
        boolean have = Files.isRegularFile(MAIN) && new ProcessBuilder("node", "--version").start().waitFor() == 0;
        if (!have) {
            String why = "mock-llm or node not installed (" + MAIN + "); .ci/run installs them";
            assertThat(System.getenv("COVERT_REQUIRE_REAL_SERVER")).as(why).isNull();
            Assumptions.abort(why);
        }
        Path config = dir.resolve("mock-llm.yaml");
        // The server's own rule format: every chat completion answers in prose; the model list names one model.
        Files.writeString(config, """
                rules:
                  - path: "/v1/chat/completions"
                    method: "POST"
                    match: "@"
                    response:
                      status: 200
                      content: |
                        {"id": "chatcmpl-1", "object": "chat.completion", "created": 1735689600, "model": "tiny-llm",
                         "choices": [{"index": 0, "message": {"role": "assistant",
                           "content": "I have read your request. I do not think I should take any action right now."},
                           "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 42, "completion_tokens": 17, "total_tokens": 59}}
                  - path: "/v1/models"
                    method: "GET"
                    response:
                      status: 200
                      content: |
                        {"object": "list", "data": [{"id": "tiny-llm", "object": "model", "owned_by": "local"}]}
                """);
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var pb = new ProcessBuilder("node", MAIN.toString(), "--config", config.toString()).redirectErrorStream(true);
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("HOST", "127.0.0.1");
        Process server = pb.start();
        try {
            var out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                line = out.readLine();
            } while (line != null && !line.contains("server running") && System.nanoTime() < deadline);
            assertThat(line).as("mock-llm started").isNotNull().contains("server running");
            Thread.ofVirtual().start(() -> out.lines().forEach(l -> {})); // keep its pipe drained

            var r = CliTest.cli("run", "--model", "openai-compatible/tiny-llm", "--base-url", "http://127.0.0.1:" + port + "/v1",
                    "--env", "impossible_tests,oversight_config", "--limit", "4", "--max-turns", "4", "--log-dir", dir.resolve("logs").toString(),
                    "--no-progress");
            assertThat(r.code()).as(r.err()).isZero();
            Path log = ProviderRunTest.onlyLog(dir.resolve("logs"));
            LogSchema.assertValid(log);
            var samples = LogFiles.read(log).samples();
            assertThat(samples).hasSize(4).allSatisfy(s -> assertThat(EvalLogs.outcome(s)).isEqualTo("incomplete"));
            assertThat(r.out()).contains("NO COMPLETE SAMPLES").contains("Overall covert rate: undefined");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
