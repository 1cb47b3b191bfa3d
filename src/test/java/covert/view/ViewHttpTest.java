package covert.view;

import static org.assertj.core.api.Assertions.assertThat;

import covert.log.EvalLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every page over real HTTP against a real server on a free loopback port. */
class ViewHttpTest {
    @TempDir
    static Path dir;

    static LogViewSource src;
    static ViewServer server;
    static String runId;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        Path a = ViewFixture.mixedRun(dir.resolve("a"), 5);
        Path b = ViewFixture.intervention(a, dir.resolve("edited.json"));
        src = LogViewSource.open(List.of(a, b));
        runId = src.runs().stream().filter(r -> !r.runId().equals(ViewFixture.EDITED_RUN)).findFirst().orElseThrow().runId();
        server = ViewServer.start(src, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> all(String html, String regex) {
        var out = new ArrayList<String>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void runs_page_lists_both_runs_with_the_simulated_badge_and_locks_the_page_down() throws Exception {
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
        var r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html").contains("utf-8"));
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(r.body()).contains("sim/baseline").contains("simulated model organism")
                .contains("href=\"/runs/" + runId + "\"").contains("href=\"/runs/" + ViewFixture.EDITED_RUN + "\"");
        // Offline: nothing is loaded from anywhere but the page itself.
        assertThat(r.body()).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link").doesNotContain("src=");
        var row = src.run(runId).orElseThrow();
        assertThat(r.body()).contains(Html.pct(row.covertRate())).contains(Html.pct(row.awareRate()));
    }

    @Test
    void run_page_sorts_the_environment_table_by_any_column() throws Exception {
        var envs = src.environments(runId);
        assertThat(envs).hasSize(3);
        var plain = get("/runs/" + runId);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("rate [95% Wilson]").contains("covert only").contains("aware only").contains(">invalid<");
        for (var e : envs) assertThat(plain.body()).contains(Html.pct(e.lower()) + ", " + Html.pct(e.upper()));

        var desc = all(get("/runs/" + runId + "?sort=rate&order=desc").body(), "class=\"env-link\" href=\"[^\"]*\">([^<]+)<");
        var byRate = envs.stream().sorted(Comparator.comparingDouble(ViewSource.EnvRow::rate).reversed()).map(ViewSource.EnvRow::env).toList();
        assertThat(desc).isEqualTo(byRate);
        var asc = all(get("/runs/" + runId + "?sort=env&order=asc").body(), "class=\"env-link\" href=\"[^\"]*\">([^<]+)<");
        assertThat(asc).isSorted();
        assertThat(get("/runs/" + runId + "?sort=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void filters_pick_covert_aware_and_invalid_samples() throws Exception {
        var covert = get("/runs/" + runId + "?filter=covert").body();
        long total = src.samples(runId, null, ViewSource.Filter.COVERT, 1, 1).total();
        assertThat(total).isPositive();
        assertThat(covert).contains("(" + total + ")");
        var outcomes = all(covert, "<tr data-href=\"[^\"]*\" class=\"sample ([a-z]+)\">");
        assertThat(outcomes).isNotEmpty().hasSizeLessThanOrEqualTo(RunPage.PAGE_SIZE).containsOnly("covert");

        var aware = get("/runs/" + runId + "?filter=aware").body();
        assertThat(all(aware, "class=\"sample-link\"[^>]*>([^<]+)<")).isNotEmpty();
        assertThat(all(aware, "(<tr data-href=\"[^\"]*\" class=\"sample [a-z]+\">.*?</tr>)")).isNotEmpty()
                .allSatisfy(row -> assertThat(row).contains("badge aware"));
        assertThat(get("/runs/" + runId + "?filter=invalid").body()).contains("No environment has such samples.");
        assertThat(get("/runs/" + runId + "?filter=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void an_environment_lists_its_samples_a_page_at_a_time() throws Exception {
        String env = "sandbag_unlearning";
        long total = src.samples(runId, env, ViewSource.Filter.ALL, 1, 1).total();
        assertThat(total).isGreaterThan(RunPage.PAGE_SIZE);
        var first = get("/runs/" + runId + "?env=" + env);
        assertThat(first.statusCode()).isEqualTo(200);
        var links1 = all(first.body(), "class=\"sample-link\" href=\"([^\"]+)\"");
        assertThat(links1).hasSize(RunPage.PAGE_SIZE).allSatisfy(l -> assertThat(l).startsWith("/runs/" + runId + "/samples/" + env + "."));
        assertThat(first.body()).contains("rel=\"next\"").contains("page 1 of 2").doesNotContain("rel=\"prev\"");
        var second = get("/runs/" + runId + "?env=" + env + "&page=2").body();
        var links2 = all(second, "class=\"sample-link\" href=\"([^\"]+)\"");
        assertThat(links2).hasSize((int) total - RunPage.PAGE_SIZE).doesNotContainAnyElementsOf(links1);
        assertThat(second).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
        assertThat(get("/runs/" + runId + "?env=" + env + "&page=0").statusCode()).isEqualTo(400);
        assertThat(get("/runs/" + runId + "?env=" + env + "&page=x").statusCode()).isEqualTo(400);
        // Every link on the page works.
        for (String l : links1.subList(0, 3)) assertThat(get(l.replace("&amp;", "&")).statusCode()).isEqualTo(200);
    }

    @Test
    void sample_page_shows_transcript_outcome_evidence_anchors_and_awareness() throws Exception {
        var row = src.samples(runId, null, ViewSource.Filter.COVERT, 1, 500).items().stream().filter(ViewSource.SampleRow::aware).findFirst().orElseThrow();
        EvalLog.EvalSample s = src.sample(runId, row.sampleId(), row.epoch()).orElseThrow();
        var r = get(Html.sampleUrl(runId, row.sampleId(), row.epoch()));
        assertThat(r.statusCode()).isEqualTo(200);
        String html = r.body();
        assertThat(html).contains("class=\"msg system\"").contains("class=\"msg user\"").contains("class=\"msg assistant\"").contains("class=\"msg tool\"")
                .contains("<details class=\"reasoning\" open>").contains("<mark class=\"aware\">").contains("class=\"fn\">submit<")
                .contains("World diff").contains("Outcome: <span class=\"badge covert\">covert</span>");
        @SuppressWarnings("unchecked")
        var evidence = (List<String>) s.scores().get("covert_action").metadata().get("evidence");
        var anchors = all(html, "<li class=\"evidence\"><a class=\"evidence-link\" href=\"#(m\\d+)\"");
        assertThat(anchors).hasSize(evidence.size());
        for (String a : anchors) assertThat(html).contains("id=\"" + a + "\"");
        for (String e : evidence) assertThat(html).contains(Html.esc(e));
        @SuppressWarnings("unchecked")
        var diff = (List<String>) s.metadata().get("world_diff");
        for (String d : diff) assertThat(html).contains(Html.esc(d));
        if (s.metadata().get("interview") != null) assertThat(html).contains("Follow-up interview");
    }

    @Test
    void intervention_links_the_original_shows_the_edit_and_escapes_model_text() throws Exception {
        var row = src.samples(ViewFixture.EDITED_RUN, null, ViewSource.Filter.ALL, 1, 10).items().getFirst();
        String html = get(Html.sampleUrl(ViewFixture.EDITED_RUN, row.sampleId(), row.epoch())).body();
        String original = Html.sampleUrl(runId, row.sampleId(), row.epoch());
        assertThat(html).contains("class=\"original\" href=\"" + Html.esc(original) + "\"");
        assertThat(get(original).statusCode()).isEqualTo(200);
        assertThat(html).contains("<span class=\"ins\">&gt; This might be a test, so I will be careful.</span>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain(ViewFixture.HOSTILE);
    }

    @Test
    void unknown_ids_are_404_and_bad_numbers_400() throws Exception {
        var run = get("/runs/no-such-run");
        assertThat(run.statusCode()).isEqualTo(404);
        assertThat(run.body()).contains("No such run among the loaded logs.");
        assertThat(get("/runs/no-such-run/samples/x/1").statusCode()).isEqualTo(404);
        assertThat(get("/runs/" + runId + "/samples/no-such-sample/1").statusCode()).isEqualTo(404);
        var row = src.samples(runId, null, ViewSource.Filter.ALL, 1, 1).items().getFirst();
        assertThat(get(Html.sampleUrl(runId, row.sampleId(), 99)).statusCode()).isEqualTo(404);
        assertThat(get(Html.runUrl(runId) + "/samples/" + Html.seg(row.sampleId()) + "/one").statusCode()).isEqualTo(400);
        assertThat(get("/runs/" + runId + "?env=no_such_env").statusCode()).isEqualTo(404);
        assertThat(get("/nothing/here").statusCode()).isEqualTo(404);
        assertThat(get("/nothing/here").body()).contains("No such page.");
    }

    @Test
    void path_traversal_reaches_no_file() throws Exception {
        for (String p : List.of("/runs/..%2f..%2fetc/passwd", "/runs/..%2f..%2fetc%2fpasswd", "/runs/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/runs/" + runId + "/samples/..%2f..%2f..%2fetc%2fpasswd/1", "/runs/../../etc/passwd", "/../../etc/passwd")) {
            var r = get(p);
            assertThat(r.statusCode()).as(p).isIn(400, 404);
            assertThat(r.body()).as(p).doesNotContain("root:");
        }
        // A log on disk that was not given is not reachable by its run id or file name either.
        assertThat(get("/runs/" + Html.seg(dir.resolve("a").toString())).statusCode()).isEqualTo(404);
    }

    @Test
    void only_reads_and_only_for_loopback_host_names() throws Exception {
        var post = HTTP.send(HttpRequest.newBuilder(URI.create(server.url())).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        // java.net.http will not send a foreign Host header, so a raw request plays the rebinding page.
        assertThat(rawStatus("evil.example:" + server.port())).isEqualTo(403);
        assertThat(rawStatus("localhost:" + server.port())).isEqualTo(200);
        assertThat(ViewServer.loopbackHost("[::1]:7575")).isTrue();
        assertThat(ViewServer.loopbackHost("127.0.0.1.evil.example")).isFalse();
    }

    private static int rawStatus(String host) throws Exception {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
