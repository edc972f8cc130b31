// The CRM in the browser: labels (create, apply, filter), a note seen from another board, a reminder
// under My reminders, and a teammate invited by mail who sees the same board.
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

const inBrowser = (name, body) => run(browser, name, body);

async function createBoard(page, name, profiles) {
  await page.getByTestId("nav-boards").click();
  await page.getByTestId("board-name").fill(name);
  await page.getByTestId("board-create").click();
  await page.getByTestId("board-link").filter({ hasText: name }).click();
  await page.getByTestId("board-title").filter({ hasText: name }).waitFor();
  await addInfluencers(page, profiles);
  await page.getByTestId("card").nth(profiles.length - 1).waitFor();
}

async function visibleCards(page) {
  return page.getByTestId("card-name").allInnerTexts();
}

test("labels, notes across boards, reminders, and a teammate by invitation", async () => {
  await inBrowser("crm-owner", async (page) => {
    await signUp(page, server.base, { name: "Owner", email: "owner@brand.example", team: "Acme" });
    await createBoard(page, "Launch", ["instagram.com/ada.bakes", "tiktok.com/@sam.cooks", "youtube.com/@KaiRuns"]);

    // A label: create it, apply it from a card, filter the board by it.
    await createLabel(page, "Gifted");
    await page.getByTestId("filter-label").filter({ hasText: "Gifted" }).waitFor();
    await page.getByTestId("card").filter({ hasText: "sam.cooks" }).click();
    await page.getByTestId("panel").waitFor();
    await page.getByTestId("labels-edit").click();
    await page.getByTestId("label-toggle").filter({ hasText: "Gifted" }).click();
    await page.locator("[data-testid=label-toggle][aria-pressed=true]").waitFor();
    await page.getByTestId("panel-close").click();
    await page.getByTestId("card").filter({ hasText: "sam.cooks" }).locator(".chip").filter({ hasText: "Gifted" }).waitFor();
    await page.getByTestId("filter-label").filter({ hasText: "Gifted" }).click();
    assert.deepEqual(await visibleCards(page), ["sam.cooks"]);
    await page.getByTestId("filter-clear").click();
    await page.getByTestId("filter-text").fill("kai");
    assert.deepEqual(await visibleCards(page), ["@KaiRuns"]);
    await page.getByTestId("filter-text").fill("");

    // A note on ada, and a reminder.
    await page.getByTestId("card").filter({ hasText: "ada.bakes" }).click();
    await page.getByTestId("notes-input").fill("Loves our cold brew.");
    await page.getByTestId("notes-add").click();
    await page.getByTestId("notes-item").filter({ hasText: "Loves our cold brew." }).waitFor();
    await page.getByTestId("reminder-text").fill("Send the samples");
    await page.getByTestId("reminder-due").fill("2030-06-01T09:30");
    await page.getByTestId("reminder-add").click();
    await page.getByTestId("reminder-item").filter({ hasText: "Send the samples" }).waitFor();
    await page.getByTestId("panel-close").click();

    // The same influencer on another board shows the same note.
    await createBoard(page, "Gifting", ["https://www.instagram.com/ada.bakes/"]);
    await page.getByTestId("card").filter({ hasText: "ada.bakes" }).click();
    await page.getByTestId("notes-item").filter({ hasText: "Loves our cold brew." }).waitFor();
    await page.getByTestId("panel-close").click();

    // My reminders lists it, and links to the influencer.
    await page.getByTestId("nav-reminders").click();
    const reminder = page.getByTestId("my-reminder").filter({ hasText: "Send the samples" });
    await reminder.waitFor();
    assert.match(await reminder.innerText(), /2030-06-01 09:30/);
    await reminder.getByRole("link", { name: "ada.bakes" }).click();
    await page.getByTestId("notes-item").filter({ hasText: "Loves our cold brew." }).waitFor();

    // Invite a teammate.
    await page.getByTestId("nav-team").click();
    await page.getByTestId("invite-email").fill("sam@brand.example");
    await page.getByTestId("invite-send").click();
    await page.getByTestId("invite").filter({ hasText: "sam@brand.example" }).waitFor();
  });

  // The dev mailbox has the link.
  let link;
  for (let i = 0; i < 50 && !link; i++) {
    const mailbox = await (await fetch(`${server.base}/api/v1/dev/mailbox?to=sam@brand.example`)).json();
    link = mailbox.items[0]?.text.match(/(http\S+\/invites\/[A-Za-z0-9_-]+)/)?.[1];
    if (!link) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(link, "the invitation mail carries a link");

  // The teammate opens it in another browser context, signs up, joins, and sees the board.
  await inBrowser("crm-teammate", async (page) => {
    const path = new URL(link).pathname;
    await page.goto(`${server.base}${path}`);
    await page.getByTestId("invite-signup").click();
    await page.getByTestId("signup-name").fill("Sam");
    await page.getByTestId("signup-email").fill("sam@brand.example");
    await page.getByTestId("signup-password").fill("another good password");
    await page.getByTestId("signup-submit").click();
    await page.getByTestId("invite-accept").click();
    await page.getByTestId("board-link").filter({ hasText: "Launch" }).click();
    await page.getByTestId("card").nth(2).waitFor();
    assert.deepEqual((await visibleCards(page)).sort(), ["@KaiRuns", "ada.bakes", "sam.cooks"]);
  });
});
