package covert.view;

import covert.UserError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.Set;

/**
 * The viewer's HTTP layer: three read-only pages over a {@link ViewSource}. Ids in a URL are only ever
 * looked up among the loaded runs, never turned into file paths, so a URL cannot reach any other file.
 */
public final class ViewServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7575;

    // No origin but this one: pages work offline and a model-written string cannot load anything or phone home.
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src '" + Html.SCRIPT_HASH + "'; img-src data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final String RENDERED = "covert.view.rendered";

    private final Javalin app;
    private final String host;

    private ViewServer(Javalin app, String host) {
        this.app = app;
        this.host = host;
    }

    /** Starts serving; port 0 picks a free port. Failing to bind is a {@link UserError}. */
    public static ViewServer start(ViewSource src, String host, int port) {
        if (port < 0 || port > 65535) throw new UserError("--port must be between 0 and 65535, got " + port);
        if (host == null || host.isBlank()) throw new UserError("--host must not be empty");
        boolean loopback = isLoopback(host);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.before(ctx -> {
                securityHeaders(ctx);
                // A web page can point its own host name at 127.0.0.1 (DNS rebinding); a loopback viewer answers loopback names only.
                if (loopback && !loopbackHost(ctx.header("Host"))) throw new Problem(403, "This viewer only answers requests for localhost.");
                if (!HandlerType.GET.equals(ctx.method()) && !HandlerType.HEAD.equals(ctx.method())) throw new Problem(405, "The viewer is read-only.");
            });
            cfg.routes.get("/", ctx -> html(ctx, RunsPage.render(src.runs())));
            cfg.routes.get("/runs/{runId}", ctx -> {
                var run = src.run(ctx.pathParam("runId")).orElseThrow(() -> notFound("No such run among the loaded logs."));
                html(ctx, RunPage.render(src, run, query(ctx, src, run.runId())));
            });
            cfg.routes.get("/runs/{runId}/samples/{sampleId}/{epoch}", ctx -> {
                var run = src.run(ctx.pathParam("runId")).orElseThrow(() -> notFound("No such run among the loaded logs."));
                int epoch = intParam(ctx.pathParam("epoch"), "epoch");
                var sample = src.sample(run.runId(), ctx.pathParam("sampleId"), epoch).orElseThrow(() -> notFound("No such sample in this run."));
                html(ctx, SamplePage.render(src, run, sample));
            });
            // Javalin's own messages echo the request; only the viewer's own sentences are shown.
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e instanceof Problem ? e.getMessage()
                    : e.getStatus() == 404 ? "No such page." : "The request was not understood."));
            cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "The viewer failed on this page: " + e.getClass().getSimpleName()));
            cfg.routes.error(404, ctx -> {
                if (ctx.attribute(RENDERED) == null) error(ctx, 404, "No such page.");
            });
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            app.stop();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException) throw new UserError("cannot listen on " + host + ":" + port
                        + ": the port is in use (choose another with --port, or --port 0 for a free one)", e);
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UserError("cannot listen on " + host + ":" + port + ": " + firstLine(cause.getMessage() == null ? cause.toString() : cause.getMessage()), e);
        }
        return new ViewServer(app, host);
    }

    /** Whether {@code host} is a name of this machine's loopback interface only. */
    public static boolean isLoopback(String host) {
        return host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
    }

    public int port() {
        return app.port();
    }

    public String url() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    @Override
    public void close() {
        app.stop();
    }

    /** An HTTP error whose message is written for the reader of the page. */
    private static final class Problem extends HttpResponseException {
        Problem(int status, String message) {
            super(status, message);
        }
    }

    private static RunPage.Query query(Context ctx, ViewSource src, String runId) {
        ViewSource.Filter filter;
        String f = ctx.queryParam("filter");
        try {
            filter = f == null || f.isEmpty() ? ViewSource.Filter.ALL : ViewSource.Filter.valueOf(f.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Problem(400, "Unknown filter; use all, covert, aware, incomplete or invalid.");
        }
        String env = ctx.queryParam("env");
        if (env != null && env.isEmpty()) env = null;
        if (env != null) {
            String e = env;
            if (src.environments(runId).stream().noneMatch(r -> r.env().equals(e))) throw notFound("No such environment in this run.");
        }
        String page = ctx.queryParam("page");
        int p = page == null || page.isEmpty() ? 1 : intParam(page, "page");
        if (p < 1) throw new Problem(400, "page counts from 1.");
        String sort = ctx.queryParam("sort");
        if (sort != null && sort.isEmpty()) sort = null;
        if (!RunPage.knownSort(sort)) throw new Problem(400, "Unknown sort column.");
        return new RunPage.Query(filter, env, p, sort, "desc".equals(ctx.queryParam("order")));
    }

    private static int intParam(String s, String name) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Problem(400, name + " must be a whole number.");
        }
    }

    private static Problem notFound(String message) {
        return new Problem(404, message);
    }

    private static void html(Context ctx, String page) {
        ctx.attribute(RENDERED, true);
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        securityHeaders(ctx);
        html(ctx, Html.page(status + "", "", "<h1>" + status + "</h1><p>" + Html.esc(message) + "</p><p><a href=\"/\">All runs</a></p>"));
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    /** Whether a Host header (or an Origin's host part) names the loopback interface. */
    public static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) return false;
        String h = hostHeader.toLowerCase(Locale.ROOT).strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(0, end + 1);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return LOOPBACK.contains(h);
    }

    private static String firstLine(String s) {
        return s.split("\n")[0];
    }
}
