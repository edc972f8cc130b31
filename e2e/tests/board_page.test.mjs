// The board page as its users expect it: the toolbar (in-place rename by click and by keyboard,
// the board's menu), the column menu (move, delete with a choice for the cards), empty states,
// the influencer panel read-first, removing a card with "Undo", and the phone layout. Screenshots
// of the board, the add dialog, a column menu and the panel at 1280x800 and 390x844 go to
// e2e/artifacts/screens/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  startServer, launchBrowser, signUp, addInfluencers, createLabel, artifacts, inBrowser as run,
} from "./support.mjs";

const screens = join(artifacts, "screens");
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(screens, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const inBrowser = (name, viewport, body) => run(browser, name, body, viewport);

async function logIn(page, email) {
  await page.goto(`${server.base}/login`);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill("correct horse battery");
  await page.getByTestId("login-submit").click();
  await page.getByTestId("board-link").first().waitFor();
}

async function columnNames(page) {
  return page.locator("[data-testid=column] .column-name").allInnerTexts();
}

async function cardsOf(page, column) {
  return page.getByTestId("column").nth(column).getByTestId("card-name").allInnerTexts();
}

async function shoot(page, name) {
  await page.screenshot({ path: join(screens, `${name}.png`) });
}

test("a new board says what to do; toolbar, column menu, panel and undo work", async () => {
  await inBrowser("board-page", desktop, async (page) => {
    await signUp(page, server.base, { name: "Pia", email: "pia@brand.example", team: "Bean & Co" });
    await page.getByTestId("board-name").fill("Autumn gifting");
    await page.getByTestId("board-columns").fill("To contact, Gifted, Posted");
    await page.getByTestId("board-create").click();
    await page.getByTestId("board-link").filter({ hasText: "Autumn gifting" }).click();

    // Empty: the board says what to do, and the button opens the dialog.
    const empty = page.getByTestId("board-empty");
    assert.match(await empty.innerText(), /Add influencers to start/);
    await page.getByTestId("empty-add").click();
    await page.getByTestId("add-dialog").waitFor();
    await page.getByTestId("add-dialog-close").click();
    await page.getByTestId("add-dialog").waitFor({ state: "hidden" });

    // The board's name in place: click, type, Enter; then by keyboard, and Escape cancels.
    await page.getByTestId("board-title").click();
    await page.getByTestId("board-title-input").fill("Autumn gifting 2026");
    await page.getByTestId("board-title-input").press("Enter");
    await page.getByTestId("board-title").filter({ hasText: "Autumn gifting 2026" }).waitFor();
    await page.getByTestId("board-title").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("board-title-input").fill("Not this");
    await page.keyboard.press("Escape");
    assert.equal(await page.getByTestId("board-title").innerText(), "Autumn gifting 2026");
    await page.reload();
    await page.getByTestId("board-title").filter({ hasText: "Autumn gifting 2026" }).waitFor();

    // A column renamed by keyboard: focus its header, Enter, type, Enter.
    await page.getByTestId("column-header").nth(2).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.type("Content live");
    await page.keyboard.press("Enter");
    await page.getByTestId("column-header").filter({ hasText: "Content live" }).waitFor();

    const outcomes = await addInfluencers(page, [
      "instagram.com/ada.bakes", "tiktok.com/@sam.cooks", "youtube.com/@KaiRuns", "instagram.com/lu.brews",
    ]);
    assert.ok(outcomes.every((o) => /— added$/.test(o)), outcomes.join("; "));
    await page.getByTestId("card").nth(3).waitFor();
    assert.equal(await page.getByTestId("board-empty").count(), 0);
    await createLabel(page, "Gifted");

    // The column menu: move "Content live" left, then right again.
    await page.getByTestId("column").nth(2).getByTestId("column-menu").click();
    await page.getByTestId("column-move-left").click();
    assert.deepEqual(await columnNames(page), ["To contact", "Content live", "Gifted"]);
    await page.getByTestId("column").nth(1).getByTestId("column-menu").click();
    await page.getByTestId("column-move-right").click();
    assert.deepEqual(await columnNames(page), ["To contact", "Gifted", "Content live"]);
    await page.reload();
    await page.getByTestId("column-header").nth(2).waitFor();
    assert.deepEqual(await columnNames(page), ["To contact", "Gifted", "Content live"], "the server kept the order");

    // The panel opens on what there is to read; details are text with "Edit".
    await page.getByTestId("card").filter({ hasText: "sam.cooks" }).click();
    const panel = page.getByTestId("panel");
    await panel.getByTestId("panel-name").waitFor();
    assert.equal(await page.getByTestId("edit-name").count(), 0, "no form before Edit");
    await page.getByTestId("contact-empty").waitFor();
    await page.getByTestId("panel-labels-none").waitFor();
    await page.getByTestId("labels-edit").click();
    await page.getByTestId("label-toggle").filter({ hasText: "Gifted" }).click();
    await page.locator("[data-testid=label-toggle][aria-pressed=true]").waitFor();
    await page.getByTestId("labels-edit").click();
    await page.getByTestId("panel-labels-applied").filter({ hasText: "Gifted" }).waitFor();
    await page.getByTestId("edit-open").click();
    await page.getByTestId("edit-email").fill("sam@cooks.example");
    await page.getByTestId("edit-city").fill("Lyon");
    await page.getByTestId("edit-save").click();
    const contact = page.getByTestId("contact-text");
    await contact.filter({ hasText: "sam@cooks.example" }).waitFor();
    assert.match(await contact.innerText(), /Lyon/);
    assert.equal(await page.getByTestId("edit-name").count(), 0, "back to text after saving");

    // Remove it from the board, then Undo: back in its place with its label.
    assert.deepEqual(await cardsOf(page, 0), ["ada.bakes", "sam.cooks", "@KaiRuns", "lu.brews"]);
    await page.getByTestId("card-remove").click();
    const toast = page.getByTestId("undo-toast");
    await toast.filter({ hasText: "sam.cooks was removed from the board." }).waitFor();
    assert.deepEqual(await cardsOf(page, 0), ["ada.bakes", "@KaiRuns", "lu.brews"]);
    const restored = page.waitForResponse((r) => r.request().method() === "PUT" && /\/labels\//.test(r.url()));
    await page.getByTestId("undo").click();
    assert.ok((await restored).ok(), "the label went back on");
    await page.getByTestId("card").filter({ hasText: "sam.cooks" }).locator(".chip").filter({ hasText: "Gifted" }).waitFor();
    await page.reload();
    await page.getByTestId("card").nth(3).waitFor();
    assert.deepEqual(await cardsOf(page, 0), ["ada.bakes", "sam.cooks", "@KaiRuns", "lu.brews"], "the server has it back in its place");
    await page.getByTestId("card").filter({ hasText: "sam.cooks" }).locator(".chip").filter({ hasText: "Gifted" }).waitFor();

    // Delete a column with cards: they go to the column chosen.
    await page.getByTestId("column").nth(0).getByTestId("column-menu").click();
    await page.getByTestId("column-delete").click();
    const dialog = page.locator("[data-testid=delete-column][open]");
    assert.match(await dialog.innerText(), /It holds 4 cards/);
    await dialog.getByTestId("delete-column-move-to").nth(1).check();
    await page.getByTestId("delete-column-confirm").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=column-header]").length === 2);
    assert.deepEqual(await columnNames(page), ["Gifted", "Content live"]);
    assert.equal((await cardsOf(page, 1)).length, 4, "the cards went to Content live");
  });
});

test("the board's menu renames and archives it; the menus answer the keyboard", async () => {
  await inBrowser("board-menu", desktop, async (page) => {
    await logIn(page, "pia@brand.example");
    await page.getByTestId("board-link").first().click();
    await page.getByTestId("column-header").first().waitFor();

    // Keyboard: open the board's menu, arrow down to "Archive board", Enter.
    await page.getByTestId("board-menu").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("board-rename-item").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "board-rename-item");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "board-archive-item");
    await page.keyboard.press("Enter");
    await page.getByTestId("archived-banner").waitFor();
    await page.getByTestId("nav-boards").click();
    await page.getByTestId("boards-empty").waitFor();
    await page.getByTestId("show-archived").check();
    await page.getByTestId("board-link").first().click();
    await page.getByTestId("archived-banner").waitFor();
    await page.getByTestId("board-menu").click();
    assert.equal(await page.getByTestId("board-archive-item").innerText(), "Restore board");
    await page.getByTestId("board-archive-item").click();
    await page.getByTestId("archived-banner").waitFor({ state: "detached" });

    // Rename from the menu.
    await page.getByTestId("board-menu").click();
    await page.getByTestId("board-rename-item").click();
    await page.getByTestId("board-title-input").fill("Autumn gifting (final)");
    await page.getByTestId("board-title-input").press("Enter");
    await page.getByTestId("board-title").filter({ hasText: "Autumn gifting (final)" }).waitFor();
    await page.getByTestId("nav-boards").click();
    await page.getByTestId("show-archived").uncheck();
    await page.getByTestId("board-link").filter({ hasText: "Autumn gifting (final)" }).waitFor();
  });
});

