package covert.report;

import static org.assertj.core.api.Assertions.assertThat;

import covert.log.LogFiles;
import covert.stats.Overall;
import covert.testing.Runs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the comparison report in headless Chromium, offline, and checks that the charts rendered. Skipped
 * when Chromium is absent, unless COVERT_REQUIRE_CHROMIUM is set (CI sets it after installing Chromium).
 */
class HtmlChromiumTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void report_renders_its_charts_in_a_real_browser() throws Exception {
        boolean required = System.getenv("COVERT_REQUIRE_CHROMIUM") != null;
        if (!required) Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed; .ci/run installs it");
        var a = Runs.run(Runs.config("sim/baseline", Map.of(), 10, 0, 0, Runs.CORE), dir.resolve("a")).log();
        var b = Runs.run(Runs.config("sim/antischeming", Map.of(), 10, 0, 0, Runs.CORE), dir.resolve("b")).log();
        var c = Comparison.of(a.toString(), LogFiles.read(a), b.toString(), LogFiles.read(b), Overall.Options.DEFAULT);
        Path html = dir.resolve("report.html");
        Files.writeString(html, HtmlReport.render(c), StandardCharsets.UTF_8);

        String dom = chromium("--dump-dom", html.toUri().toString());
        assertThat(dom).contains("Covert-action comparison").contains("Reduction factor");
        assertThat(count(dom, "<svg class=\"dotplot\"")).isEqualTo(2);
        assertThat(count(dom, "<svg class=\"dumbbell\"")).isEqualTo(1);
        assertThat(count(dom, "class=\"estimate\"")).isEqualTo(6);
        assertThat(count(dom, "class=\"whisker\"")).isEqualTo(6);

        Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
        chromium("--screenshot=" + png, "--window-size=1200,1600", html.toUri().toString());
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    private String chromium(String... args) throws Exception {
        var cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
