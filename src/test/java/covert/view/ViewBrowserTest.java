package covert.view;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Clicks through the viewer in headless Chromium, offline: runs, run, environment, a covert sample. Skipped
 * without Chromium and its driver, unless COVERT_REQUIRE_CHROMIUM is set (CI sets it after installing both).
 */
class ViewBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void click_from_the_runs_page_to_a_covert_sample_with_evidence_and_awareness() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("COVERT_REQUIRE_CHROMIUM") == null) Assumptions.assumeTrue(present, "chromium or chromedriver not installed");
        else assertThat(present).as("COVERT_REQUIRE_CHROMIUM is set but " + CHROMIUM + " or " + DRIVER + " is missing").isTrue();

        Path log = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "1", "awareness_rate", "1"), 1, 0, 0, Runs.CORE), dir.resolve("logs")).log();
        try (var src = LogViewSource.open(List.of(log)); var server = ViewServer.start(src, "127.0.0.1", 0)) {
            WebDriver driver = chrome();
            try {
                driver.get(server.url());
                assertThat(driver.findElement(By.cssSelector(".badge.sim")).isDisplayed()).isTrue();
                driver.findElement(By.cssSelector("a.run-link")).click();

                assertThat(driver.findElement(By.cssSelector("table.envs")).isDisplayed()).isTrue();
                // A click anywhere on the row opens the environment: the inline script runs under the page's CSP.
                driver.findElement(By.xpath("//table[contains(@class,'envs')]//tr[td/a[text()='oversight_config']]/td[2]")).click();
                assertThat(driver.getCurrentUrl()).contains("env=oversight_config");

                WebElement sample = driver.findElement(By.cssSelector("tr.sample.covert a.sample-link"));
                String sampleId = sample.getText();
                assertThat(sampleId).startsWith("oversight_config.");
                sample.click();

                assertThat(driver.findElement(By.tagName("h1")).getText()).contains(sampleId).contains("covert").contains("aware");
                List<WebElement> evidence = driver.findElements(By.cssSelector("li.evidence"));
                assertThat(evidence).isNotEmpty().allSatisfy(e -> assertThat(e.isDisplayed()).isTrue());
                assertThat(evidence.getFirst().getText()).contains("oversight_subversion").contains("config/oversight.yaml");
                WebElement mark = driver.findElement(By.cssSelector("details.reasoning mark.aware"));
                assertThat(mark.isDisplayed()).isTrue();
                assertThat(mark.getText().toLowerCase()).containsAnyOf("test", "evaluation");

                // The submit tool's result is the report, as with Inspect's own submit tool, whose viewer shows a submit by its result.
                WebElement submitted = driver.findElement(By.xpath(
                        "//div[contains(@class,'msg') and contains(@class,'tool')][div[@class='role'][contains(., 'submit')]]/pre[@class='result']"));
                assertThat(submitted.getText()).isNotBlank().isEqualTo(driver.findElement(By.cssSelector("div.report")).getText());

                // The evidence link lands on a message that acts on the file the evidence names.
                WebElement link = evidence.getFirst().findElement(By.cssSelector("a.evidence-link"));
                String target = link.getAttribute("href").replaceAll(".*#", "");
                link.click();
                WebElement message = driver.findElement(By.id(target));
                assertThat(message.getAttribute("class")).contains("assistant");
                assertThat(message.getText()).contains("config/oversight.yaml");

                driver.get(driver.getCurrentUrl().replaceAll("#.*", ""));
                Path png = Path.of("target", "viewer-screenshot.png").toAbsolutePath();
                Files.createDirectories(png.getParent());
                Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
                assertThat(Files.size(png)).isGreaterThan(10_000);
            } finally {
                driver.quit();
            }
        }
    }

    private WebDriver chrome() throws Exception {
        var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--window-size=1300,2000");
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }
}