test("Undo is offered for ten seconds, then the removal stands", async () => {
  await inBrowser("undo-expiry", desktop, async (page) => {
    await page.clock.install();
    await logIn(page, "pia@brand.example");
    await page.getByTestId("board-link").first().click();
    await page.getByTestId("card").nth(3).waitFor();
    await page.getByTestId("card").filter({ hasText: "lu.brews" }).click();
    await page.getByTestId("panel-name").waitFor();
    const removed = page.waitForResponse((r) => r.request().method() === "DELETE" && /\/cards\//.test(r.url()));
    await page.getByTestId("card-remove").click();
    assert.equal((await removed).status(), 204);
    await page.getByTestId("undo-toast").waitFor();
    await page.clock.runFor(9_000);
    assert.equal(await page.getByTestId("undo-toast").count(), 1, "still offered after 9 s");
    await page.clock.runFor(1_500);
    await page.getByTestId("undo-toast").waitFor({ state: "detached" });
    await page.reload();
    await page.getByTestId("card").nth(2).waitFor();
    assert.equal(await page.getByTestId("card").filter({ hasText: "lu.brews" }).count(), 0);

    // Leaving the board while "Undo" is offered: the toast's timer finds the page gone, and the
    // app goes on working (a panic would stop the whole app).
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.getByTestId("card").filter({ hasText: "@KaiRuns" }).click();
    await page.getByTestId("card-remove").click();
    await page.getByTestId("undo-toast").waitFor();
    await page.getByTestId("nav-boards").click();
    await page.getByTestId("board-link").first().waitFor();
    await page.clock.runFor(11_000);
    await page.getByTestId("board-link").first().click();
    await page.getByTestId("card").nth(1).waitFor();
    assert.deepEqual(errors, [], "no error in the page");
  });
});

test("screenshots at 1280x800 and 390x844; the phone layout folds the toolbar", async () => {
  for (const [size, viewport] of [["1280x800", desktop], ["390x844", phone]]) {
    await inBrowser(`screens-${size}`, viewport, async (page) => {
      await logIn(page, "pia@brand.example");
      await page.getByTestId("board-link").first().click();
      await page.getByTestId("card").nth(1).waitFor();
      const narrow = viewport.width < 600;
      if (narrow) {
        assert.equal(await page.getByTestId("add-open").isVisible(), false, "actions fold into a menu");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow}px)`);
        const columns = await page.getByTestId("columns").evaluate((e) => e.scrollWidth > e.clientWidth);
        assert.ok(columns, "the columns scroll sideways inside the board");
      }
      await shoot(page, `board-${size}`);
      if (narrow) await page.getByTestId("toolbar-unfold").click();
      await page.getByTestId("add-open").click();
      await page.getByTestId("add-profiles").fill("instagram.com/new.face\nnew.face.two");
      await shoot(page, `add-dialog-${size}`);
      await page.getByTestId("add-dialog-close").click();
      await page.getByTestId("column").nth(0).getByTestId("column-menu").click();
      await page.getByTestId("column-rename").waitFor();
      await shoot(page, `column-menu-${size}`);
      await page.keyboard.press("Escape");
      await page.getByTestId("column-rename").waitFor({ state: "detached" });
      await page.getByTestId("card").first().click();
      await page.getByTestId("contact").waitFor();
      await shoot(page, `panel-${size}`);
    });
  }
});
