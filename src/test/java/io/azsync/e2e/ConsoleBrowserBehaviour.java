package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.azsync.config.Settings;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.service.AzsyncRuntime;
import io.azsync.service.ServiceMode;
import io.azsync.testing.TestDatabase;

/**
 * The operator console in a real browser (Debian's Chromium, headless, driven by chromedriver)
 * against a service that starts with no connector and a simulated tenant: log in, add a connector
 * (Save only after a passing test), sync it, see its history and the charts. A screenshot of the
 * page is saved under target/ when a step fails, and target/console.png after the whole walk.
 * Subclasses pick the database.
 */
abstract class ConsoleBrowserBehaviour {

    abstract TestDatabase database(Path dir);


    static final String SUB = "c0c0c0c0-0000-4000-8000-000000000001";
    static final String TOKEN = "console-token-3e8a1c7f5b";
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("AZSYNC_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("AZSYNC_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    AzsyncRuntime runtime;
    ServiceMode service;
    WebDriver browser;
    String base;

    @BeforeEach
    void setUp() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the console test needs Debian's chromium and "
                + "chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them), or AZSYNC_TEST_CHROMIUM and "
                + "AZSYNC_TEST_CHROMEDRIVER pointing at them");
        azure = new FakeAzure().subscription(SUB);
        azure.add(FakeResources.virtualMachine(SUB, "rg", "web-01", null));
        String vm = FakeResources.vmId(SUB, "rg", "web-01");
        azure.add(FakeResources.assessment(vm, "open-high", "Unhealthy", "High", "Id"));
        azure.add(FakeResources.assessment(vm, "open-medium", "Unhealthy", "Medium", "Id"));
        db = database(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new java.util.LinkedHashMap<>(azure.env());
        List.of("AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET").forEach(env::remove);
        env.putAll(db.env());
        env.putAll(io.azsync.testing.ProjectFiles.copyTo(dir));
        env.put("AZSYNC_API_TOKEN", TOKEN);
        env.put("AZSYNC_API_PORT", String.valueOf(port));
        env.put("AZSYNC_CONNECTORS_FILE", dir.resolve("no-connectors.yaml").toString());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        env.put("AZSYNC_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        runtime = AzsyncRuntime.start(Settings.load(env, null), true);
        service = ServiceMode.start(runtime, Clock.systemUTC());
        base = "http://127.0.0.1:" + port;

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1600", "--user-data-dir=" + dir.resolve("chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build(), options);
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        azure.close();
        db.close();
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitUntil(String what, java.util.function.Supplier<Boolean> condition) {
        // the console redraws its tables every few seconds: an element read during a redraw is stale, and read again
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(what).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(b -> condition.get());
    }

    void screenshot(String name) throws IOException {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    void fill(String field, String value) {
        WebElement input = browser.findElement(By.cssSelector("#add-form [name='" + field + "']"));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    void anOperatorLogsInAddsATestedConnectorSyncsItAndSeesHistoryAndCharts(TestInfo test) throws Exception {
        try {
            walk();
            screenshot("console.png");
        } catch (AssertionError | RuntimeException e) {
            screenshot("console-failure-" + test.getTestMethod().orElseThrow().getName() + ".png");
            throw e;
        }
    }

    private void walk() {
        browser.get(base + "/");
        waitFor(By.id("token")).sendKeys("wrong-token");
        browser.findElement(By.id("login")).click();
        waitUntil("a wrong token is refused", () -> browser.findElement(By.id("login-error")).getText().contains("refused"));

        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("login")).click();
        waitFor(By.id("add-open")).click();

        fill("name", "contoso");
        fill("tenantId", FakeAzure.TENANT);
        fill("clientId", FakeAzure.CLIENT_ID);
        fill("clientSecret", "not-the-secret");
        fill("streams", "azure-virtual-machines, defender-assessments");
        fill("every", "PT1H");
        WebElement save = browser.findElement(By.id("form-save"));
        assertFalse(save.isEnabled(), "Save stays disabled before a test");

        browser.findElement(By.id("form-test")).click();
        waitUntil("a wrong secret fails the test", () -> browser.findElement(By.id("form-checks")).getText().contains("FAIL"));
        assertFalse(save.isEnabled(), "Save stays disabled after a failed test");

        fill("clientSecret", FakeAzure.CLIENT_SECRET);
        browser.findElement(By.id("form-test")).click();
        waitUntil("the test passes and Save is enabled", save::isEnabled);
        save.click();

        By row = By.cssSelector("#connectors tr[data-connector='contoso']");
        waitFor(row);
        // saved after a passing test: scheduled, and a connector that never ran syncs once at once
        waitUntil("the first sync ran", () -> db.count("SELECT COUNT(*) FROM sync_runs WHERE connector = 'contoso' AND state = 'succeeded'") >= 2);

        // the table may be redrawn between finding the button and clicking it (a stale element is not clicked): find it again
        waitUntil("Sync now is clicked", () -> {
            browser.findElement(row).findElement(By.cssSelector("button.sync")).click();
            return true;
        });
        waitUntil("the history shows the synced runs and the actions", () -> {
            List<String> actions = browser.findElements(By.cssSelector("#history tr.history-row td.action")).stream()
                    .map(WebElement::getText).toList();
            return actions.contains("created") && actions.contains("tested") && actions.contains("activated")
                    && actions.stream().filter("synced"::equals).count() >= 4;
        });

        waitUntil("the severity chart shows the open High and Medium findings", () -> {
            List<WebElement> bars = browser.findElements(By.cssSelector("#severity-chart rect.bar"));
            return bars.size() == 5 && bars.get(3).getAttribute("data-count").equals("1") && bars.get(2).getAttribute("data-count").equals("1");
        });
        waitUntil("the duration chart has a bar per finished run", () ->
                browser.findElements(By.cssSelector("#duration-chart rect.duration")).size() >= 2);
        waitUntil("the riskiest asset is listed", () -> browser.findElement(By.id("riskiest")).getText().contains("web-01"));

        waitUntil("the sync started from the console finished and the page shows it", () -> browser.findElement(row)
                .findElement(By.cssSelector("td.state")).getText().equals("Scheduled")
                && browser.findElements(By.cssSelector("#history tr.history-row td.status")).stream().noneMatch(s -> s.getText().equals("running")));
        assertFalse(browser.getPageSource().contains(FakeAzure.CLIENT_SECRET), "the secret is not in the page");
        assertEquals(1, db.count("SELECT COUNT(*) FROM managed_connectors WHERE name = 'contoso'"));
    }
}
