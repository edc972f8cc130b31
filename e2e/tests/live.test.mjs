// Live boards in two browsers: a teammate moves a card with the keyboard in one; the owner's open
// board shows it in the other without a reload, and a card the owner holds is not disturbed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openContext, apiCall, logIn as signIn } from "./support.mjs";

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

const api = (method, path, token, body) => apiCall(server.base, method, path, token, body);
const logIn = (page, email) => signIn(page, server.base, email);

function column(page, index) {
  return page.getByTestId("column").nth(index);
}

test("a teammate's move shows on an open board in another browser", async () => {
  // The owner's team, a board with a card, and a teammate (invited by mail, through the API).
  const owner = await api("POST", "/auth/signup", null, {
    email: "mia@brand.example", password: "correct horse battery", name: "Mia", team_name: "Acme",
  });
  const team = (await api("GET", "/me", owner.access_token)).teams[0].id;
  const board = await api("POST", `/teams/${team}/boards`, owner.access_token, { name: "Live", columns: ["Contacted", "Signed"] });
  const view = await api("GET", `/boards/${board.id}`, owner.access_token);
  await api("POST", `/boards/${board.id}/cards`, owner.access_token, { column_id: view.columns[0].id, profile: "instagram.com/ada.cooks" });
  await api("POST", `/boards/${board.id}/cards`, owner.access_token, { column_id: view.columns[0].id, profile: "instagram.com/ben.lifts" });
  await api("POST", `/teams/${team}/invites`, owner.access_token, { email: "sam@brand.example" });
  let token;
  for (let i = 0; i < 100 && !token; i++) {
    const mailbox = await (await fetch(`${server.base}/api/v1/dev/mailbox?to=sam@brand.example`)).json();
    token = mailbox.items[0]?.text.match(/\/invites\/([A-Za-z0-9_-]+)/)?.[1];
    if (!token) await new Promise((r) => setTimeout(r, 50));
  }
  const sam = await api("POST", "/auth/signup", null, { email: "sam@brand.example", password: "correct horse battery", name: "Sam" });
  await api("POST", `/invites/${token}/accept`, sam.access_token);

  const watching = await openContext(browser);
  const moving = await openContext(browser);
  let failed = true;
  try {
    const w = watching.page;
    await logIn(w, "mia@brand.example");
    await w.goto(`${server.base}/boards/${board.id}`);
    await column(w, 0).getByTestId("card-name").filter({ hasText: "ada.cooks" }).waitFor();

    const m = moving.page;
    await logIn(m, "sam@brand.example");
    await m.goto(`${server.base}/boards/${board.id}`);
    const card = m.getByTestId("card").filter({ hasText: "ada.cooks" });
    await card.focus();
    await m.keyboard.press("Space");
    await m.keyboard.press("ArrowRight");
    await m.keyboard.press("Space");
    await column(m, 1).getByTestId("card-name").filter({ hasText: "ada.cooks" }).waitFor();

    // The owner's board follows, with no reload.
    await column(w, 1).getByTestId("card-name").filter({ hasText: "ada.cooks" }).waitFor({ timeout: 10000 });
    assert.equal(await column(w, 0).getByTestId("card-name").filter({ hasText: "ada.cooks" }).count(), 0);

    // While the owner holds a card, the teammate's next move waits for the drop.
    const held = w.getByTestId("card").filter({ hasText: "ben.lifts" });
    await held.focus();
    await w.keyboard.press("Space");
    await m.getByTestId("card").filter({ hasText: "ada.cooks" }).focus();
    await m.keyboard.press("Space");
    await m.keyboard.press("ArrowLeft");
    await m.keyboard.press("Space");
    await column(m, 0).getByTestId("card-name").filter({ hasText: "ada.cooks" }).waitFor();
    assert.match(await w.getByTestId("live-region").textContent(), /^Lifted/, "still held");
    await w.keyboard.press("Escape");
    await column(w, 0).getByTestId("card-name").filter({ hasText: "ada.cooks" }).waitFor({ timeout: 10000 });
    failed = false;
  } finally {
    await watching.finish("live-watching", failed);
    await moving.finish("live-moving", failed);
  }
});
