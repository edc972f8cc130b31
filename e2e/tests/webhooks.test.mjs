// Team webhooks in the web app, against a listener of the test's own on 127.0.0.1 (the server
// runs with RAPPORT_WEBHOOKS_ALLOW_PRIVATE). An owner sees the server's answers to an ftp:// URL
// and to no event chosen at their fields, registers an endpoint for two events, sees its signing
// secret once (a reload: gone), sends a test event that the listener receives signed the Standard
// Webhooks way (checked here with node's crypto) and that shows as delivered; an influencer added
// while the listener answers 500 shows as a delivery being retried, and the endpoint as failing;
// deleting it is confirmed in a dialog. At phone size nothing scrolls sideways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import { startServer, launchBrowser, inBrowser, apiCall, logIn as signIn } from "./support.mjs";

let server;
let browser;
let listener;
let owner;
let team;

/**
 * An HTTP listener that records what it is sent and answers 200, or the statuses queued with
 * `answerNext`; `next(match)` resolves to the first request (received or to come) that `match`
 * accepts and that no earlier `next` took.
 */
async function startListener() {
  const received = [];
  const waiting = [];
  const answers = [];
  const taken = new Set();
  const http = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => { body += chunk; });
    request.on("end", () => {
      const status = answers.shift() ?? 200;
      const entry = { method: request.method, path: request.url, headers: request.headers, body, status };
      received.push(entry);
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "not now");
      for (const waiter of [...waiting]) {
        if (!taken.has(entry) && waiter.match(entry)) {
          taken.add(entry);
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve(entry);
        }
      }
    });
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${http.address().port}`,
    received,
    answerNext(status) { answers.push(status); },
    next(match) {
      const found = received.find((entry) => !taken.has(entry) && match(entry));
      if (found) {
        taken.add(found);
        return Promise.resolve(found);
      }
      return new Promise((resolve) => waiting.push({ match, resolve }));
    },
    close: () => new Promise((resolve) => http.close(resolve)),
  };
}

/** The event type of a request the listener received. */
const typeOf = (entry) => JSON.parse(entry.body).type;

/**
 * Checks a request's Standard Webhooks signature as a receiver would, independently of the
 * server's code: HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed with the secret's bytes (after
 * `whsec_`), base64, among the `v1,…` values of `webhook-signature`.
 */
function assertSigned(entry, secret) {
  const id = entry.headers["webhook-id"];
  const timestamp = entry.headers["webhook-timestamp"];
  const signatures = entry.headers["webhook-signature"];
  assert.ok(id && timestamp && signatures, `the three headers: ${JSON.stringify(entry.headers)}`);
  assert.match(timestamp, /^\d+$/);
  assert.ok(Math.abs(Date.now() / 1000 - Number(timestamp)) < 300, "the timestamp is now");
  assert.ok(secret.startsWith("whsec_"));
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${entry.body}`).digest();
  const matches = signatures.split(" ")
    .map((value) => value.split(","))
    .filter(([version, signature]) => version === "v1" && signature)
    .map(([, signature]) => Buffer.from(signature, "base64"))
    .some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
  assert.ok(matches, `${signatures} signs the body with the secret`);
  assert.equal(entry.headers["content-type"], "application/json");
}

before(async () => {
  listener = await startListener();
  server = await startServer({ env: { RAPPORT_WEBHOOKS_ALLOW_PRIVATE: "true" } });
  browser = await launchBrowser();
  owner = await apiCall(server.base, "POST", "/auth/signup", null, {
    email: "ada@brand.example", password: "correct horse battery", name: "Ada", team_name: "Hooks & Co",
  });
  team = (await apiCall(server.base, "GET", "/me", owner.access_token)).teams[0].id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await listener?.close();
});

const logIn = (page) => signIn(page, server.base, "ada@brand.example");

/** The test id of the focused element (or its id). */
const focused = (page) => page.evaluate(() =>
  document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.id);

