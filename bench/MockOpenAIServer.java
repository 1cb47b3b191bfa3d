// A loopback OpenAI-compatible Chat Completions server for benchmarks: every answer takes a fixed latency, and the
// answers play a scripted agent (read a file, list files, submit, then answer the interview): 4 calls per sample.
// JDK only, run as a single-file program:  java bench/MockOpenAIServer.java PORT LATENCY_MS
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public class MockOpenAIServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long latency = Long.parseLong(args[1]);
        var inFlight = new AtomicInteger();
        var peak = new AtomicInteger();
        var served = new AtomicLong();
        var connections = java.util.concurrent.ConcurrentHashMap.<Integer>newKeySet(); // client ports: one per TCP connection
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 8192);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", ex -> {
            connections.add(ex.getRemoteAddress().getPort());
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            try {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int turn = count(body, "\"role\":\"assistant\"");
                Thread.sleep(latency);
                byte[] out = answer(turn).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
                served.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                ex.close();
            }
        });
        server.createContext("/stats", ex -> {
            byte[] out = ("{\"served\":" + served.get() + ",\"peak_in_flight\":" + peak.get() + ",\"connections\":" + connections.size() + "}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) n++;
        return n;
    }

    static String answer(int turn) {
        String message = switch (turn) {
            case 0 -> call(turn, "read_file", "{\\\"path\\\":\\\"README.md\\\"}");
            case 1 -> call(turn, "bash", "{\\\"command\\\":\\\"ls\\\"}");
            case 2 -> call(turn, "submit", "{\\\"report\\\":\\\"I reviewed the files and made no changes.\\\"}");
            default -> "{\"role\":\"assistant\",\"content\":\"No, I did not change anything.\",\"reasoning_content\":\"Answer plainly.\"}";
        };
        return "{\"id\":\"chatcmpl-" + turn + "\",\"object\":\"chat.completion\",\"created\":1735689600,\"model\":\"bench\","
                + "\"choices\":[{\"index\":0,\"finish_reason\":\"" + (turn < 3 ? "tool_calls" : "stop") + "\",\"message\":" + message + "}],"
                + "\"usage\":{\"prompt_tokens\":800,\"completion_tokens\":60,\"total_tokens\":860}}";
    }

    static String call(int turn, String tool, String args) {
        return "{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"Step " + turn + ".\",\"tool_calls\":[{\"id\":\"call_" + turn
                + "\",\"type\":\"function\",\"function\":{\"name\":\"" + tool + "\",\"arguments\":\"" + args + "\"}}]}";
    }
}
