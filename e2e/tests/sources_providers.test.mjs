// A team connects its Mailchimp audience from the Data sources page: a refused key says so in the
// dialog, the right key lists the audiences, the one ticked becomes a card that syncs by itself
// (the page follows its progress without a reload), and "Sync now" reads only what changed since.
// Mailchimp is a local mock speaking its documented format (fixtures/mailchimp/), which rapport
// reaches through RAPPORT_MAILCHIMP_URL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, signUp, inBrowser } from "./support.mjs";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "mailchimp");
const fixture = (name) => readFileSync(join(fixtures, name), "utf8");
const GOOD_KEY = "good-key-us14";
const NEWSLETTER = "a1b2c3d4e5";
const MEMBERS = /^\/3\.0\/lists\/([^/]+)\/members$/;

/**
 * A mock Mailchimp Marketing API on a free port of 127.0.0.1: HTTP Basic with `GOOD_KEY` as the
 * password reads the audiences and the Newsletter's members (the first page at offset 0, the
 * second after); any other key gets Mailchimp's 401. Every request is kept, and `waitFor(test)`
 * resolves on the first request (from `from` on) that `test` accepts.
 */
async function startMailchimp() {
  const requests = [];
  const waiters = new Set();
  const answer = (response, status, body, type = "application/json") => {
    response.writeHead(status, { "content-type": type });
    response.end(body);
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://mailchimp.mock");
    const seen = { method: request.method, path: url.pathname, query: url.searchParams };
    requests.push(seen);
    for (const waiter of waiters) {
      if (requests.length - 1 >= waiter.from && waiter.test(seen)) {
        waiters.delete(waiter);
        waiter.resolve(seen);
      }
    }
    const [scheme, encoded = ""] = (request.headers.authorization ?? "").split(" ");
    const credentials = scheme === "Basic" ? Buffer.from(encoded, "base64").toString("utf8") : "";
    const colon = credentials.indexOf(":");
    if (colon < 0 || credentials.slice(colon + 1) !== GOOD_KEY) {
      return answer(response, 401, fixture("error-401.json"), "application/problem+json");
    }
    if (request.method === "GET" && url.pathname === "/3.0/lists") {
      return answer(response, 200, fixture("lists.json"));
    }
    const members = request.method === "GET" && url.pathname.match(MEMBERS);
    if (members && members[1] === NEWSLETTER) {
      const offset = Number(url.searchParams.get("offset") ?? "0");
      return answer(response, 200, fixture(offset === 0 ? "members-page-1.json" : "members-page-2.json"));
    }
    if (members) {
      return answer(response, 200, JSON.stringify({ members: [], list_id: members[1], total_items: 0, _links: [] }));
    }
    return answer(response, 404, JSON.stringify({
      type: "https://mailchimp.com/developer/marketing/docs/errors/", title: "Resource Not Found", status: 404,
      detail: "The requested resource could not be found.", instance: "",
    }), "application/problem+json");
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    /** The first request from index `from` on that `test` accepts; fails after `timeout` ms. */
    waitFor(test, { from = 0, timeout = 30000 } = {}) {
      const found = requests.slice(from).find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { from, test };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const paths = requests.map((r) => `${r.method} ${r.path}?${r.query}`).join("\n  ");
          reject(new Error(`Mailchimp mock: no such request within ${timeout} ms; it had:\n  ${paths}`));
        }, timeout);
        waiter.resolve = (seen) => { clearTimeout(timer); resolve(seen); };
        waiters.add(waiter);
      });
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

const isMembers = (request) => MEMBERS.test(request.path) && request.path.includes(NEWSLETTER);

let mailchimp;
let server;
let browser;

before(async () => {
  mailchimp = await startMailchimp();
  server = await startServer({ env: { RAPPORT_MAILCHIMP_URL: mailchimp.url } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await mailchimp?.close();
});

test("a Mailchimp audience connects with its key, syncs by itself, and syncs again on demand", async () => {
  await inBrowser(browser, "sources-mailchimp", async (page) => {
    await signUp(page, server.base, { name: "Mia Lens", email: "mia@brand.example", team: "Acme Coffee" });
    await page.getByTestId("nav-sources").click();
    await page.getByTestId("sources-empty").waitFor();

    // A refused key: Mailchimp's refusal, inside the dialog.
    await page.getByRole("button", { name: "Connect Mailchimp" }).click();
    const dialog = page.getByTestId("mailchimp-dialog");
    await dialog.waitFor();
    const key = dialog.getByLabel("API key");
    assert.equal(await key.getAttribute("type"), "password");
    assert.match(await dialog.innerText(), /Account → Extras → API keys/);
    await key.fill("wrong-key-us14");
    await dialog.getByRole("button", { name: "Check key" }).click();
    const alert = dialog.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.innerText(), /key/i);
    assert.equal(await dialog.getByTestId("provider-list").count(), 0);

    // The right key lists the audiences.
    await key.fill(GOOD_KEY);
    await dialog.getByRole("button", { name: "Check key" }).click();
    const lists = dialog.getByTestId("provider-list");
    const newsletter = lists.filter({ hasText: "Newsletter" });
    await newsletter.waitFor();
    await lists.filter({ hasText: "VIP customers" }).waitFor();
    assert.match(await newsletter.innerText(), /\d+ members?/);
    assert.equal(await alert.count(), 0);
    const connect = dialog.getByRole("button", { name: "Connect", exact: true });
    assert.ok(await connect.isDisabled(), "Connect waits for a list to be picked");
    await newsletter.getByRole("checkbox").check();
    assert.ok(await connect.isEnabled());
    await connect.click();
    await dialog.waitFor({ state: "hidden" });

    // Its card syncs by itself; the page follows without a reload.
    const card = page.getByTestId("source").filter({ hasText: "Newsletter" });
    await card.waitFor();
    assert.match(await card.innerText(), /Mailchimp/);
    await card.getByTestId("source-status").filter({ hasText: /^Synced/ }).waitFor();
    const counts = card.getByTestId("source-counts");
    await counts.filter({ hasText: /\b3 contacts\b/ }).waitFor();
    await counts.filter({ hasText: /\b1 former subscriber\b/ }).waitFor();
    assert.match(await card.getByTestId("source-key").innerText(), /us14/);
    assert.ok(!(await card.innerText()).includes(GOOD_KEY), "the key itself is never shown");
    const firstSync = mailchimp.requests.filter(isMembers);
    assert.ok(firstSync.length >= 2, "the first sync reads both pages");
    assert.ok(firstSync.every((r) => r.query.has("count")), "pages are asked with count");
    assert.ok(firstSync.every((r) => !r.query.has("since_last_changed")), "the first sync reads everyone");

    // "Sync now" reads only the members changed since the last sync.
    const from = mailchimp.requests.length;
    const again = mailchimp.waitFor((r) => isMembers(r) && r.query.has("since_last_changed"), { from });
    await card.getByRole("button", { name: "Sync now" }).click();
    await again;
    await card.getByTestId("source-status").filter({ hasText: /^Synced/ }).waitFor();
    await counts.filter({ hasText: /\b3 contacts\b/ }).waitFor();
  });
});
