package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console over plain HTTP: signing in sets an HttpOnly, SameSite=Strict session cookie; pages
 * need it; every change needs the session's CSRF token; one app never sees another's run; a
 * signed-out or revoked session goes back to sign-in with a message; a read-only key cannot act;
 * problems are HTML, never a stack trace.
 */
abstract class ConsoleHttpTest extends ApiTestBase {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    /** A browser-like client: keeps cookies, does not follow redirects. */
    final class Browser {
        final List<String> cookies = new ArrayList<>();
        final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path, String... headers) {
            return send(HttpRequest.newBuilder(URI.create(base() + path)).GET(), headers);
        }

        HttpResponse<String> post(String path, String form, String... headers) {
            return send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), headers);
        }

        HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies));
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                for (String set : response.headers().allValues("Set-Cookie")) {
                    String pair = set.split(";", 2)[0];
                    String name = pair.split("=", 2)[0];
                    cookies.removeIf(c -> c.startsWith(name + "="));
                    if (!pair.endsWith("=")) {
                        cookies.add(pair);
                    }
                }
                return response;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Signs in with the key; answers the sign-in response. */
        HttpResponse<String> signIn(String key) {
            HttpResponse<String> form = get("/console/sign-in");
            Matcher token = CSRF_FIELD.matcher(form.body());
            assertThat(token.find()).isTrue();
            return post("/console/sign-in", "_csrf=" + token.group(1) + "&apiKey=" + key);
        }

        String csrf(String page) {
            Matcher m = CSRF_META.matcher(get(page).body());
            assertThat(m.find()).as("the page carries the session's CSRF token").isTrue();
            return m.group(1);
        }
    }

    @Test
    void signingInSetsAStrictHttpOnlySessionCookieAndPagesNeedIt() {
        Browser anonymous = new Browser();
        HttpResponse<String> page = anonymous.get("/console/runs");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");

        Browser browser = new Browser();
        HttpResponse<String> refused = browser.signIn("wk_not_a_real_key_at_all_000000000000");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("unknown, revoked or expired");

        HttpResponse<String> signedIn = browser.signIn(KEY);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console/runs");
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("weft_console="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console");
        assertThat(cookie).doesNotContain(KEY);

        HttpResponse<String> runs = browser.get("/console/runs");
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.body()).contains("<h1>Runs</h1>").contains("it-app");
        assertThat(runs.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-store");
        assertThat(runs.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
    }

    @Test
    void theSignInFormAndEveryChangeCarryACsrfToken() {
        Browser browser = new Browser();
        browser.get("/console/sign-in");
        HttpResponse<String> forged = browser.post("/console/sign-in", "_csrf=forged&apiKey=" + KEY);
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.headers().firstValue("Location").orElseThrow()).contains("/console/sign-in?stale");
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("weft_console="));

        browser.signIn(KEY);
        String runId = start("""
                {"plan": {"steps": [{"id": "wait", "type": "wait_for_signal", "input": {"signal": "go"}}]}, "input": {}}""");
        HttpResponse<String> noToken = browser.post("/console/runs/" + runId + "/cancel", "", "HX-Request", "true");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(http.get("/v1/workflows/runs/" + runId).json().get("status").asString()).isNotEqualTo("cancelled");

        String csrf = browser.csrf("/console/runs/" + runId);
        HttpResponse<String> cancelled = browser.post("/console/runs/" + runId + "/cancel", "", "HX-Request", "true",
                "X-CSRF-Token", csrf);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("Cancelled");
        assertThat(cancelled.headers().firstValue("HX-Trigger").orElseThrow()).isEqualTo("refresh-live");
        awaitStatus(runId, "cancelled");

        HttpResponse<String> again = browser.post("/console/runs/" + runId + "/cancel", "", "HX-Request", "true",
                "X-CSRF-Token", csrf);
        assertThat(again.statusCode()).as("a failing action answers its problem inline").isEqualTo(409);
        assertThat(again.body()).contains("class=\"problem\"").contains("already cancelled").doesNotContain("Exception");
        assertThat(again.headers().firstValue("HX-Retarget").orElseThrow()).isEqualTo("#action-result");
    }

    @Test
    void anotherAppsRunIsNotFoundAndUnknownPagesAreHtmlProblems() {
        String otherKey = otherAppKey("console-other-" + System.nanoTime() % 100000);
        String foreignRun = http.as(otherKey).post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}, "input": {}}""")
                .expect(202).json().get("runId").asString();
        Browser browser = new Browser();
        browser.signIn(KEY);
        for (String path : List.of("/console/runs/" + foreignRun, "/console/runs/" + foreignRun + "/live",
                "/console/runs/no-such-run", "/console/workflows/no-such-workflow")) {
            HttpResponse<String> page = browser.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains("Not found").doesNotContain("at dev.weft");
        }
        assertThat(browser.get("/console/runs/" + foreignRun + "/stream").statusCode()).isEqualTo(404);
        String csrf = browser.csrf("/console/runs");
        HttpResponse<String> cancel = browser.post("/console/runs/" + foreignRun + "/cancel", "", "HX-Request", "true",
                "X-CSRF-Token", csrf);
        assertThat(cancel.statusCode()).isEqualTo(404);
        assertThat(http.as(otherKey).get("/v1/workflows/runs/" + foreignRun).json().get("status").asString())
                .isNotEqualTo("cancelled");
        assertThat(browser.get("/console/runs").body()).doesNotContain(foreignRun);
    }

    @Test
    void signingOutOrRevokingTheKeyEndsTheSessionWithAMessage() {
        Browser browser = new Browser();
        browser.signIn(KEY);
        List<String> session = List.copyOf(browser.cookies);
        String csrf = browser.csrf("/console/runs");
        HttpResponse<String> out = browser.post("/console/sign-out", "_csrf=" + csrf);
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location").orElseThrow()).contains("/console/sign-in?signedOut");

        Browser stolen = new Browser();
        stolen.cookies.addAll(session);
        HttpResponse<String> after = stolen.get("/console/runs");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in?expired");
        assertThat(stolen.get("/console/sign-in?expired").body()).contains("Your session has ended");
        assertThat(stolen.get("/console/runs/rows", "HX-Request", "true").headers().firstValue("HX-Redirect")
                .orElseThrow()).endsWith("/console/sign-in?expired");

        // a key that is revoked signs its sessions out
        String appId = "console-revoked-" + System.nanoTime() % 100000;
        String key = otherAppKey(appId);
        Browser revokedUser = new Browser();
        revokedUser.signIn(key);
        assertThat(revokedUser.get("/console/runs").statusCode()).isEqualTo(200);
        var keys = http.asAdmin("it-admin-token").get("/admin/apps/" + appId + "/keys").expect(200).json();
        String keyId = keys.get("keys").get(0).get("id").asString();
        http.asAdmin("it-admin-token").delete("/admin/apps/" + appId + "/keys/" + keyId).expect(204);
        assertThat(revokedUser.get("/console/runs").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/sign-in?expired");
    }

    @Test
    void aReadOnlyKeySeesRunsButCannotAct() {
        String appId = "console-readonly-" + System.nanoTime() % 100000;
        String fullKey = otherAppKey(appId);
        String readKey = http.asAdmin("it-admin-token").post("/admin/apps/" + appId + "/keys",
                "{\"name\": \"viewer\", \"scopes\": [\"*:read\"]}").expect(201).json().get("key").asString();
        String runId = http.as(fullKey).post("/v1/workflows/run", """
                {"plan": {"steps": [{"id": "wait", "type": "wait_for_signal", "input": {"signal": "go"}}]}, "input": {}}""")
                .expect(202).json().get("runId").asString();
        Browser viewer = new Browser();
        viewer.signIn(readKey);
        assertThat(viewer.get("/console/runs/" + runId).statusCode()).isEqualTo(200);
        String csrf = viewer.csrf("/console/runs/" + runId);
        HttpResponse<String> refused = viewer.post("/console/runs/" + runId + "/cancel", "", "HX-Request", "true",
                "X-CSRF-Token", csrf);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Insufficient scope");
        assertThat(http.as(fullKey).get("/v1/workflows/runs/" + runId).json().get("status").asString()).isNotEqualTo("cancelled");

        // a key that may read runs but not artifacts sees neither an artifact's content nor its bytes
        String runsOnly = http.asAdmin("it-admin-token").post("/admin/apps/" + appId + "/keys",
                "{\"name\": \"runs viewer\", \"scopes\": [\"runs:read\"]}").expect(201).json().get("key").asString();
        String stored = http.as(fullKey).post("/v1/workflows/run", """
                {"workflowSlug": "image-generate-v1", "input": {"prompt": "a lighthouse at dusk"}}""")
                .expect(202).json().get("runId").asString();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                http.as(fullKey).get("/v1/workflows/runs/" + stored).json().get("status").asString().equals("completed"));
        String artifactId = step(http.as(fullKey).get("/v1/workflows/runs/" + stored).json(), "store")
                .get("output").get("artifact").get("artifactId").asString();
        Browser runsViewer = new Browser();
        runsViewer.signIn(runsOnly);
        HttpResponse<String> page = runsViewer.get("/console/runs/" + stored + "?step=store");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(artifactId).doesNotContain("artifact-json");
        assertThat(runsViewer.get("/console/artifacts/" + artifactId).statusCode()).isEqualTo(403);
        Browser full = new Browser();
        full.signIn(fullKey);
        assertThat(full.get("/console/runs/" + stored + "?step=store").body()).contains("artifact-json");
        assertThat(full.get("/console/artifacts/" + artifactId).statusCode()).isEqualTo(200);
        Browser stranger = new Browser();
        stranger.signIn(KEY);
        assertThat(stranger.get("/console/artifacts/" + artifactId).statusCode()).as("another app's artifact").isEqualTo(404);
    }
}
