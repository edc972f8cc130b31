// A team connects its Instagram business account and its Facebook page from the Data sources page
// through Facebook Login: "Connect Instagram" goes to Facebook's dialog, which sends the browser
// back to /sources/facebook with a code; the pages the person manages are listed (a page without
// an Instagram business account cannot be picked for Instagram), the one picked becomes a card
// that syncs by itself, and the fans with enough followers show in the Influencers tab with the
// post they tagged or commented on. A Facebook page is stored and shown. A cancelled login says
// so, a login's state is good once, and a server without a Facebook app says what to set.
// Facebook (its dialog and the Graph API) is a local mock speaking the documented format
// (fixtures/facebook/, fixtures/instagram/), which rapport reaches through RAPPORT_FACEBOOK_URL
// and RAPPORT_GRAPH_URL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, signUp, inBrowser } from "./support.mjs";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixture = (name) => readFileSync(join(fixtures, name), "utf8");
const APP_ID = "test-app";
const APP_SECRET = "test-secret";
const CODE = "good-code";
const SHORT_TOKEN = JSON.parse(fixture("facebook/oauth-access-token.json")).access_token;
const LONG_TOKEN = "long-lived-user-token";
const PAGE_TOKENS = JSON.parse(fixture("facebook/me-accounts.json")).data.map((p) => p.access_token);
const IG_USER = "17841400000000001";
const FIRST_MEDIA = JSON.parse(fixture("instagram/media-list.json")).data[0].id;
const DISCOVERY = /^business_discovery\.username\(([^)]+)\)/;

/**
 * The fixture's JSON with its `timestamp`s moved so that the newest is a day ago: the sync reads
 * the last 90 days by the server's clock, and the fixtures stay where they are in time.
 */
function recent(name) {
  const body = JSON.parse(fixture(name));
  const newest = Date.parse("2026-11-12T10:02:00Z");
  const shift = Date.now() - 24 * 3600 * 1000 - newest;
  for (const item of body.data ?? []) {
    if (item.timestamp) {
      const moved = new Date(Date.parse(item.timestamp.replace(/\+0000$/, "Z")) + shift);
      item.timestamp = moved.toISOString().replace(/\.\d{3}Z$/, "+0000");
    }
  }
  return body;
}

/** A business discovery answer for `username` named `name` with `followers`, from mia.lens's fixture. */
function discovery(username, name, followers) {
  const body = JSON.parse(fixture("instagram/business-discovery.json"));
  body.business_discovery.username = username;
  body.business_discovery.name = name;
  body.business_discovery.followers_count = followers;
  return body;
}

/**
 * A mock Facebook on a free port of 127.0.0.1, every path under /v21.0: the login dialog (which
 * sends the browser straight back with `CODE`), the token exchanges, and the Graph API with the
 * long-lived token (or a page's): the pages the person manages, the Instagram business account's
 * username, the media it is tagged in, its media and their comments, and other accounts' profiles
 * (mia.lens and ava.bakes are business accounts; anyone else cannot be looked up). Every request
 * is kept.
 */
