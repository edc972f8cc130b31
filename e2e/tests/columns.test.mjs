// Boards and columns in the browser: rename and archive a board; add, rename in place, move
// (keyboard and mouse) and delete columns; rename a label; edit a note. At phone size too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, signUp, addInfluencers, createLabel, inBrowser as run } from "./support.mjs";

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

const inBrowser = (name, viewport, body) => run(browser, name, body, viewport);

async function columnNames(page) {
  return page.locator("[data-testid=column] .column-name").allInnerTexts();
}

/** Resolves with the API's answer to the next column move. */
function columnMoved(page) {
  return page.waitForResponse((response) => response.request().method() === "POST"
    && /^\/api\/v1\/columns\/[^/]+\/move$/.test(new URL(response.url()).pathname));
}

test("columns: add, rename, move by keyboard and mouse, delete; boards: rename, archive", async () => {
  await inBrowser("columns", { width: 1280, height: 800 }, async (page) => {
    await signUp(page, server.base, { name: "Col", email: "col@brand.example" });
    await page.getByTestId("board-name").fill("Pipeline");
    await page.getByTestId("board-columns").fill("A, B");
    await page.getByTestId("board-create").click();

    // Rename and archive from the list.
    await page.getByTestId("board-rename").click();
    await page.getByTestId("board-rename-input").fill("Pipeline 2026");
    await page.getByTestId("board-rename-save").click();
    await page.getByTestId("board-link").filter({ hasText: "Pipeline 2026" }).click();

    await page.getByTestId("column-add-open").click();
    await page.getByTestId("column-name").fill("C");
    await page.getByTestId("column-add").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=column-header]").length === 3);
    assert.deepEqual(await columnNames(page), ["A", "B", "C"]);
    await page.getByTestId("column-name").press("Escape");
    await page.getByTestId("column-add-open").waitFor();

    // Rename in place: click the name, type, Enter.
    await page.getByTestId("column").nth(0).getByTestId("column-name-text").click();
    await page.getByTestId("column-rename-input").fill("Contacted");
    await page.getByTestId("column-rename-input").press("Enter");
    await page.getByTestId("column-header").filter({ hasText: "Contacted" }).waitFor();

    // Keyboard: lift C, move it left twice, drop.
    await page.getByTestId("column-header").filter({ hasText: "C" }).last().focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    const keyboardMove = columnMoved(page);
    await page.keyboard.press("Space");
    assert.deepEqual(await columnNames(page), ["C", "Contacted", "B"]);
    assert.match(await page.getByTestId("live-region").textContent(), /Dropped column C/);
    assert.ok((await keyboardMove).ok(), "the server took the keyboard move");

    // Mouse: drag B onto the first column.
    const header = await page.getByTestId("column-header").filter({ hasText: "B" }).boundingBox();
    const first = await page.getByTestId("column").nth(0).boundingBox();
    await page.mouse.move(header.x + 10, header.y + header.height / 2);
    await page.mouse.down();
    await page.mouse.move(header.x - 20, header.y + header.height / 2, { steps: 4 });
    await page.mouse.move(first.x + 20, first.y + 40, { steps: 12 });
    const mouseMove = columnMoved(page);
    await page.mouse.up();
    assert.deepEqual(await columnNames(page), ["B", "C", "Contacted"]);
    assert.ok((await mouseMove).ok(), "the server took the mouse move");
    assert.equal(await page.getByTestId("column-rename-input").count(), 0, "a drag is not a click on the name");
    await page.reload();
    await page.getByTestId("column-header").nth(2).waitFor();
    assert.deepEqual(await columnNames(page), ["B", "C", "Contacted"], "the server kept the order");

    // Delete the empty column C from its menu.
    await page.getByTestId("column").nth(1).getByTestId("column-menu").click();
    await page.getByTestId("column-delete").click();
    await page.getByTestId("delete-column-confirm").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=column-header]").length === 2);
    assert.deepEqual(await columnNames(page), ["B", "Contacted"]);

    // A label renamed; a note edited.
    await createLabel(page, "Gifted");
    await page.getByTestId("labels-menu").click();
    await page.getByTestId("labels-manage").click();
    await page.getByTestId("label-edit-name").fill("Gifted 2026");
    await page.getByTestId("label-edit-save").click();
    await page.getByTestId("filter-label").filter({ hasText: "Gifted 2026" }).waitFor();
    await page.getByTestId("labels-done").click();
    await addInfluencers(page, ["instagram.com/ada.bakes"]);
    await page.getByTestId("card").first().click();
    await page.getByTestId("notes-input").fill("first");
    await page.getByTestId("notes-add").click();
    await page.getByTestId("notes-edit-open").click();
    await page.getByTestId("notes-edit").fill("second thoughts");
    await page.getByTestId("notes-save").click();
    await page.getByTestId("notes-item").filter({ hasText: "second thoughts" }).waitFor();
    await page.getByTestId("panel-close").click();

    // Archive it: gone from the list, back with "Show archived".
    await page.getByTestId("nav-boards").click();
    await page.getByTestId("board-archive").click();
    await page.getByTestId("boards-empty").waitFor();
    await page.getByTestId("show-archived").check();
    await page.getByTestId("board-restore").click();
    await page.getByTestId("show-archived").uncheck();
    await page.getByTestId("board-link").filter({ hasText: "Pipeline 2026" }).waitFor();
  });
});

test("usable at phone size: the board scrolls, the panel fills the screen", async () => {
  await inBrowser("phone", { width: 390, height: 844 }, async (page) => {
    await page.goto(`${server.base}/login`);
    await page.getByTestId("login-email").fill("col@brand.example");
    await page.getByTestId("login-password").fill("correct horse battery");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("board-link").first().click();
    await page.getByTestId("card").first().click();
    const panel = await page.getByTestId("panel").boundingBox();
    assert.ok(panel.width <= 390 && panel.width >= 380, `panel ${panel.width}px wide`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow}px)`);
  });
});
