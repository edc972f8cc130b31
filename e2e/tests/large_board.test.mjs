// A board of 1,000 cards renders and can be dragged; prints the time from navigation until all
// cards are on screen (recorded in docs/benchmarks.md).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openContext } from "./support.mjs";

let server;
let browser;
let token;
let board;

async function api(method, path, body) {
  const response = await fetch(`${server.base}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  token = (await api("POST", "/auth/signup", {
    email: "big@brand.example", password: "correct horse battery", name: "Big",
  })).access_token;
  const team = (await api("GET", "/me")).teams[0].id;
  board = (await api("POST", `/teams/${team}/boards`, { name: "Big", columns: ["A", "B", "C", "D", "E"] })).id;
  const columns = (await api("GET", `/boards/${board}`)).columns;
  for (let start = 0; start < 1000; start += 100) {
    const items = Array.from({ length: 100 }, (_, i) => ({ profile: `creator_${start + i}`, platform: "instagram" }));
    await api("POST", `/boards/${board}/cards/bulk`, { column_id: columns[(start / 100) % 5].id, items });
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a board of 1,000 cards renders and can be dragged", async () => {
  const { page, finish } = await openContext(browser);
  let failed = true;
  try {
    await page.goto(`${server.base}/login`);
    await page.getByTestId("login-email").fill("big@brand.example");
    await page.getByTestId("login-password").fill("correct horse battery");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("board-link").waitFor();
    const started = Date.now();
    await page.goto(`${server.base}/boards/${board}`);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=card]").length === 1000, null, { timeout: 60000 });
    const elapsed = Date.now() - started;
    console.log(`# time to first render of 1,000 cards (page load to all cards shown): ${elapsed} ms`);

    const card = page.getByTestId("card").filter({ hasText: "creator_0" }).first();
    const from = await card.boundingBox();
    const target = await page.getByTestId("column").nth(4).boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + 30, { steps: 4 });
    await page.mouse.move(target.x + target.width / 2, target.y + 40, { steps: 10 });
    await page.mouse.up();
    const columnOf = () => page.getByTestId("column").nth(4).getByTestId("card-name").allInnerTexts();
    assert.ok((await columnOf()).includes("creator_0"), "shown in its new column at once");
    for (let i = 0; i < 50; i++) {
      const view = await api("GET", `/boards/${board}`);
      if (view.columns[4].cards.some((c) => c.influencer.display_name === "creator_0")) {
        failed = false;
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail("the server never had the move");
  } finally {
    await finish("large-board", failed);
  }
});
