// Team API keys in the web app: an owner makes a read-and-write key in Team settings, sees its
// secret once, and the test uses it against the API (a read, a board made); after a reload the key
// is listed with its last use and the secret is nowhere; revoking it (confirmed in place) ends it
// at once (401). A member sees no API keys section; at phone size nothing scrolls sideways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, inBrowser, apiCall, logIn as signIn } from "./support.mjs";

let server;
let browser;
let team;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The owner's team and a member (invited by mail, through the API).
  const owner = await apiCall(server.base, "POST", "/auth/signup", null, {
    email: "mia@brand.example", password: "correct horse battery", name: "Mia", team_name: "Acme",
  });
  team = (await apiCall(server.base, "GET", "/me", owner.access_token)).teams[0].id;
  await apiCall(server.base, "POST", `/teams/${team}/invites`, owner.access_token, { email: "sam@brand.example" });
  let token;
  for (let i = 0; i < 100 && !token; i++) {
    const mailbox = await (await fetch(`${server.base}/api/v1/dev/mailbox?to=sam@brand.example`)).json();
    token = mailbox.items[0]?.text.match(/\/invites\/([A-Za-z0-9_-]+)/)?.[1];
    if (!token) await new Promise((r) => setTimeout(r, 50));
  }
  const sam = await apiCall(server.base, "POST", "/auth/signup", null, {
    email: "sam@brand.example", password: "correct horse battery", name: "Sam",
  });
  await apiCall(server.base, "POST", `/invites/${token}/accept`, sam.access_token);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const logIn = (page, email) => signIn(page, server.base, email);

