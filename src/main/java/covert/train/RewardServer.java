package covert.train;

import covert.log.OutcomeCodec;
import covert.UserError;
import covert.log.Json;
import com.fasterxml.jackson.databind.JsonNode;
import covert.view.ViewServer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP reward function for RL trainers: {@code POST /score} with {@code {task_id, transcript}} (OpenAI-format
 * messages; {@code messages} is accepted as well) returns the environment checker's verdict on the replayed
 * transcript and the outcome reward. Binds to loopback unless told otherwise.
 */
public final class RewardServer implements AutoCloseable {
    /** Default bound on one request's replay; the emulator is linear-time, so only an abusive transcript gets near it. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    static final long MAX_BODY = 8L << 20;
    private static final Set<String> FIELDS = Set.of("task_id", "transcript", "messages");

    private final Javalin app;
    private final ExecutorService workers;

    private RewardServer(Javalin app, ExecutorService workers) {
        this.app = app;
        this.workers = workers;
    }

    public static RewardServer start(Replay replay, String host, int port) {
        return start(replay, host, port, DEFAULT_DEADLINE);
    }

    /**
     * Starts serving. Bound to loopback, it answers only requests whose Host (and Origin, if any) name loopback and
     * whose body is declared JSON, so a web page can neither rebind a name to it nor send it a "simple" cross-site POST.
     */
    public static RewardServer start(Replay replay, String host, int port, Duration deadline) {
        if (port < 0 || port > 65535) throw new UserError("--port must be between 0 and 65535, got " + port);
        if (host == null || host.isBlank()) throw new UserError("--host must not be empty");
        if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(Duration.ofDays(1)) > 0) {
            throw new UserError("--deadline must be between 1 and 86400 seconds");
        }
        boolean loopback = ViewServer.isLoopback(host);
        var workers = Executors.newVirtualThreadPerTaskExecutor();
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = MAX_BODY;
            cfg.routes.before(ctx -> {
                if (loopback && !ViewServer.loopbackHost(ctx.header("Host"))) throw new Refused(403, "this server only answers requests for localhost");
                String origin = ctx.header("Origin");
                if (loopback && origin != null && !ViewServer.loopbackHost(originHost(origin))) {
                    throw new Refused(403, "cross-origin requests are refused");
                }
            });
            cfg.routes.get("/health", ctx -> ctx.json(Map.of("ok", true)));
            cfg.routes.post("/score", ctx -> {
                String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
                if (!type.startsWith("application/json")) throw new Refused(415, "the body must be sent as application/json");
                var request = parse(ctx.body());
                Future<Replay.Score> job = workers.submit(() -> replay.score(request.taskId(), request.transcript()));
                Replay.Score score;
                try {
                    score = job.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    job.cancel(true); // the emulated shell stops at the interrupt
                    throw new Refused(503, "scoring took longer than " + deadline.toSeconds() + " s and was stopped");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UserError u) throw u;
                    throw new Refused(500, "scoring failed on this transcript");
                }
                ctx.contentType("application/json").result(Json.MAPPER.writeValueAsString(response(score)));
            });
            cfg.routes.exception(UserError.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            cfg.routes.exception(Refused.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
            // Javalin's own messages (size limit, bad method) echo internals; a client gets one sentence.
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 413 ? "the body is larger than " + (MAX_BODY >> 20) + " MiB" : "the request was not understood"));
            cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "scoring failed on this transcript"));
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            app.stop();
            workers.shutdownNow();
            throw new UserError("cannot listen on " + host + ":" + port + ": " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
        return new RewardServer(app, workers);
    }

    /** A checked request: a task id and its OpenAI-format messages. */
    record Request(String taskId, List<Map<String, Object>> transcript) {}

    /** Reads a request body; any other shape is a {@link UserError} whose message is the one-line reason. */
    @SuppressWarnings("unchecked")
    static Request parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError("the request body is not valid JSON");
        }
        if (root == null || !root.isObject()) throw new UserError("the request body must be a JSON object with task_id and transcript");
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) throw new UserError("unknown field '" + shown(f) + "' (expected task_id and transcript)");
        }
        if (!(root.get("task_id") instanceof JsonNode id) || !id.isTextual()) throw new UserError("task_id must be a string");
        JsonNode t = root.has("transcript") ? root.get("transcript") : root.get("messages");
        if (t == null || !t.isArray()) throw new UserError("transcript must be a list of messages");
        for (JsonNode m : t) if (!m.isObject()) throw new UserError("each message in transcript must be a JSON object");
        return new Request(id.asText(), Json.MAPPER.convertValue(t, List.class));
    }

    /** A client-supplied name, short and on one line, for an error message. */
    private static String shown(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 40 ? flat.substring(0, 40) + "…" : flat;
    }

    private static String originHost(String origin) {
        int scheme = origin.indexOf("://");
        return scheme < 0 ? origin : origin.substring(scheme + 3);
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json");
        try {
            ctx.result(Json.MAPPER.writeValueAsString(Map.of("error", message)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.result("{\"error\":\"request refused\"}");
        }
    }

    /** A refusal whose message is written for the client. */
    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static Map<String, Object> response(Replay.Score s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("task_id", s.taskId());
        m.put("reward", s.reward());
        m.putAll(OutcomeCodec.fields(s.outcome()));
        m.putIfAbsent("measures", Map.of());
        m.put("submitted", s.submitted());
        m.put("tool_calls", s.toolCalls());
        return m;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        workers.shutdownNow();
    }
}
