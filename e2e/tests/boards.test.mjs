// A new user signs up, creates a board with columns and adds influencers by profile link and by
// username.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signUp, addInfluencers, inBrowser as run } from "./support.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs `body(page)` in a fresh context, keeping artifacts when it fails. */
const inBrowser = (name, body, viewport) => run(browser, name, body, viewport);

test("sign up, create a board with columns, add three influencers by URL", async () => {
  await inBrowser("board-flow", async (page) => {
    await signUp(page, server.base, { name: "Mia Lens", email: "mia@brand.example", team: "Acme Coffee" });
    assert.equal(await page.getByTestId("user-name").textContent(), "Mia Lens");
    await page.getByTestId("boards-empty").waitFor();

    await page.getByTestId("board-name").fill("Summer launch");
    await page.getByTestId("board-create").click();
    await page.getByTestId("board-link").filter({ hasText: "Summer launch" }).click();
    await page.getByTestId("board-title").filter({ hasText: "Summer launch" }).waitFor();
    const columns = page.getByTestId("column");
    await columns.nth(2).waitFor();
    const headings = await columns.getByTestId("column-header").allInnerTexts();
    assert.deepEqual(headings.map((h) => h.split("\n")[0].trim()), ["Contacted", "Negotiating", "Content live"]);

    const outcomes = await addInfluencers(page, [
      "https://www.instagram.com/ada.bakes/",
      "tiktok.com/@sam.cooks",
      "https://youtu.be/dQw4w9WgXcQ",
      "youtube.com/@KaiRuns",
      "@zoe.paints",
      "instagram.com/ada.bakes",
    ], { platform: "instagram" });
    assert.match(outcomes[0], /— added$/);
    assert.match(outcomes[1], /— added$/);
    assert.match(outcomes[2], /not added: .*video/);
    assert.match(outcomes[3], /— added$/);
    assert.match(outcomes[4], /— added$/, "a bare username on the chosen platform");
    assert.match(outcomes[5], /already on the board/);
    const first = columns.nth(0).getByTestId("card-name");
    await first.nth(3).waitFor();
    assert.deepEqual(await first.allInnerTexts(), ["ada.bakes", "sam.cooks", "@KaiRuns", "zoe.paints"]);
  });
});

test("a bare username with a dot goes in with the platform chosen for usernames", async () => {
  await inBrowser("bare-username", async (page) => {
    await signUp(page, server.base, { name: "Zoe Fan", email: "zoe.fan@brand.example" });
    await page.getByTestId("board-name").fill("Painters");
    await page.getByTestId("board-create").click();
    await page.getByTestId("board-link").filter({ hasText: "Painters" }).click();
    await page.getByTestId("board-title").filter({ hasText: "Painters" }).waitFor();

    const [outcome] = await addInfluencers(page, ["zoe.paints"], { platform: "instagram" });
    assert.match(outcome, /^zoe\.paints — added$/);
    const card = page.getByTestId("card").filter({ hasText: "zoe.paints" });
    await card.waitFor();
    assert.equal(await card.locator(".platform").getAttribute("title"), "Instagram");
  });
});

test("a wrong password shows the server's message", async () => {
  await inBrowser("login-error", async (page) => {
    await page.goto(`${server.base}/login`);
    await page.getByTestId("login-email").fill("mia@brand.example");
    await page.getByTestId("login-password").fill("not the password");
    await page.getByTestId("login-submit").click();
    const error = page.getByTestId("error");
    await error.waitFor();
    assert.equal(await error.textContent(), "Wrong e-mail address or password.");
  }, { width: 390, height: 844 });
});
