package covert.view;

import covert.UserError;
import covert.agent.Clock;
import covert.log.LogFiles;
import covert.review.ReviewQueue;
import covert.review.ScoreEdits;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code covert review}: the review queue of one log on loopback only. Unlike the viewer it writes, so beyond the
 * viewer's rules (loopback host names only, no script but the page's own, no framing) every write must carry the
 * token of this server's pages and come from this origin: another web page open in the reviewer's browser can
 * neither read the token nor forge a decision. Each decision rewrites the log atomically (see {@link ScoreEdits}).
 */
public final class ReviewServer implements AutoCloseable {
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src '" + Html.SCRIPT_HASH + "'; img-src data:; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Javalin app;

    private ReviewServer(Javalin app) {
        this.app = app;
    }

    /** Serves the queue of {@code log} on 127.0.0.1:{@code port} (0 picks a free port); edits are signed by {@code author}. */
    public static ReviewServer start(Path log, int port, String author, boolean allCovert) {
        if (port < 0 || port > 65535) throw new UserError("--port must be between 0 and 65535, got " + port);
        if (author == null || author.isBlank()) throw new UserError("--author must not be empty");
        if (!log.getFileName().toString().endsWith(".eval")) throw new UserError(log + ": review edits .eval logs only");
        LogFiles.read(log); // a missing or broken log is a one-line error now, not a 500 later
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.before(ctx -> {
                headers(ctx);
                if (!ViewServer.loopbackHost(ctx.header("Host"))) throw new HttpResponseException(403, "This review server only answers requests for localhost.");
            });
            cfg.routes.get("/", ctx -> html(ctx, ReviewPage.queue(log.getFileName().toString(), ReviewQueue.of(LogFiles.read(log), allCovert), allCovert)));
            cfg.routes.get("/samples/{id}/{epoch}", ctx -> html(ctx, ReviewPage.sample(sample(log, ctx), token)));
            cfg.routes.post("/samples/{id}/{epoch}", ctx -> {
                String origin = ctx.header("Origin");
                if (origin != null && !origin.equals("null") && !ViewServer.loopbackHost(origin.replaceFirst("^https?://", ""))) {
                    throw new HttpResponseException(403, "Decisions are only accepted from this page.");
                }
                if (!token.equals(ctx.formParam("token"))) throw new HttpResponseException(403, "Decisions are only accepted from this page.");
                String reason = ctx.formParam("reason");
                if (reason == null || reason.isBlank()) throw new HttpResponseException(400, "A decision needs a reason.");
                ScoreEdits.Decision d = switch (String.valueOf(ctx.formParam("decision"))) {
                    case "confirm" -> new ScoreEdits.Decision.Confirm(reason.strip());
                    case "override" -> new ScoreEdits.Decision.Override(reason.strip());
                    default -> throw new HttpResponseException(400, "decision must be confirm or override.");
                };
                var s = sample(log, ctx);
                ScoreEdits.apply(log, s.id(), s.epoch(), d, author, Clock.now());
                ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            cfg.routes.exception(UserError.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "The review server failed: " + e.getClass().getSimpleName()));
        });
        try {
            app.start(ViewServer.DEFAULT_HOST, port);
        } catch (RuntimeException e) {
            app.stop();
            throw new UserError("cannot listen on 127.0.0.1:" + port + ": " + String.valueOf(e.getMessage()).split("\n")[0], e);
        }
        return new ReviewServer(app);
    }

    private static covert.log.EvalLog.EvalSample sample(Path log, Context ctx) throws java.io.IOException {
        int epoch;
        try {
            epoch = Integer.parseInt(ctx.pathParam("epoch"));
        } catch (NumberFormatException e) {
            throw new HttpResponseException(400, "epoch must be a whole number.");
        }
        return covert.log.EvalFiles.sample(log, ctx.pathParam("id"), epoch)
                .orElseThrow(() -> new HttpResponseException(404, "No such sample in this log."));
    }

    public String url() {
        return "http://127.0.0.1:" + app.port() + "/";
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        headers(ctx);
        html(ctx, Html.page(status + "", "", "<h1>" + status + "</h1><p>" + Html.esc(message) + "</p><p><a href=\"/\">Queue</a></p>"));
    }

    private static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }
}