/** The page's horizontal overflow in pixels (0 when everything fits). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("an owner registers an endpoint, sees its secret once, tests it, reads its deliveries, and deletes it", async () => {
  await inBrowser(browser, "webhooks-owner", async (page) => {
    // The page runs under the Content-Security-Policy: no inline style or script is refused.
    const refused = [];
    page.on("console", (message) => { if (/Content Security Policy/i.test(message.text())) refused.push(message.text()); });
    page.on("pageerror", (error) => refused.push(String(error)));
    await logIn(page);
    await page.goto(`${server.base}/team`);
    const section = page.getByTestId("webhooks");
    await section.getByTestId("webhooks-empty").waitFor();
    const form = section.getByTestId("webhook-form");
    const urlInput = form.getByTestId("webhook-url-input");

    // "All events" checks every event (never the test event, which every endpoint gets) and clears them.
    const events = form.getByTestId("webhook-event");
    const names = await events.evaluateAll((inputs) => inputs.map((input) => input.value));
    assert.ok(names.includes("card.moved") && names.includes("influencer.created"), names.join());
    assert.ok(!names.includes("webhook.test"));
    await form.getByTestId("webhook-events-all").check();
    assert.deepEqual(await events.evaluateAll((inputs) => inputs.map((input) => input.checked)), names.map(() => true));
    await form.getByTestId("webhook-events-all").uncheck();
    assert.deepEqual(await events.evaluateAll((inputs) => inputs.map((input) => input.checked)), names.map(() => false));

    // A URL the server refuses, then no event chosen: each said at its field, and nothing registered.
    await urlInput.fill("ftp://x");
    await form.locator('[data-testid="webhook-event"][value="card.moved"]').check();
    await form.getByTestId("webhook-create").click();
    const urlError = form.getByTestId("webhook-url-error");
    await urlError.waitFor();
    assert.match(await urlError.innerText(), /http:\/\/ or https:\/\//);
    assert.equal(await urlInput.getAttribute("aria-invalid"), "true");
    await urlInput.fill(`${listener.url}/hooks/rapport`);
    await form.locator('[data-testid="webhook-event"][value="card.moved"]').uncheck();
    await form.getByTestId("webhook-create").click();
    await form.getByTestId("webhook-events-error").filter({ hasText: "Choose at least one event." }).waitFor();
    assert.equal(await urlError.count(), 0, "the URL's error went with the URL's fix");
    assert.equal(await urlInput.getAttribute("aria-invalid"), null);
    assert.equal(await section.getByTestId("webhooks-empty").count(), 1);

    // Registered for two events: the secret shown once, with Copy.
    await form.locator('[data-testid="webhook-event"][value="influencer.created"]').check();
    await form.locator('[data-testid="webhook-event"][value="card.moved"]').check();
    assert.equal(await form.getByTestId("webhook-events-all").evaluate((input) => input.indeterminate), true);
    await form.getByTestId("webhook-create").click();
    const panel = section.getByTestId("webhook-secret-panel");
    await panel.waitFor();
    const secret = (await panel.getByTestId("webhook-secret").innerText()).trim();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.match(await panel.innerText(), /you won't see it again/);
    assert.equal(await focused(page), "webhook-copy", "the panel takes the focus");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base }).catch(() => {});
    await panel.getByTestId("webhook-copy").click();
    await panel.getByTestId("webhook-copied").filter({ hasText: /Copied to the clipboard|copy it yourself/ }).waitFor();
    assert.equal(await panel.getByTestId("webhook-secret").evaluate((e) => getComputedStyle(e).userSelect), "all");
    assert.equal(await urlInput.inputValue(), "", "the form is ready for another");
    assert.match(await section.getByTestId("webhooks-status").innerText(), /registered/);

    const row = section.getByTestId("webhook");
    await row.waitFor();
    assert.equal(await row.getByTestId("webhook-url").innerText(), `${listener.url}/hooks/rapport`);
    assert.equal(await row.getByTestId("webhook-state").innerText(), "Active");
    assert.deepEqual(await row.getByTestId("webhook-events").locator("li").allInnerTexts(), ["influencer.created", "card.moved"]);

    // After a reload the endpoint is listed and its secret is nowhere.
    await page.reload();
    await row.waitFor();
    assert.equal(await section.getByTestId("webhook-secret-panel").count(), 0);
    assert.ok(!(await page.content()).includes(secret), "the secret is not shown again");

    // Send test event: the listener gets it, signed; the deliveries open and show it delivered.
    await row.getByTestId("webhook-test").click();
    const tested = await listener.next((entry) => typeOf(entry) === "webhook.test");
    assert.equal(tested.method, "POST");
    assert.equal(tested.path, "/hooks/rapport");
    assertSigned(tested, secret);
    const payload = JSON.parse(tested.body);
    assert.equal(payload.data.team_id, team);
    const deliveries = row.getByTestId("webhook-deliveries");
    assert.equal(await row.getByTestId("webhook-deliveries-toggle").getAttribute("aria-expanded"), "true");
    const testRow = deliveries.getByTestId("webhook-delivery").filter({ hasText: "webhook.test" });
    await testRow.getByTestId("delivery-status").filter({ hasText: "Delivered" }).waitFor();
    assert.equal(await testRow.getByTestId("delivery-answer").innerText(), "HTTP 200");
    assert.equal(await testRow.getByTestId("delivery-attempts").innerText(), "1");

    // An influencer added while the listener answers 500: after Refresh, its delivery is being
    // retried (newest first) and the endpoint shows as failing, with since when.
    listener.answerNext(500);
    await apiCall(server.base, "POST", `/teams/${team}/influencers`, owner.access_token, {
      profile: "https://www.instagram.com/hooked.creator/",
    });
    const refused500 = await listener.next((entry) => typeOf(entry) === "influencer.created");
    assert.equal(refused500.status, 500);
    assertSigned(refused500, secret);
    await deliveries.getByTestId("webhook-deliveries-refresh").click();
    const failedRow = deliveries.getByTestId("webhook-delivery").first();
    await failedRow.getByTestId("delivery-status").filter({ hasText: "Retrying" }).waitFor();
    assert.equal(await failedRow.getByTestId("delivery-event").innerText(), "influencer.created");
    assert.match(await failedRow.getByTestId("delivery-answer").innerText(), /^HTTP 500 · tried again later/);
    assert.equal(await failedRow.getByTestId("delivery-attempts").innerText(), "1");
    assert.deepEqual(
      await deliveries.getByTestId("delivery-event").allInnerTexts(),
      ["influencer.created", "webhook.test"],
      "newest first",
    );
    await row.getByTestId("webhook-state").filter({ hasText: "Failing" }).waitFor();
    assert.match(await row.getByTestId("webhook-health").innerText(), /failed since .* it is turned off/s);
    assert.equal(await row.getByTestId("webhook-deliveries-toggle").getAttribute("aria-expanded"), "true",
      "the deliveries stay open while the endpoint's state changes");

    // Delete, confirmed in a dialog: Cancel keeps it, Delete endpoint removes it.
    await row.getByTestId("webhook-delete").click();
    const dialog = page.getByTestId("webhook-delete-dialog");
    await dialog.getByTestId("webhook-delete-confirm").waitFor();
    assert.equal(await dialog.getByTestId("webhook-delete-url").innerText(), `${listener.url}/hooks/rapport`);
    await dialog.getByTestId("webhook-delete-cancel").click();
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await section.getByTestId("webhook").count(), 1);
    await row.getByTestId("webhook-delete").click();
    await dialog.getByTestId("webhook-delete-confirm").click();
    await section.getByTestId("webhooks-empty").waitFor();
    await dialog.waitFor({ state: "hidden" });
    assert.match(await section.getByTestId("webhooks-status").innerText(), /deleted/);
    assert.equal(await focused(page), "webhooks-heading", "the focus goes to the section's heading");
    const left = await apiCall(server.base, "GET", `/teams/${team}/webhooks`, owner.access_token);
    assert.deepEqual(left, []);
    assert.deepEqual(refused, [], "no CSP violation or page error");
  });
});

test("at phone size the section, a secret, the deliveries and the dialog fit", async () => {
  await inBrowser(browser, "webhooks-phone", async (page) => {
    await logIn(page);
    await page.goto(`${server.base}/team`);
    const section = page.getByTestId("webhooks");
    const form = section.getByTestId("webhook-form");
    await form.waitFor();
    await form.getByTestId("webhook-url-input").fill(`${listener.url}/a/rather/long/path/for/the/rapport/webhooks/of/this/team?source=rapport&environment=production`);
    await form.getByTestId("webhook-events-all").check();
    await form.getByTestId("webhook-create").click();
    await section.getByTestId("webhook-secret-panel").waitFor();
    const row = section.getByTestId("webhook").first();
    await row.waitFor();
    assert.equal(await overflow(page), 0, "nothing scrolls sideways");
    await row.getByTestId("webhook-test").click();
    await row.getByTestId("webhook-delivery").getByTestId("delivery-status").filter({ hasText: "Delivered" }).waitFor();
    assert.equal(await overflow(page), 0, "the deliveries fit");
    await row.getByTestId("webhook-delete").click();
    await page.getByTestId("webhook-delete-confirm").waitFor();
    assert.equal(await overflow(page), 0, "the dialog fits");
  }, { width: 390, height: 844 });
});
