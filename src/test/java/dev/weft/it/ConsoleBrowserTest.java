package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium from Debian's packages, driven by Selenium):
 * sign in, start a built-in workflow from its Run form and watch its nodes succeed live, open a
 * failed step's error, resume it, send a signal and see the run complete, find another app's run
 * not found, and use the pages at 390 px. Each page is photographed at 1280×800 for
 * docs/console.md (into {@code WEFT_SCREENSHOTS}, else target/console-screenshots). Without
 * Chromium the tests skip, unless {@code CI=true}.
 */
abstract class ConsoleBrowserTest extends ApiTestBase {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SHOTS = Path.of(System.getenv().getOrDefault("WEFT_SCREENSHOTS", "target/console-screenshots"));

    private WebDriver browser;
    private WebDriverWait wait;
    private String appKey;

    @BeforeEach
    void openBrowser() {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (!installed && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("Chromium and chromedriver are not installed (apt-get install chromium chromium-driver); "
                    + "the console's browser tests are skipped");
        }
        assertThat(installed).as("CI=true: the browser tests need /usr/bin/chromium and /usr/bin/chromedriver").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--force-device-scale-factor=1", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        // the window includes the browser's frame even when headless: make the page itself 1280×800
        Number inner = (Number) ((JavascriptExecutor) browser).executeScript("return window.innerHeight;");
        browser.manage().window().setSize(new Dimension(1280, 800 + (800 - inner.intValue())));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        appKey = otherAppKey("console-" + Long.toString(System.nanoTime() % 1_000_000, 36));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void signIn(String key) {
        browser.get(base() + "/console/runs");
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
        shot("sign-in");
        browser.findElement(By.name("apiKey")).sendKeys(key);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("h1")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Runs");
    }

    private By node(String stepId, String status) {
        return By.cssSelector("svg.dag [data-step-id='" + stepId + "'][data-status='" + status + "']");
    }

    @Test
    void startsABuiltInWorkflowFromTheRunFormAndWatchesItsNodesSucceedLive() {
        signIn(appKey);
        browser.findElement(By.linkText("Workflows")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("image-generate-v1"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-form")));
        assertThat(browser.findElements(By.cssSelector("svg.dag [data-step-id]"))).hasSize(4);

        browser.findElement(By.id("f-prompt")).sendKeys("a red fox in the snow");
        browser.findElement(By.id("dry-run")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dry-run-result [data-step-id='generate']")));
        assertThat(browser.findElement(By.id("dry-run-result")).getText()).contains("would run");
        shot("workflow");

        browser.findElement(By.id("start-run")).click();
        wait.until(ExpectedConditions.urlMatches(".*/console/runs/[0-9a-f-]{36}$"));
        String runId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        ((JavascriptExecutor) browser).executeScript("window.weftNoReload = true;");
        for (String step : List.of("generate", "tags", "safety")) {
            wait.until(ExpectedConditions.presenceOfElementLocated(node(step, "succeeded")));
        }
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "completed"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.weftNoReload === true;"))
                .as("the page updated itself without a reload").isEqualTo(true);
        assertThat(http.as(appKey).get("/v1/workflows/runs/" + runId).json().get("input").get("prompt").asString())
                .isEqualTo("a red fox in the snow");

        browser.findElement(node("generate", "succeeded")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-title"), "generate"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.weftNoReload === true;"))
                .as("a click on a node loads the step, not the page").isEqualTo(true);
        assertThat(browser.findElement(By.id("step-output")).getText()).contains("image");
        assertThat(browser.findElements(By.cssSelector(".wf-lane"))).hasSizeGreaterThanOrEqualTo(4);
        // the generated image shows as a thumbnail, fetched through the session
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "var i = document.querySelector('.artifacts img'); return i != null && i.complete && i.naturalWidth > 0;"));
        shot("run");
        browser.findElement(node("store", "succeeded")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-title"), "store"));
        assertThat(browser.findElement(By.cssSelector(".artifacts pre.artifact-json")).getText())
                .as("a small JSON artifact is shown pretty-printed").contains("\"prompt\" : \"a red fox in the snow\"");

        browser.findElement(By.linkText("Runs")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-run-id='" + runId + "']")));
        assertThat(browser.findElement(By.cssSelector("tr[data-run-id='" + runId + "']")).getText())
                .contains("image-generate-v1").contains("completed");
        // a run started elsewhere appears without a reload
        String other = http.as(appKey).post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}, "input": {}}""")
                .expect(202).json().get("runId").asString();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-run-id='" + other + "']")));
        shot("runs");

        browser.findElement(By.linkText("Usage")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#usage-charts .uplot")));
        assertThat(browser.findElements(By.cssSelector("#usage-charts .uplot"))).hasSize(3);
        shot("usage");
    }

    @Test
    void opensAFailedStepsErrorResumesItAndSendsASignalUntilTheRunCompletes() {
        String flakyKey = "console-flaky-" + System.nanoTime();
        http.as(appKey).post("/v1/workflows", """
                {"slug": "review-post", "description": "Draft a post, check it, wait for a person's approval, publish it.",
                 "inputSchema": {"type": "object", "properties": {"topic": {"type": "string"}}},
                 "steps": [
                  {"id": "draft", "type": "transform", "input": {"title": "{{ input.topic }}"}},
                  {"id": "check", "type": "test_flaky", "input": {"key": "%s", "failTimes": 1, "permanent": true}},
                  {"id": "approval", "type": "wait_for_signal", "input": {"signal": "approval", "timeout": "PT1H"}},
                  {"id": "publish", "type": "transform", "input": {"approved": "{{ steps.approval.output }}"}}]}"""
                .formatted(flakyKey)).expect(201);
        String runId = http.as(appKey).post("/v1/workflows/run", """
                {"workflowSlug": "review-post", "input": {"topic": "durable workflows"}}""").expect(202).json()
                .get("runId").asString();
        http.as(appKey);
        signIn(appKey);
        await(runId, "failed");

        browser.get(base() + "/console/runs/" + runId);
        wait.until(ExpectedConditions.presenceOfElementLocated(node("check", "failed")));
        assertThat(browser.findElement(By.id("step-title")).getText()).contains("check");
        assertThat(browser.findElement(By.id("step-error")).getText()).contains("TEST_PERMANENT").contains("failed on purpose");
        assertThat(browser.findElement(By.cssSelector(".node.s-failed")).getText()).contains("failed");
        shot("run-failed");

        ((JavascriptExecutor) browser).executeScript("window.weftNoReload = true;");
        browser.findElement(By.id("resume")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "Resumed"));
        wait.until(ExpectedConditions.presenceOfElementLocated(node("check", "succeeded")));
        wait.until(ExpectedConditions.presenceOfElementLocated(node("approval", "waiting")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("send-signal")));
        WebElement payload = browser.findElement(By.id("signal-payload"));
        payload.clear();
        payload.sendKeys("{\"approved\": true, \"by\": \"editor\"}");
        shot("run-waiting");
        browser.findElement(By.id("send-signal")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(node("publish", "succeeded")));
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "completed"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.weftNoReload === true;"))
                .as("resume, the signal and every step after them showed without a reload").isEqualTo(true);
        assertThat(http.as(appKey).get("/v1/workflows/runs/" + runId).json().get("steps").get(3).get("output")
                .get("approved").get("by").asString()).isEqualTo("editor");

        // a second version, its diff from the first, and the list of workflows
        http.as(appKey).post("/v1/workflows", """
                {"slug": "review-post", "description": "Draft a post, check it, wait for approval, publish and announce it.",
                 "inputSchema": {"type": "object", "properties": {"topic": {"type": "string"}}},
                 "steps": [
                  {"id": "draft", "type": "transform", "input": {"title": "{{ input.topic }}"}},
                  {"id": "approval", "type": "wait_for_signal", "input": {"signal": "approval", "timeout": "PT2H"}},
                  {"id": "publish", "type": "transform", "input": {"approved": "{{ steps.approval.output }}"}},
                  {"id": "announce", "type": "transform", "dependsOn": ["publish"], "input": {"done": true}}]}""")
                .expect(201);
        browser.get(base() + "/console/workflows");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-slug='review-post']")));
        assertThat(browser.findElement(By.cssSelector("tr[data-slug='review-post']")).getText()).contains("v2");
        shot("workflows");
        browser.get(base() + "/console/workflows/review-post?version=2&compare=1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("diff")));
        assertThat(browser.findElements(By.cssSelector("#diff .d-added"))).extracting(WebElement::getText)
                .anySatisfy(line -> assertThat(line).startsWith("+").contains("\"announce\""));
        assertThat(browser.findElements(By.cssSelector("#diff .d-removed"))).extracting(WebElement::getText)
                .anySatisfy(line -> assertThat(line).startsWith("-").contains("\"check\""));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('diff').scrollIntoView();");
        shot("workflow-diff");

        // a bad signal payload gets an inline problem, not an error page
        String second = http.as(appKey).post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "approval", "type": "wait_for_signal", "input": {"signal": "approval"}}]},
                 "input": {}}""").expect(202).json().get("runId").asString();
        browser.get(base() + "/console/runs/" + second);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("send-signal")));
        browser.findElement(By.id("signal-payload")).clear();
        browser.findElement(By.id("signal-payload")).sendKeys("{not json");
        browser.findElement(By.id("send-signal")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#action-result .problem")));
        assertThat(browser.findElement(By.cssSelector("#action-result .problem")).getText()).contains("payload")
                .doesNotContain("Exception");
    }

    /**
     * A local OpenAI-compatible server streams a completion in three parts, each held back until
     * the test lets it go: the page, once its stream is open, shows the text as it arrives.
     */
    @Test
    void streamedTextAppearsInTheStepPanelAsTheModelWritesIt() throws Exception {
        java.util.concurrent.CountDownLatch second = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch rest = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer model = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            var out = exchange.getResponseBody();
            String sse = dev.weft.providers.wire.Wire.openAiStream(List.of("Herons wait ", "by the river ", "until dusk."));
            String[] events = sse.split("\n\n");
            try {
                for (int i = 0; i < events.length; i++) {
                    if (i == 2) {
                        second.await(60, java.util.concurrent.TimeUnit.SECONDS); // the first piece is out
                    } else if (i == 3) {
                        rest.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    }
                    out.write((events[i] + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        model.start();
        try {
            http.as(appKey).put("/v1/providers/openai/key", "{\"apiKey\": \"sk-test-000000000000000000\", \"baseUrl\": "
                    + "\"http://127.0.0.1:" + model.getAddress().getPort() + "/v1\"}").expect(200);
            String runId = http.as(appKey).post("/v1/workflows/run", """
                    {"plan": {"steps": [{"id": "write", "type": "text_generate",
                      "input": {"prompt": "A haiku about herons", "provider": "openai", "stream": true}}]}, "input": {}}""")
                    .expect(202).json().get("runId").asString();
            signIn(appKey);
            browser.get(base() + "/console/runs/" + runId + "?step=write");
            wait.until(ExpectedConditions.presenceOfElementLocated(node("write", "running")));
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-stream-open", "true"));
            second.countDown();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("pre.step-stream"), "by the river"));
            shot("run-streaming");
            rest.countDown();
            wait.until(ExpectedConditions.presenceOfElementLocated(node("write", "succeeded")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-output"), "Herons wait by the river until dusk."));
        } finally {
            second.countDown();
            rest.countDown();
            model.stop(0);
        }
    }

    @Test
    void anotherAppsRunIsNotFoundAndThePagesWorkAtPhoneWidth() {
        String foreign = start("""
                {"plan": {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}, "input": {}}""");
        // a wide fan of branches and a long chain, for the graph's layout and its pan and zoom
        StringBuilder steps = new StringBuilder("{\"id\": \"start\", \"type\": \"transform\", \"input\": {\"v\": 1}}");
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            steps.append(", {\"id\": \"branch_").append(i).append("\", \"type\": \"transform\", \"dependsOn\": [\"start\"], \"input\": {\"i\": ")
                    .append(i).append("}}");
            joins.append(i == 0 ? "" : ", ").append("\"branch_").append(i).append('"');
        }
        steps.append(", {\"id\": \"join\", \"type\": \"transform\", \"dependsOn\": [").append(joins).append("], \"input\": {\"ok\": true}}");
        String wide = http.as(appKey).post("/v1/workflows/run", "{\"plan\": {\"steps\": [" + steps + "]}, \"input\": {}}")
                .expect(202).json().get("runId").asString();
        http.as(appKey).post("/v1/schedules", """
                {"workflowSlug": "image-generate-v1", "cron": "0 0 6 * * *", "timezone": "Europe/Paris",
                 "input": {"prompt": "a morning landscape"}}""").expect(201);
        http.as(appKey).post("/v1/webhooks/subscriptions", """
                {"url": "http://127.0.0.1:%d/nowhere", "events": ["run.completed", "step.failed"], "description": "audit log"}"""
                .formatted(port)).expect(201);
        String hooked = http.as(appKey).post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}, "input": {},
                 "webhookUrl": "http://127.0.0.1:%d/nowhere"}""".formatted(port)).expect(202).json().get("runId").asString();
        signIn(appKey);

        browser.get(base() + "/console/runs/" + foreign);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-found")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.getPageSource()).doesNotContain("\"a\"");
        shot("not-found");

        await(wide, "completed");
        browser.get(base() + "/console/runs/" + wide);
        wait.until(ExpectedConditions.presenceOfElementLocated(node("join", "succeeded")));
        assertThat(browser.findElements(By.cssSelector("svg.dag [data-step-id]"))).hasSize(12);
        String before = browser.findElement(By.cssSelector("svg.dag g.viewport")).getAttribute("transform");
        browser.findElement(By.cssSelector("[data-zoom='in']")).click();
        assertThat(browser.findElement(By.cssSelector("svg.dag g.viewport")).getAttribute("transform")).isNotEqualTo(before);
        browser.findElement(By.cssSelector("[data-zoom='fit']")).click();
        shot("run-fan");

        browser.get(base() + "/console/schedules");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-schedule-id]")));
        WebElement toggle = browser.findElement(By.cssSelector("tr[data-schedule-id] .row-actions button"));
        assertThat(toggle.getText()).isEqualTo("Disable");
        shot("schedules");
        toggle.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-schedule-id][data-enabled='false']")));

        await().atMost(Duration.ofSeconds(30)).until(() -> http.as(appKey).get("/v1/webhooks/deliveries?status=failed")
                .json().get("deliveries").size() >= 1);
        browser.get(base() + "/console/webhooks");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-delivery-id][data-status='failed']")));
        assertThat(browser.findElement(By.cssSelector("tr[data-delivery-id][data-status='failed']")).getText()).contains("404");
        shot("webhooks");
        browser.findElement(By.cssSelector("tr[data-delivery-id][data-status='failed'] button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-delivery-id][data-status='pending'], "
                + "tr[data-delivery-id][data-status='delivered']")));
        assertThat(hooked).isNotBlank();

        // a phone: every page lays out in 390 px without sideways scrolling of the page itself
        browser.manage().window().setSize(new Dimension(390, 844));
        for (String page : List.of("/console/runs", "/console/runs/" + wide, "/console/workflows/image-generate-v1",
                "/console/webhooks", "/console/usage")) {
            browser.get(base() + page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as("page %s is wider than the phone", page).isLessThanOrEqualTo(0);
        }
        browser.get(base() + "/console/runs/" + wide);
        wait.until(ExpectedConditions.presenceOfElementLocated(node("join", "succeeded")));
        shot("run-phone");
    }

    private void await(String runId, String status) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                http.as(appKey).get("/v1/workflows/runs/" + runId).json().get("status").asString().equals(status));
    }

    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await();
    }

    private void shot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Path file = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not save the screenshot " + name, e);
        }
    }
}