async function startFacebook() {
  const requests = [];
  const json = (response, status, body) => {
    response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
    response.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const graphError = (response, status, message, code = 100) => json(response, status, {
    error: { message, type: "OAuthException", code, fbtrace_id: "MockTrace" },
  });
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://facebook.mock");
    const query = url.searchParams;
    requests.push({ method: request.method, path: url.pathname, query });
    const path = url.pathname.replace(/^\/v21\.0\//, "");
    if (request.method !== "GET" || path === url.pathname) {
      return graphError(response, 400, `Unknown path ${url.pathname}`);
    }
    if (path === "dialog/oauth") {
      const redirect = query.get("redirect_uri");
      if (query.get("client_id") !== APP_ID || !redirect || !query.get("state")
        || query.get("response_type") !== "code") {
        response.writeHead(400, { "content-type": "text/plain" });
        return response.end("Invalid app id, redirect_uri, state or response_type.");
      }
      const back = new URL(redirect);
      back.searchParams.set("code", CODE);
      back.searchParams.set("state", query.get("state"));
      response.writeHead(302, { location: back.toString() });
      return response.end();
    }
    if (path === "oauth/access_token") {
      if (query.get("client_id") !== APP_ID || query.get("client_secret") !== APP_SECRET) {
        return graphError(response, 400, "Error validating client secret.", 1);
      }
      if (query.get("grant_type") === "fb_exchange_token") {
        if (query.get("fb_exchange_token") !== SHORT_TOKEN) {
          return json(response, 400, fixture("facebook/error-expired-token.json"));
        }
        return json(response, 200, { access_token: LONG_TOKEN, token_type: "bearer", expires_in: 5183944 });
      }
      if (query.get("code") !== CODE || !query.get("redirect_uri")) {
        return graphError(response, 400, "Invalid verification code format.");
      }
      return json(response, 200, fixture("facebook/oauth-access-token.json"));
    }
    const token = query.get("access_token");
    if (token !== LONG_TOKEN && !PAGE_TOKENS.includes(token)) {
      return json(response, 400, fixture("facebook/error-expired-token.json"));
    }
    if (path === "me/accounts") return json(response, 200, fixture("facebook/me-accounts.json"));
    if (path === IG_USER) {
      const fields = query.get("fields") ?? "";
      const wanted = fields.match(DISCOVERY);
      if (wanted && wanted[1] === "mia.lens") return json(response, 200, fixture("instagram/business-discovery.json"));
      if (wanted && wanted[1] === "ava.bakes") return json(response, 200, discovery("ava.bakes", "Ava Bakes", 3200));
      if (wanted) return json(response, 400, fixture("instagram/business-discovery-not-business.json"));
      if (fields === "username") return json(response, 200, { username: "democoffee", id: IG_USER });
      return graphError(response, 400, `Unexpected fields ${fields}`);
    }
    if (path === `${IG_USER}/tags`) return json(response, 200, recent("instagram/tags.json"));
    if (path === `${IG_USER}/media`) return json(response, 200, recent("instagram/media-list.json"));
    const comments = path.match(/^(\d+)\/comments$/);
    if (comments) {
      return json(response, 200, comments[1] === FIRST_MEDIA ? recent("instagram/media-comments.json") : { data: [] });
    }
    return graphError(response, 404, `Unsupported get request: ${url.pathname}`);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

let facebook;
let server;
let browser;

before(async () => {
  facebook = await startFacebook();
  server = await startServer({
    env: {
      RAPPORT_FACEBOOK_APP_ID: APP_ID,
      RAPPORT_FACEBOOK_APP_SECRET: APP_SECRET,
      RAPPORT_FACEBOOK_URL: facebook.url,
      RAPPORT_GRAPH_URL: facebook.url,
    },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await facebook?.close();
});

/** Signs up a new member of a new team and opens the Data sources page. */
async function openSources(page, who) {
  await signUp(page, server.base, { name: who, email: `${who.toLowerCase().replace(/\W+/g, ".")}@coffee.example`, team: `${who}'s coffee` });
  await page.getByTestId("nav-sources").click();
  await page.getByTestId("sources-empty").waitFor();
}

test("Instagram connects through Facebook Login, syncs by itself, and its fans with enough followers become influencers", async () => {
  await inBrowser(browser, "sources-instagram", async (page) => {
    await openSources(page, "Ines Barista");
    const section = page.getByTestId("connect-facebook-section");
    assert.match(await section.innerText(), /tag you and comment on your posts/);
    assert.match(await section.innerText(), /1,000 followers/);
    assert.match(await section.innerText(), /does not list a page's fans/);

    // To Facebook's dialog and back, with the pages the person manages.
    await page.getByRole("button", { name: "Connect Instagram" }).click();
    await page.waitForURL(/\/sources\/facebook\?code=good-code&state=/);
    const dialog = facebook.requests.find((r) => r.path === "/v21.0/dialog/oauth");
    assert.ok(dialog, "the browser went to Facebook's dialog");
    assert.equal(dialog.query.get("client_id"), APP_ID);
    assert.equal(dialog.query.get("redirect_uri"), `${server.base}/sources/facebook`);
    assert.match(dialog.query.get("scope") ?? "", /instagram_basic/);
    const pages = page.getByTestId("facebook-page");
    const outlet = pages.filter({ hasText: "Demo Coffee Outlet" });
    await outlet.waitFor();
    assert.ok(await outlet.getByRole("radio").isDisabled(), "a page without Instagram cannot be picked");
    assert.match(await outlet.innerText(), /no Instagram business account/);
    const coffee = pages.filter({ hasText: "Demo Coffee Co." });
    assert.match(await coffee.innerText(), /Coffee Shop/);
    assert.match(await coffee.innerText(), /Instagram connected/);
    assert.ok(facebook.requests.some((r) => r.path === "/v21.0/oauth/access_token"
      && r.query.get("grant_type") === "fb_exchange_token"), "the code's token is made long-lived");
    const threshold = page.getByLabel(/Count fans with at least/);
    assert.equal(await threshold.inputValue(), "1000");
    await coffee.getByRole("radio").check();
    await page.getByRole("button", { name: "Connect", exact: true }).click();

    // Its card syncs by itself; the page follows without a reload.
    await page.waitForURL(`${server.base}/sources`);
    const card = page.getByTestId("source").filter({ hasText: "@democoffee" });
    await card.waitFor();
    assert.match(await card.getByTestId("source-page").innerText(), /@democoffee via page Demo Coffee Co\./);
    assert.match(await card.innerText(), /Instagram/);
    await card.getByTestId("source-status").filter({ hasText: /^Synced/ }).waitFor();
    await card.getByTestId("source-counts").filter({ hasText: /\b2 matches\b/ }).waitFor();
    assert.match(await card.getByTestId("source-threshold").innerText(), /≥ 1,000 followers/);
    assert.ok(await card.getByRole("button", { name: "Sync now" }).isVisible());
    assert.ok(await card.getByTestId("source-every").isVisible());
    assert.equal(await card.getByTestId("source-replace-key").count(), 0, "no key to replace");
    assert.equal(await card.getByTestId("source-reconnect").count(), 0, "no new login while it works");
    const sourceName = (await card.getByTestId("source-name").innerText()).trim();
    for (const path of [`/v21.0/${IG_USER}/tags`, `/v21.0/${IG_USER}/media`, `/v21.0/${FIRST_MEDIA}/comments`]) {
      assert.ok(facebook.requests.some((r) => r.path === path), `the sync read ${path}`);
    }

    // The fans with at least 1,000 followers, each with the post they tagged or commented on.
    await page.getByTestId("tab-influencers").click();
    const rows = page.getByTestId("match");
    const mia = rows.filter({ hasText: "mia.lens" });
    const ava = rows.filter({ hasText: "ava.bakes" });
    await mia.waitFor();
    await ava.waitFor();
    assert.match(await mia.innerText(), /Mia \| Film photography/);
    assert.match(await ava.innerText(), /Ava Bakes/);
    const everyone = (await rows.allInnerTexts()).join("\n");
    assert.doesNotMatch(everyone, /random\.fan|someone\.random/);
    const tagged = ava.getByRole("link", { name: "View post" });
    assert.equal(await tagged.getAttribute("href"), "https://www.instagram.com/p/BBB101/");
    assert.equal(await tagged.getAttribute("target"), "_blank");
    assert.match(await tagged.getAttribute("rel"), /\bnoopener\b/);
    assert.match(await mia.getByRole("link", { name: "View post" }).getAttribute("href"), /^https:\/\/www\.instagram\.com\//);
    const filter = page.getByTestId("match-source");
    assert.ok((await filter.locator("option").allInnerTexts()).includes(sourceName), "Instagram is a source to filter by");
    await filter.selectOption({ label: sourceName });
    await mia.waitFor();
    await ava.waitFor();

    // A higher threshold is saved on the card.
    await page.getByTestId("tab-sources").click();
    const again = page.getByTestId("source").filter({ hasText: "@democoffee" });
    await again.getByTestId("source-min-followers").fill("5000");
    await again.getByRole("button", { name: "Save", exact: true }).click();
    await again.getByTestId("source-threshold").filter({ hasText: "≥ 5,000 followers" }).waitFor();
    assert.equal(await page.getByTestId("error").count(), 0);
  });
});

test("a Facebook page connects through Facebook Login and shows on its card; its login is good once", async () => {
  await inBrowser(browser, "sources-facebook-page", async (page) => {
    await openSources(page, "Omar Roaster");
    await page.getByRole("button", { name: "Connect Facebook page" }).click();
    await page.waitForURL(/\/sources\/facebook\?code=good-code&state=/);
    const callback = page.url();
    const outlet = page.getByTestId("facebook-page").filter({ hasText: "Demo Coffee Outlet" });
    await outlet.waitFor();
    assert.ok(await outlet.getByRole("radio").isEnabled(), "any page can be connected as a page");
    assert.equal(await page.getByTestId("facebook-min-followers").count(), 0, "a page has no threshold");
    await outlet.getByRole("radio").check();
    await page.getByRole("button", { name: "Connect", exact: true }).click();

    await page.waitForURL(`${server.base}/sources`);
    const card = page.getByTestId("source").filter({ hasText: "Demo Coffee Outlet" });
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, /Facebook page/);
    assert.match(text, /Retail/);
    assert.match(text, /does not list a page's fans/);
    assert.equal(await card.getByRole("button", { name: "Sync now" }).count(), 0, "a page does not sync");
    assert.ok(await card.getByRole("button", { name: "Disconnect" }).isVisible());

    // The same answer from Facebook again: its state was used.
    await page.goto(callback);
    const refused = page.getByTestId("facebook-error");
    await refused.waitFor();
    assert.match(await refused.innerText(), /used/);
    await page.getByTestId("facebook-start-again").getByRole("button", { name: "Connect Facebook page" }).waitFor();
    assert.equal(await page.getByTestId("facebook-page").count(), 0);
  });
});

test("a cancelled Facebook login says so and calls nothing", async () => {
  await inBrowser(browser, "sources-facebook-cancelled", async (page) => {
    await openSources(page, "Lea Cancel");
    const calls = [];
    page.on("request", (request) => {
      if (request.url().includes("/facebook-logins")) calls.push(request.url());
    });
    await page.goto(`${server.base}/sources/facebook?error=access_denied&error_code=200&error_reason=user_denied&error_description=Permissions+error#_=_`);
    await page.getByRole("heading", { name: "Facebook login was cancelled" }).waitFor();
    assert.match(await page.getByTestId("facebook-cancelled-why").innerText(), /Permissions error/);
    await page.getByRole("link", { name: "Back to Data sources" }).click();
    await page.waitForURL(`${server.base}/sources`);
    await page.getByTestId("sources-empty").waitFor();
    assert.deepEqual(calls, [], "a cancelled login calls no API");
  });
});

test("without a Facebook app, connecting Instagram says what to set", async () => {
  const bare = await startServer();
  try {
    await inBrowser(browser, "sources-facebook-not-configured", async (page) => {
      await signUp(page, bare.base, { name: "Noa Setup", email: "noa@coffee.example", team: "Setup coffee" });
      await page.getByTestId("nav-sources").click();
      await page.getByRole("button", { name: "Connect Instagram" }).click();
      const alert = page.getByTestId("connect-facebook-section").getByRole("alert");
      await alert.waitFor();
      assert.match(await alert.innerText(), /RAPPORT_FACEBOOK_APP_ID/);
      assert.equal(new URL(page.url()).pathname, "/sources");
    });
  } finally {
    await bare.stop();
  }
});
