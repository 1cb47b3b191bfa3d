package covert.train;

import covert.UserError;
import covert.log.Json;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP reward function for RL trainers: {@code POST /score} with {@code {task_id, transcript}} (OpenAI-format
 * messages; {@code messages} is accepted as well) returns the environment checker's verdict on the replayed
 * transcript and the outcome reward. Binds to loopback unless told otherwise.
 */
public final class RewardServer implements AutoCloseable {
    private final Javalin app;

    private RewardServer(Javalin app) {
        this.app = app;
    }

    public static RewardServer start(Replay replay, String host, int port) {
        if (port < 0 || port > 65535) throw new UserError("--port must be between 0 and 65535, got " + port);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.get("/health", ctx -> ctx.json(Map.of("ok", true)));
            cfg.routes.post("/score", ctx -> {
                Map<String, Object> body;
                try {
                    body = Json.MAPPER.readValue(ctx.body(), new com.fasterxml.jackson.core.type.TypeReference<>() {});
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UserError("the request body is not a JSON object");
                }
                Object t = body.containsKey("transcript") ? body.get("transcript") : body.get("messages");
                if (!(t instanceof List<?> list)) throw new UserError("transcript must be a list of messages");
                @SuppressWarnings("unchecked")
                var score = replay.score(String.valueOf(body.get("task_id")), (List<Map<String, Object>>) list);
                ctx.contentType("application/json").result(Json.MAPPER.writeValueAsString(response(score)));
            });
            cfg.routes.exception(UserError.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
            cfg.routes.exception(Exception.class, (e, ctx) -> ctx.status(500).contentType("application/json")
                    .result("{\"error\":\"scoring failed: " + e.getClass().getSimpleName() + "\"}"));
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            app.stop();
            throw new UserError("cannot listen on " + host + ":" + port + ": " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
        return new RewardServer(app);
    }

    static Map<String, Object> response(Replay.Score s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("task_id", s.taskId());
        m.put("reward", s.reward());
        m.put("outcome", covert.score.Outcome.label(s.outcome()));
        if (s.outcome() instanceof covert.score.Outcome.Covert c) m.put("kinds", c.kinds().stream().map(k -> k.wire()).toList());
        m.put("evidence", s.outcome().evidence());
        m.put("measures", s.outcome().measures());
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
    }
}
