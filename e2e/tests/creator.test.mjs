// The creator side in the browser: signing up as a creator, filling the profile brands will see,
// claiming platform accounts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, inBrowser } from "./support.mjs";

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

test("a creator signs up, fills their profile and claims their accounts", async () => {
  await inBrowser(browser, "creator-profile", async (page) => {
    await page.goto(`${server.base}/signup`);
    await page.getByTestId("signup-kind-creator").check();
    assert.equal(await page.getByTestId("signup-team").count(), 0, "a creator makes no team");
    await page.getByTestId("signup-name").fill("Mia Lens");
    await page.getByTestId("signup-email").fill("mia@creators.example");
    await page.getByTestId("signup-password").fill("correct horse battery");
    await page.getByTestId("signup-submit").click();
    await page.getByTestId("creator-name").waitFor();
    assert.equal(await page.getByTestId("nav-boards").count(), 0, "no boards without a team");
    assert.equal(await page.getByTestId("creator-name").inputValue(), "Mia Lens");

    await page.getByTestId("creator-bio").fill("Slow food, fast bikes.");
    await page.getByTestId("creator-country").fill("fr");
    await page.getByTestId("creator-city").fill("Lyon");
    await page.getByTestId("creator-languages").fill("fr, en");
    await page.locator("[data-testid=creator-category][value=food]").check();
    await page.locator("[data-testid=creator-category][value=sports]").check();
    await page.getByTestId("creator-save").click();
    await page.getByTestId("creator-saved").waitFor();

    await page.getByTestId("creator-account-profile").fill("instagram.com/mia.lens");
    await page.getByTestId("creator-account-followers").fill("48,200");
    await page.getByTestId("creator-account-add").click();
    const account = page.getByTestId("creator-account").filter({ hasText: "mia.lens" });
    await account.waitFor();
    assert.match(await account.innerText(), /48\.2K followers \(your figure\)/);

    // What was saved is what the server has.
    await page.reload();
    await page.getByTestId("creator-name").waitFor();
    assert.equal(await page.getByTestId("creator-country").inputValue(), "FR");
    assert.equal(await page.getByTestId("creator-languages").inputValue(), "fr, en");
    assert.equal(await page.locator("[data-testid=creator-category][value=food]").isChecked(), true);
    assert.equal(await page.getByTestId("creator-bio").inputValue(), "Slow food, fast bikes.");
  });
});
