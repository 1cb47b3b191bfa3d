package covert.model.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import covert.model.GenerateConfig;
import covert.model.Message;
import covert.model.Model;
import covert.model.Models;
import covert.model.Usage;
import covert.testing.Wire;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheAndLedgerTest {
    static final String PRICED = """
            {"id":"chatcmpl-9","object":"chat.completion","created":1735689600,"model":"gpt-4o",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"fine"}}],
             "usage":{"prompt_tokens":1000000,"completion_tokens":100000,"total_tokens":1100000,"prompt_tokens_details":{"cached_tokens":200000}}}""";

    final MockWebServer server = Wire.server();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        server.close();
        Wire.assertNoKeyIn(dir);
    }

    Model model(ModelStack stack, String spec, String role) {
        return stack.wrap(Models.create(spec, Wire.context(server.url("/v1").toString(), Map.of())), role);
    }

    @Test
    void aCacheHitMakesNoRequest() throws Exception {
        server.enqueue(Wire.ok(RetryTest.OK));
        var input = List.<Message>of(new Message.UserMessage("hi"));
        var first = model(Wire.stack(dir.resolve("cache"), 10), "openai-compatible/m", "target")
                .generate(input, List.of(), GenerateConfig.DEFAULT.withSeed(1));
        // A new stack, as in a second run of the same command: same request, answered from disk.
        var again = model(Wire.stack(dir.resolve("cache"), 10), "openai-compatible/m", "target")
                .generate(input, List.of(), GenerateConfig.DEFAULT.withSeed(1));
        assertThat(again).isEqualTo(first);
        assertThat(server.getRequestCount()).isEqualTo(1);

        // Another epoch (seed) is another request.
        server.enqueue(Wire.ok(RetryTest.OK));
        model(Wire.stack(dir.resolve("cache"), 10), "openai-compatible/m", "target").generate(input, List.of(), GenerateConfig.DEFAULT.withSeed(2));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void usageIsPricedAndBookedPerRoleAndModelAndChargedOnlyForRealRequests() throws Exception {
        server.enqueue(Wire.ok(PRICED));
        server.enqueue(Wire.ok(RetryTest.OK));
        var budget = new CostBudget(1.0);
        var prices = dir.resolve("prices.json");
        java.nio.file.Files.writeString(prices, "{\"models\":{\"openai-compatible/judge\":{\"input\":0,\"output\":0}}}");
        var stack = new ModelStack(dir.resolve("cache"), 10, Wire.FAST, PriceTable.load(prices), budget);
        var target = model(stack, "openai/gpt-4o", "target");
        var grader = model(stack, "openai-compatible/judge", "grader");
        var input = List.<Message>of(new Message.UserMessage("hi"));
        try (var ledger = UsageLedger.open()) {
            var g = target.generate(input, List.of(), GenerateConfig.DEFAULT);
            // gpt-4o: 800k uncached input at $2.50/M + 200k cached at $1.25/M + 100k output at $10/M.
            assertThat(g.usage().totalCost()).isCloseTo(2.0 + 0.25 + 1.0, org.assertj.core.data.Offset.offset(1e-9));
            grader.generate(input, List.of(), GenerateConfig.DEFAULT);
            target.generate(input, List.of(), GenerateConfig.DEFAULT); // cache hit: booked, not charged
            assertThat(ledger.byRole()).containsOnlyKeys("grader", "target");
            assertThat(ledger.byRole().get("target").totalCost()).isCloseTo(6.5, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(ledger.byRole().get("grader").totalCost()).as("a free local judge").isZero();
            assertThat(ledger.byModel()).containsOnlyKeys("openai/gpt-4o", "openai-compatible/judge");
        }
        assertThat(budget.spent()).isCloseTo(3.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(budget.exhausted()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void pricesMatchTheLongestPrefixAndAFileOverrides() throws Exception {
        var file = dir.resolve("prices.json");
        java.nio.file.Files.writeString(file, "{\"models\":{\"openai-compatible/qwen3\":{\"input\":0.1,\"output\":0.4}}}");
        var table = PriceTable.load(file);
        assertThat(table.price("anthropic/claude-sonnet-4-5-20250929")).hasValueSatisfying(p -> assertThat(p.output()).isEqualTo(15.0));
        assertThat(table.price("openai/gpt-4o-mini-2024-07-18")).hasValueSatisfying(p -> assertThat(p.input()).isEqualTo(0.15));
        assertThat(table.price("openai/gpt-4o-2024-08-06")).hasValueSatisfying(p -> assertThat(p.input()).isEqualTo(2.5));
        assertThat(table.cost("openai-compatible/qwen3-8b", new Usage(1_000_000, 1_000_000))).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(table.price("openai-compatible/llama")).isEmpty();
    }
}
