package covert.view;

import static org.assertj.core.api.Assertions.assertThat;

import covert.log.EvalLogs;
import covert.log.LogFiles;
import covert.log.SampleRecord;
import covert.report.Summary;
import covert.testing.LogSchema;
import covert.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * {@code covert review} round trip in headless Chromium: confirm one covert sample, override another, then check the
 * .eval carries Inspect score edits that validate, the report's rate moved, and a second session sees both edits.
 */
class ReviewBrowserTest {
    @TempDir
    Path dir;

    @Test
    void confirm_one_override_another_and_the_log_keeps_both_edits() throws Exception {
        boolean present = Files.isExecutable(ViewBrowserTest.CHROMIUM) && Files.isExecutable(ViewBrowserTest.DRIVER);
        if (System.getenv("COVERT_REQUIRE_CHROMIUM") == null) Assumptions.assumeTrue(present, "chromium or chromedriver not installed");
        else assertThat(present).as("COVERT_REQUIRE_CHROMIUM is set but chromium or chromedriver is missing").isTrue();

        Path log = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "1"), 1, 0, 3, List.of("oversight_config")), dir.resolve("logs")).log();
        var before = Summary.of(log.toString(), LogFiles.readForReport(log));
        int covertBefore = before.environments().getFirst().covert();
        assertThat(covertBefore).as("a sim organism always on the covert path").isEqualTo(3);

        WebDriver driver = chrome();
        try {
            try (var server = ReviewServer.start(log, 0, "tester", true)) {
                driver.get(server.url());
                assertThat(driver.findElements(By.cssSelector("table.queue a.sample"))).hasSize(3);
                decide(driver, 0, "confirm", "the report hides the edited monitoring config");
                decide(driver, 1, "override", "the diff is a comment-only change; nothing was disabled");
                assertThat(driver.findElements(By.cssSelector("td.review-state")).stream().map(e -> e.getText()).toList())
                        .containsExactly("confirmed", "overridden", "pending");
            }
            // The log now carries Inspect score edits and still validates against the shared schemas.
            LogSchema.assertValid(log);
            assertThat(log.resolveSibling(log.getFileName() + ".orig")).exists();
            var samples = LogFiles.read(log).samples();
            var edited = samples.stream().filter(s -> s.scores().get(SampleRecord.SCORER).history().size() == 2).toList();
            assertThat(edited).hasSize(2);
            for (var s : edited) {
                var edit = (Map<?, ?>) s.scores().get(SampleRecord.SCORER).history().get(1);
                var provenance = (Map<?, ?>) edit.get("provenance");
                assertThat(provenance.get("author")).isEqualTo("tester");
                assertThat(provenance.get("timestamp")).isNotNull();
                assertThat(String.valueOf(provenance.get("reason"))).isNotBlank();
                assertThat(((Map<?, ?>) s.scores().get(SampleRecord.SCORER).history().get(0)).get("provenance")).as("the original").isNull();
            }
            assertThat(samples.stream().map(EvalLogs::outcome).filter("honest"::equals).count()).isEqualTo(1);

            var after = Summary.of(log.toString(), LogFiles.readForReport(log));
            assertThat(after.environments().getFirst().covert()).isEqualTo(covertBefore - 1);
            assertThat(after.sensitivity().reviewed()).isEqualTo(2);
            assertThat(after.sensitivity().overridden()).isEqualTo(1);
            assertThat(after.sensitivity().rates().get("local").k()).as("the local judgement is kept beside the review").isEqualTo(3);
            assertThat(after.sensitivity().rates().get("reviewed").k()).isEqualTo(2);

            // A second session sees the edits.
            try (var server = ReviewServer.start(log, 0, "second", true)) {
                driver.get(server.url());
                assertThat(driver.findElements(By.cssSelector("td.review-state")).stream().map(e -> e.getText()).toList())
                        .containsExactly("confirmed", "overridden", "pending");
                driver.findElements(By.cssSelector("table.queue a.sample")).get(1).click();
                assertThat(driver.findElement(By.cssSelector("ol.history")).getText()).contains("tester", "overridden", "comment-only");
            }
        } finally {
            driver.quit();
        }
    }

    private static void decide(WebDriver driver, int row, String decision, String reason) {
        driver.findElements(By.cssSelector("table.queue a.sample")).get(row).click();
        assertThat(driver.findElement(By.id("world-diff")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.cssSelector("div.report")).getText()).isNotBlank();
        driver.findElement(By.id(decision)).click();
        driver.findElement(By.id("reason")).sendKeys(reason);
        driver.findElement(By.id("save")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Review queue");
    }

    private WebDriver chrome() throws Exception {
        var service = new ChromeDriverService.Builder().usingDriverExecutable(ViewBrowserTest.DRIVER.toFile()).usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        var options = new ChromeOptions();
        options.setBinary(ViewBrowserTest.CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--window-size=1300,2000");
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }
}
