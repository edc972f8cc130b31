// Data sources as a newcomer tries them: the demo team uploads the sample customer list
// (docs/samples/customers.csv) from the Data sources page, watches it upload, reads the report,
// sees who matched and why in the Influencers tab, and puts one of them on a board.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, openContext, logIn } from "./support.mjs";

const sample = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "samples", "customers.csv");
let server;
let browser;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the sample list finds creators, who go on a board", async () => {
  const context = await openContext(browser);
  let failed = true;
  try {
    const page = context.page;
    await logIn(page, server.base, "demo@rapport.localhost", "demo-password");
    await page.getByTestId("nav-sources").click();
    await page.getByTestId("sources-empty").waitFor();
    await page.getByTestId("csv-name").fill("Shop customers");
    await page.getByTestId("csv-file").setInputFiles(sample);
    await page.getByTestId("csv-send").click();
    const report = page.getByTestId("csv-report");
    await report.waitFor({ timeout: 15000 });
    const text = await report.innerText();
    assert.match(text, /Shop customers: 76 rows read \(e-mail column “Email”\), 73 addresses, 1 duplicate, 2 invalid/);
    const matched = Number((await page.getByTestId("csv-matches").innerText()).match(/(\d+) of them/)[1]);
    assert.ok(matched >= 10, `matches: ${matched}`);
    await page.getByTestId("source").filter({ hasText: "Shop customers" }).getByTestId("source-counts")
      .filter({ hasText: `73 contacts, ${matched} matches` }).waitFor();

    // Who matched, and why.
    await page.getByTestId("tab-influencers").click();
    const rows = page.getByTestId("match");
    await rows.first().waitFor();
    assert.equal(await rows.count(), matched);
    const detail = await page.getByTestId("match-detail").first().innerText();
    assert.match(detail, /^in Shop customers, line \d+ \(Shop customers, by email\)$/);

    // One goes on the demo's first board.
    const first = rows.filter({ has: page.getByTestId("match-add") }).first();
    const name = await first.getByTestId("match-name").innerText();
    await first.getByTestId("match-add").click();
    await first.getByTestId("match-placed").waitFor();
    const board = (await first.getByTestId("match-placed").innerText()).replace(/^ ?On /, "").replace(/\.$/, "");
    await page.getByTestId("nav-boards").click();
    await page.getByRole("link", { name: board }).first().click();
    await page.getByTestId("card").filter({ hasText: name }).first().waitFor();
    failed = false;
  } finally {
    await context.finish("sources", failed);
  }
});

test("an influencer added by hand, and the daily digest turned off", async () => {
  const context = await openContext(browser);
  let failed = true;
  try {
    const page = context.page;
    await logIn(page, server.base, "demo@rapport.localhost", "demo-password");
    await page.getByTestId("nav-sources").click();

    // A refused address keeps what was typed; a good one adds the influencer.
    await page.getByTestId("by-hand-instagram").fill("@lina.knits");
    await page.getByTestId("by-hand-email").fill("lina@");
    await page.getByTestId("by-hand-add").click();
    await page.getByTestId("by-hand").getByRole("alert").waitFor();
    assert.equal(await page.getByTestId("by-hand-instagram").inputValue(), "@lina.knits");
    await page.getByTestId("by-hand-email").fill("Lina@Knits.example");
    await page.getByTestId("by-hand-add").click();
    const added = page.getByTestId("by-hand-report");
    await added.filter({ hasText: "Added to your influencers." }).waitFor();
    await page.getByTestId("source").filter({ hasText: "Added by hand" }).getByTestId("source-counts")
      .filter({ hasText: "1 contact" }).waitFor();
    await added.getByRole("link", { name: "Open their page" }).click();
    await page.getByText("lina@knits.example").first().waitFor();

    // The digest is on unless turned off, and stays off.
    await page.getByTestId("nav-sources").click();
    const digest = page.getByTestId("digest-toggle").getByRole("checkbox");
    await page.waitForFunction(() => !document.querySelector('[data-testid="digest-toggle"] input').disabled);
    assert.equal(await digest.isChecked(), true);
    await digest.uncheck();
    await page.waitForFunction(() => !document.querySelector('[data-testid="digest-toggle"] input').disabled);
    await page.reload();
    await page.waitForFunction(() => !document.querySelector('[data-testid="digest-toggle"] input')?.disabled);
    assert.equal(await page.getByTestId("digest-toggle").getByRole("checkbox").isChecked(), false);
    failed = false;
  } finally {
    await context.finish("sources-by-hand", failed);
  }
});