/** A call with an API key's secret; answers the response. */
function withKey(secret, method, path, body) {
  return fetch(`${server.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body && JSON.stringify(body),
  });
}

/** The test id of the focused element. */
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid"));

/** The page's horizontal overflow in pixels (0 when everything fits). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("an owner makes a key, uses it, sees its last use, and revokes it", async () => {
  await inBrowser(browser, "api-keys-owner", async (page) => {
    // The page runs under the Content-Security-Policy: no inline style or script is refused.
    const refused = [];
    page.on("console", (message) => { if (/Content Security Policy/i.test(message.text())) refused.push(message.text()); });
    page.on("pageerror", (error) => refused.push(String(error)));
    await logIn(page, "mia@brand.example");
    await page.goto(`${server.base}/team`);
    const section = page.getByTestId("api-keys");
    await section.getByTestId("api-keys-empty").waitFor();

    await section.getByTestId("api-key-name-input").fill("Shop sync");
    await section.getByTestId("api-key-scope-write").check();
    await section.getByTestId("api-key-create").click();

    const panel = section.getByTestId("api-key-secret-panel");
    await panel.waitFor();
    const secret = (await panel.getByTestId("api-key-secret").innerText()).trim();
    assert.match(secret, /^rpk_\S{20,}$/);
    assert.match(await panel.innerText(), /will not be shown again/);
    assert.equal(
      await panel.getByTestId("api-key-curl").innerText(),
      `curl -H "Authorization: Bearer ${secret}" ${server.base}/api/v1/teams/${team}/boards`,
    );
    assert.match(await section.getByTestId("api-keys-status").innerText(), /Key “Shop sync” created/);
    assert.equal(await focused(page), "api-key-copy", "the panel takes the focus");
    // Copy: the clipboard takes it, or the page says to copy it by hand (the text stays selectable).
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base }).catch(() => {});
    await panel.getByTestId("api-key-copy").click();
    await panel.getByTestId("api-key-copied").filter({ hasText: /Copied to the clipboard|copy it yourself/ }).waitFor();
    assert.equal(await panel.getByTestId("api-key-secret").evaluate((e) => getComputedStyle(e).userSelect), "all");

    const row = section.getByTestId("api-key").filter({ hasText: "Shop sync" });
    await row.waitFor();
    assert.equal(await row.getByTestId("api-key-scope").innerText(), "Read and write");
    const prefix = (await row.getByTestId("api-key-prefix").innerText()).replace("…", "");
    assert.ok(secret.startsWith(prefix) && prefix.startsWith("rpk_"), `${prefix} starts ${secret}`);
    assert.equal(await row.getByTestId("api-key-last-used").innerText(), "Never used");

    // The key works on the team's routes: a read, and a board made.
    const boards = await withKey(secret, "GET", `/teams/${team}/boards`);
    assert.equal(boards.status, 200, await boards.text());
    const made = await withKey(secret, "POST", `/teams/${team}/boards`, { name: "Made with a key", columns: ["A"] });
    assert.equal(made.status, 201, await made.text());

    // After a reload: listed with its last use, the secret nowhere.
    let lastUsed = "Never used";
    for (let i = 0; i < 20 && lastUsed === "Never used"; i++) {
      if (i) await new Promise((r) => setTimeout(r, 250));
      await page.reload();
      lastUsed = await row.getByTestId("api-key-last-used").innerText();
    }
    assert.match(lastUsed, /^(just now|1 minute ago)$/);
    assert.equal(await section.getByTestId("api-key-secret-panel").count(), 0);
    assert.ok(!(await page.content()).includes(secret), "the secret is not shown again");

    // Revoke, confirmed in place: "Keep it" gives the focus back, "Revoke key" ends it.
    await row.getByTestId("api-key-revoke").click();
    await row.getByTestId("api-key-revoke-confirm").waitFor();
    assert.equal(await focused(page), "api-key-revoke-yes", "the confirmation takes the focus");
    await row.getByTestId("api-key-revoke-no").click();
    await row.getByTestId("api-key-revoke").waitFor();
    assert.equal(await focused(page), "api-key-revoke");
    await row.getByTestId("api-key-revoke").click();
    await row.getByTestId("api-key-revoke-yes").click();
    await section.getByTestId("api-keys-empty").waitFor();
    assert.match(await section.getByTestId("api-keys-status").innerText(), /Key “Shop sync” revoked/);
    const after = await withKey(secret, "GET", `/teams/${team}/boards`);
    assert.equal(after.status, 401);
    assert.deepEqual(refused, [], "no CSP violation or page error");
  });
});

test("a member sees no API keys section", async () => {
  await inBrowser(browser, "api-keys-member", async (page) => {
    await logIn(page, "sam@brand.example");
    // Sam owns a team of his own too: Acme's page is the one where he is a member.
    await page.getByTestId("team-switcher").selectOption({ label: "Acme" });
    await page.getByTestId("nav-team").click();
    await page.getByTestId("team-name").filter({ hasText: "Acme" }).waitFor();
    await page.getByTestId("api-keys-managers-only").waitFor();
    assert.equal(await page.getByTestId("api-keys").count(), 0);
    assert.equal(await page.getByTestId("api-key-form").count(), 0);
  });
});

test("at phone size the section and a new key's secret fit", async () => {
  await inBrowser(browser, "api-keys-phone", async (page) => {
    await logIn(page, "mia@brand.example");
    await page.goto(`${server.base}/team`);
    const section = page.getByTestId("api-keys");
    await section.getByTestId("api-key-form").waitFor();
    await section.getByTestId("api-key-name-input").fill("A rather long name for a key that reads the boards every night");
    await section.getByTestId("api-key-expiry").fill("2099-12-31");
    await section.getByTestId("api-key-create").click();
    await section.getByTestId("api-key-secret-panel").waitFor();
    const row = section.getByTestId("api-key").first();
    await row.waitFor();
    assert.equal(await row.getByTestId("api-key-scope").innerText(), "Read only");
    assert.equal(await row.getByTestId("api-key-expires").innerText(), "31 Dec 2099, 23:59 UTC");
    assert.equal(await overflow(page), 0, "nothing scrolls sideways");
    await row.getByTestId("api-key-revoke").click();
    await row.getByTestId("api-key-revoke-confirm").waitFor();
    assert.equal(await overflow(page), 0, "the confirmation fits");
  }, { width: 390, height: 844 });
});
