// Moving cards: drag with the mouse to another column, reorder with the keyboard; both survive a
// reload, because the server has them.
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
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const session = await api("POST", "/auth/signup", {
    email: "mover@brand.example", password: "correct horse battery", name: "Mover",
  });
  token = session.access_token;
  const me = await api("GET", "/me");
  board = (await api("POST", `/teams/${me.teams[0].id}/boards`, { name: "Moves", columns: ["A", "B"] })).id;
  const view = await api("GET", `/boards/${board}`);
  await api("POST", `/boards/${board}/cards/bulk`, {
    column_id: view.columns[0].id,
    items: ["c1", "c2", "c3"].map((name) => ({ profile: name, platform: "instagram" })),
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(name, body) {
  const { page, finish } = await openContext(browser);
  let failed = true;
  try {
    await page.goto(`${server.base}/login`);
    await page.getByTestId("login-email").fill("mover@brand.example");
    await page.getByTestId("login-password").fill("correct horse battery");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("board-link").first().click();
    await page.getByTestId("card").first().waitFor();
    await body(page);
    failed = false;
  } finally {
    await finish(name, failed);
  }
}

async function order(page) {
  return page.getByTestId("column").evaluateAll((columns) =>
    columns.map((column) => [...column.querySelectorAll("[data-testid=card-name]")].map((n) => n.textContent)));
}

async function serverOrder() {
  const view = await api("GET", `/boards/${board}`);
  return view.columns.map((column) => column.cards.map((card) => card.influencer.display_name));
}

/** Presses a key on the focused card, then waits until the card has the focus again. */
async function press(page, key, card) {
  await page.keyboard.press(key);
  await page.waitForFunction((name) => document.activeElement?.querySelector("[data-testid=card-name]")?.textContent === name, card);
}

async function eventually(check) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail("the server never had the expected order");
}

test("drag a card to another column with the mouse; a reload keeps it", async () => {
  await signedIn("drag", async (page) => {
    const card = page.getByTestId("card").filter({ hasText: "c2" });
    const from = await card.boundingBox();
    const target = await page.getByTestId("column").nth(1).boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 15, from.y + from.height / 2 + 15, { steps: 4 });
    await page.mouse.move(target.x + target.width / 2, target.y + 60, { steps: 12 });
    await page.mouse.up();
    assert.deepEqual(await order(page), [["c1", "c3"], ["c2"]], "shown at once");
    await eventually(async () => JSON.stringify(await serverOrder()) === JSON.stringify([["c1", "c3"], ["c2"]]));
    await page.reload();
    await page.getByTestId("card").first().waitFor();
    assert.deepEqual(await order(page), [["c1", "c3"], ["c2"]]);
  });
});

test("drag a card with touch", async () => {
  const { page, finish } = await openContext(browser, { width: 390, height: 844 });
  let failed = true;
  try {
    await page.goto(`${server.base}/login`);
    await page.getByTestId("login-email").fill("mover@brand.example");
    await page.getByTestId("login-password").fill("correct horse battery");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("board-link").first().click();
    await page.getByTestId("card").first().waitFor();
    const before = await order(page);
    const name = before[0][0];
    const card = await page.getByTestId("card").filter({ hasText: name }).boundingBox();
    const client = await page.context().newCDPSession(page);
    const touch = (type, x, y) => client.send("Input.dispatchTouchEvent", {
      type, touchPoints: type === "touchEnd" ? [] : [{ x, y }],
    });
    const x = card.x + card.width / 2;
    const y = card.y + card.height / 2;
    await touch("touchStart", x, y);
    for (let step = 1; step <= 10; step++) await touch("touchMove", x, y + step * 14);
    await touch("touchEnd", x, y + 140);
    const after = await order(page);
    assert.notDeepEqual(after, before, "the card moved down its column");
    assert.equal(after[0].indexOf(name) > 0, true);
    await eventually(async () => JSON.stringify(await serverOrder()) === JSON.stringify(after));
    failed = false;
  } finally {
    await finish("touch", failed);
  }
});

test("reorder with the keyboard, announced to screen readers", async () => {
  await signedIn("keyboard", async (page) => {
    const before = await order(page);
    const last = before[0][before[0].length - 1];
    await page.getByTestId("card").filter({ hasText: last }).focus();
    await press(page, "Space", last);
    assert.match(await page.getByTestId("live-region").textContent(), /^Lifted/);
    await press(page, "ArrowUp", last);
    assert.match(await page.getByTestId("live-region").textContent(), /Position 1 of 2 in A/);
    await press(page, "Space", last);
    assert.match(await page.getByTestId("live-region").textContent(), /^Dropped/);
    const expected = [[last, ...before[0].slice(0, -1)], before[1]];
    assert.deepEqual(await order(page), expected);
    await eventually(async () => JSON.stringify(await serverOrder()) === JSON.stringify(expected));
    await page.reload();
    await page.getByTestId("card").first().waitFor();
    assert.deepEqual(await order(page), expected);

    // Escape puts a lifted card back.
    await page.getByTestId("card").filter({ hasText: last }).focus();
    await press(page, "Space", last);
    await press(page, "ArrowRight", last);
    await press(page, "Escape", last);
    assert.deepEqual(await order(page), expected);
    assert.match(await page.getByTestId("live-region").textContent(), /cancelled/);
  });
});

test("a move the server refuses rolls back with its message", async () => {
  await signedIn("rollback", async (page) => {
    const view = await api("GET", `/boards/${board}`);
    const gone = view.columns[0].cards[0];
    const card = page.getByTestId("card").filter({ hasText: gone.influencer.display_name });
    const from = await card.boundingBox();
    const target = await page.getByTestId("column").nth(1).boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + 30, { steps: 4 });
    // Another teammate deletes the card while it is dragged here: the live board does not
    // disturb a drag, so the drop goes to the server, which refuses it.
    await api("DELETE", `/cards/${gone.id}`);
    await page.mouse.move(target.x + target.width / 2, target.y + 60, { steps: 10 });
    await page.mouse.up();
    const error = page.getByTestId("error");
    await error.waitFor();
    assert.equal(await error.textContent(), "card not found");
    // Then the board follows the server: the card is gone from it.
    await card.waitFor({ state: "detached" });
  });
});
