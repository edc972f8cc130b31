// The web app under its Content-Security-Policy: `/` sends the security headers, and the demo's
// screens (the first load, a board with coloured labels, the influencer panel loaded as a wasm
// chunk, the Content tab, the network) run without a single CSP violation or page error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, logIn, inBrowser } from "./support.mjs";

let demo;
let browser;

before(async () => {
  demo = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

test("/ sends the security headers, the API nosniff", async () => {
  const page = await fetch(`${demo.base}/`);
  assert.equal(page.status, 200);
  const csp = page.headers.get("content-security-policy");
  assert.ok(csp, "a Content-Security-Policy");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(page.headers.get("x-content-type-options"), "nosniff");
  assert.equal(page.headers.get("x-frame-options"), "DENY");
  assert.equal(page.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
  assert.ok(page.headers.get("x-request-id"), "a request id");
  const html = await page.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script in index.html");

  const api = await fetch(`${demo.base}/api/v1/me`);
  assert.equal(api.status, 401);
  assert.equal(api.headers.get("x-content-type-options"), "nosniff");
});

test("the demo runs with no CSP violation", async () => {
  await inBrowser(browser, "csp-demo", async (page) => {
    const violations = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));

    await logIn(page, demo.base, "demo@rapport.localhost", "demo-password");
    await page.getByTestId("board-link").filter({ hasText: "Summer launch" }).click();
    await page.getByTestId("board-title").filter({ hasText: "Summer launch" }).waitFor();
    // Label colours are set through the CSSOM, which the policy allows (a style attribute it
    // would refuse).
    const chip = page.getByTestId("card").locator(".chip").first();
    await chip.waitFor();
    const colour = await chip.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.ok(["rgb(47, 158, 68)", "rgb(232, 89, 12)"].includes(colour), `a label's colour: ${colour}`);
    // The panel is a wasm chunk, compiled on first use.
    await page.getByTestId("card").first().click();
    await page.getByTestId("panel-name").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("board-tab-content").click();
    await page.getByTestId("content-post").first().waitFor();
    await page.goto(`${demo.base}/network`);
    await page.getByTestId("user-name").waitFor();
    await page.waitForLoadState("networkidle");

    assert.deepEqual(violations, []);
  });
});
