package covert.model.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import covert.model.GenerateConfig;
import covert.model.Message;
import covert.model.Model;
import covert.model.ModelException;
import covert.model.Models;
import covert.testing.Wire;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that admits at most {@link #CAPACITY} requests at a time and answers 429 above that: the AIMD limiter must
 * settle near the capacity, and every call must still succeed through retries.
 */
class AdaptiveLimiterTest {
    static final int CAPACITY = 8;

    HttpServer server;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            int now = inFlight.incrementAndGet();
            try {
                byte[] body;
                int code;
                if (now > CAPACITY) {
                    rejected.incrementAndGet();
                    code = 429;
                    body = "{\"error\":{\"message\":\"Too many concurrent requests\",\"type\":\"rate_limit\",\"param\":null,\"code\":null}}"
                            .getBytes(StandardCharsets.UTF_8);
                } else {
                    Thread.sleep(15);
                    served.incrementAndGet();
                    code = 200;
                    body = RetryTest.OK.getBytes(StandardCharsets.UTF_8);
                }
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(code, body.length);
                ex.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                ex.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void settlesNearTheServersCapacity() throws Exception {
        var stack = new ModelStack(null, 64, new RetryPolicy(50, java.time.Duration.ofMillis(2), java.time.Duration.ofMillis(20)),
                PriceTable.builtIn(), CostBudget.unlimited());
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        Model m = stack.wrap(Models.create("openai-compatible/m", Wire.context(url, Map.of())), "target");
        var failures = new AtomicInteger();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int worker = 0; worker < 64; worker++) {
                exec.submit(() -> {
                    for (int call = 0; call < 12; call++) {
                        try {
                            m.generate(List.of(new Message.UserMessage("hi")), List.of(), GenerateConfig.DEFAULT);
                        } catch (ModelException e) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        assertThat(failures).hasValue(0);
        assertThat(served).hasValue(64 * 12);
        var history = stack.limitHistory();
        assertThat(history).extracting(AdaptiveLimiter.Change::reason).contains("rate_limit");
        assertThat(history.getFirst().oldLimit()).isEqualTo(AdaptiveLimiter.INITIAL);
        // After the first cuts the limit oscillates just above and below the capacity (cut to 80%, grow by one).
        var late = new ArrayList<Integer>();
        for (var c : history.subList(history.size() / 2, history.size())) late.add(c.newLimit());
        double mean = late.stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(mean).isBetween(CAPACITY * 0.6, CAPACITY * 1.4);
        assertThat(history.getLast().newLimit()).isBetween(CAPACITY / 2, CAPACITY * 2);
        // Far fewer rejections than a fixed limit of 64 would cause (every call beyond 8 in flight, over and over).
        assertThat(rejected.get()).isLessThan(64 * 12);
    }

    @Test
    void growsToTheCeilingWhenNothingIsRejected() throws Exception {
        var limiter = new AdaptiveLimiter("m", 50);
        for (int round = 0; round < 10; round++) {
            var permits = new ArrayList<AdaptiveLimiter.Permit>();
            for (int i = 0; i < limiter.limit(); i++) permits.add(limiter.acquire());
            permits.forEach(p -> limiter.release(p, AdaptiveLimiter.Signal.OK));
        }
        assertThat(limiter.limit()).isEqualTo(50);
        assertThat(limiter.history()).extracting(AdaptiveLimiter.Change::reason).containsExactly("slow_start", "slow_start");
    }

    @Test
    void oneEpisodeCutsOnceHoweverManyRequestsItRejects() throws Exception {
        var limiter = new AdaptiveLimiter("m", 100);
        var permits = new ArrayList<AdaptiveLimiter.Permit>();
        for (int i = 0; i < 20; i++) permits.add(limiter.acquire());
        permits.forEach(p -> limiter.release(p, AdaptiveLimiter.Signal.RATE_LIMITED));
        assertThat(limiter.limit()).isEqualTo(16);
        assertThat(limiter.history()).singleElement().extracting(AdaptiveLimiter.Change::reason).isEqualTo("rate_limit");
    }
}
