// A creator verifies their TikTok account by logging in on TikTok, from their profile: "Connect
// TikTok" asks first whether the brands they are connected with may see the figures the login
// reads (unticked unless they tick it), sends the browser to TikTok's login page, which sends it
// back to /creator/verify with a code; the account is then theirs, verified, with the followers
// TikTok told. The sharing toggle and "Forget login" work on the profile, brands see a ✓ on the
// creator's card in the network, and at phone size everything fits. A platform the server has no
// app for (YouTube here) says which variables its operator sets; a declined login says so; an
// account another creator verified is refused with the server's words and a way back.
// TikTok (its login page and its API) is a local mock speaking the documented format, which
// rapport reaches through --tiktok-login-url and --tiktok-url (RAPPORT_TIKTOK_LOGIN_URL,
// RAPPORT_TIKTOK_URL).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startServer, launchBrowser, inBrowser, signUp } from "./support.mjs";

const CLIENT_KEY = "ck";
const CLIENT_SECRET = "cs";
const CODE = "good-code";
const TOKEN = "act.e2e";
const phone = { width: 390, height: 844 };

/** Ava's TikTok account, as the brief's fixture has it. */
const AVA = { open_id: "open-1", display_name: "Ava Bakes", username: "avabakes", follower_count: 20931, video_count: 167 };

/**
 * A mock TikTok on a free port of 127.0.0.1: the login page (which sends the browser straight back
 * with `CODE` and the state), the token endpoint, user info and the video list. `user` is who
 * logged in (Ava unless a test says otherwise). Every request is kept.
 */
async function startTikTok() {
  const mock = { requests: [], user: AVA };
  const json = (response, status, body) => {
    response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
    response.end(JSON.stringify(body));
  };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://tiktok.mock");
    let body = "";
    for await (const chunk of request) body += chunk;
    mock.requests.push({ method: request.method, path: url.pathname, query: url.searchParams, body,
      authorization: request.headers.authorization });
    if (request.method === "GET" && url.pathname === "/v2/auth/authorize/") {
      const redirect = url.searchParams.get("redirect_uri");
      const state = url.searchParams.get("state");
      if (url.searchParams.get("client_key") !== CLIENT_KEY || !redirect || !state) {
        response.writeHead(400, { "content-type": "text/plain" });
        return response.end("Invalid client_key, redirect_uri or state.");
      }
      const back = new URL(redirect);
      back.searchParams.set("code", CODE);
      back.searchParams.set("state", state);
      response.writeHead(302, { location: back.toString() });
      return response.end();
    }
    if (request.method === "POST" && url.pathname === "/v2/oauth/token/") {
      const form = new URLSearchParams(body);
      if (form.get("client_key") !== CLIENT_KEY || form.get("client_secret") !== CLIENT_SECRET || form.get("code") !== CODE) {
        return json(response, 400, { error: "invalid_grant", error_description: "Authorization code is expired.", log_id: "0" });
      }
      return json(response, 200, {
        access_token: TOKEN, expires_in: 86400, open_id: mock.user.open_id, refresh_token: "rft.e2e",
        refresh_expires_in: 31536000, scope: "user.info.basic,user.info.profile,user.info.stats,video.list",
        token_type: "Bearer",
      });
    }
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      return json(response, 401, { error: { code: "access_token_invalid", message: "The access token is invalid or not found in the request.", log_id: "9" } });
    }
    if (request.method === "GET" && url.pathname === "/v2/user/info/") {
      return json(response, 200, { data: { user: mock.user }, error: { code: "ok", message: "", log_id: "1" } });
    }
    if (request.method === "POST" && url.pathname === "/v2/video/list/") {
      return json(response, 200, { data: { videos: [], cursor: 0, has_more: false }, error: { code: "ok", message: "", log_id: "2" } });
    }
    return json(response, 404, { error: { code: "not_found", message: `No ${request.method} ${url.pathname}`, log_id: "3" } });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  mock.url = `http://127.0.0.1:${server.address().port}`;
  mock.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); });
  return mock;
}

let tiktok;
let server;
let browser;

before(async () => {
  tiktok = await startTikTok();
  server = await startServer({
    env: {
      RAPPORT_TIKTOK_CLIENT_KEY: CLIENT_KEY,
      RAPPORT_TIKTOK_CLIENT_SECRET: CLIENT_SECRET,
      RAPPORT_TIKTOK_LOGIN_URL: tiktok.url,
      RAPPORT_TIKTOK_URL: tiktok.url,
    },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await tiktok?.close();
});

/** Signs a creator up through the form; they land on their profile. */
async function creatorSignUp(page, name, email) {
  await page.goto(`${server.base}/signup`);
  await page.getByTestId("signup-kind-creator").check();
  await page.getByTestId("signup-name").fill(name);
  await page.getByTestId("signup-email").fill(email);
  await page.getByTestId("signup-password").fill("correct horse battery");
  await page.getByTestId("signup-submit").click();
  await page.getByTestId("creator-verified").waitFor();
}

/** Opens the dialog of `button`, ticks (or not) the consent box, and continues to the platform. */
async function logInWith(page, button, { share }) {
  await button.click();
  const dialog = page.getByTestId("verify-dialog");
  await dialog.waitFor();
  const consent = dialog.getByRole("checkbox", { name: "Let brands I'm connected with see the figures this login reads" });
  assert.equal(await consent.isChecked(), false, "sharing is off unless the creator ticks it");
  if (share) await consent.check();
  await dialog.getByTestId("verify-continue").click();
}

/** The page's horizontal overflow in pixels (0 when everything fits). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("a creator connects TikTok: the login verifies avabakes with its followers; sharing and forgetting the login; brands see the ✓", async () => {
  await inBrowser(browser, "creator-verify-tiktok", async (page) => {
    await creatorSignUp(page, "Ava Bakes", "ava@creators.example");
    const section = page.getByTestId("creator-verified");
    assert.match(await section.innerText(), /Verified accounts/);
    const connect = section.getByRole("button", { name: "Connect TikTok" });
    assert.ok(await section.getByRole("button", { name: "Connect YouTube" }).isVisible());
    assert.ok(await section.getByRole("button", { name: "Connect Instagram" }).isVisible());

    // To TikTok's login page and back.
    await logInWith(page, connect, { share: true });
    await page.waitForURL(/\/creator\/verify\?code=good-code&state=/);
    const authorize = tiktok.requests.find((r) => r.path === "/v2/auth/authorize/");
    assert.ok(authorize, "the browser went to TikTok's login page");
    assert.equal(authorize.query.get("client_key"), CLIENT_KEY);
    assert.equal(authorize.query.get("redirect_uri"), `${server.base}/creator/verify`);
    await page.getByTestId("verify-done").waitFor();
    assert.equal(await page.getByTestId("verify-done").innerText(), "Account verified");
    const done = page.getByTestId("verified-account");
    assert.match(await done.innerText(), /TikTok avabakes · 20,931 followers/);
    assert.match(await done.innerText(), /Brands you are connected with see the figures/);
    const token = tiktok.requests.find((r) => r.path === "/v2/oauth/token/");
    assert.ok(token, "the code became tokens");
    assert.equal(new URLSearchParams(token.body).get("redirect_uri"), `${server.base}/creator/verify`);
    assert.ok(tiktok.requests.some((r) => r.path === "/v2/user/info/" && r.authorization === `Bearer ${TOKEN}`));

    // Back on the profile: the account is claimed and verified, with its login.
    await page.getByTestId("verify-back").click();
    const account = page.getByTestId("verified-account").filter({ hasText: "avabakes" });
    await account.waitFor();
    assert.match(await account.innerText(), /20,931 followers/);
    assert.equal(await account.getAttribute("data-verified"), "true");
    const badge = account.getByTestId("verified-badge");
    assert.match(await badge.innerText(), /Verified/);
    assert.match(await badge.textContent(), /you proved this TikTok account yours/, "the badge says what it means to a screen reader");
    assert.equal(await section.getByRole("button", { name: "Connect TikTok" }).count(), 0, "TikTok is claimed now");
    const mine = page.getByTestId("creator-account").filter({ hasText: "avabakes" });
    assert.equal(await mine.getByRole("img", { name: "Verified account" }).count(), 1);

    // Sharing: on as chosen; off, and it stays off.
    const share = account.getByRole("checkbox", { name: "Let brands I'm connected with see the figures this login reads" });
    assert.equal(await share.isChecked(), true);
    await share.uncheck();
    await account.getByTestId("verified-share-saved").waitFor();
    assert.match(await account.getByTestId("verified-share-saved").innerText(), /no longer see/);
    await page.reload();
    await account.waitFor();
    assert.equal(await share.isChecked(), false);
    await share.check();
    await account.getByTestId("verified-share-saved").waitFor();
    await page.reload();
    await account.waitFor();
    assert.equal(await share.isChecked(), true);

    // Forget the login: asked first (the confirmation takes the focus), then the account stays verified.
    await account.getByTestId("verified-forget").click();
    const yes = account.getByTestId("verified-forget-yes");
    await yes.waitFor();
    assert.ok(await yes.evaluate((e) => e === document.activeElement), "the confirmation has the focus");
    await account.getByTestId("verified-forget-no").click();
    assert.equal(await yes.count(), 0);
    await account.getByTestId("verified-forget").click();
    await yes.click();
    await account.getByTestId("verified-forgotten").waitFor();
    await page.reload();
    await account.waitFor();
    assert.equal(await account.getAttribute("data-verified"), "true");
    assert.equal(await account.getByTestId("verified-login").count(), 0, "no login any more");
    assert.equal(await account.getByTestId("verified-badge").count(), 1);
    assert.equal(await account.getByTestId("verify-relogin").innerText(), "Log in with TikTok again");
  });

  // A brand sees the ✓ on Ava's card in the network.
  await inBrowser(browser, "creator-verify-brand", async (page) => {
    await signUp(page, server.base, { name: "Mia Brand", email: "mia@brand.example", team: "Mia's coffee" });
    await page.goto(`${server.base}/network`);
    const card = page.getByTestId("creator-card").filter({ hasText: "Ava Bakes" });
    await card.waitFor();
    const mark = card.getByRole("img", { name: "Verified account" });
    assert.equal(await mark.count(), 1);
    assert.match(await mark.getAttribute("title"), /logged in on TikTok/);
  });
});

test("at phone size: YouTube without a Google app says what to set, TikTok verifies, a declined login and an account verified by another creator say so", async () => {
  await inBrowser(browser, "creator-verify-phone", async (page) => {
    await creatorSignUp(page, "Ben Cooks", "ben@creators.example");
    const section = page.getByTestId("creator-verified");

    // The server has no Google app: the operator's message, in the dialog.
    await logInWith(page, section.getByRole("button", { name: "Connect YouTube" }), { share: false });
    const error = page.getByTestId("verify-dialog").getByTestId("error");
    await error.waitFor();
    assert.match(await error.innerText(), /no Google app/);
    assert.match(await error.innerText(), /RAPPORT_GOOGLE_CLIENT_ID and RAPPORT_GOOGLE_CLIENT_SECRET/);
    assert.equal(await overflow(page), 0, "the dialog fits a phone");
    await page.getByTestId("verify-dialog-close").click();
    await page.getByTestId("verify-dialog").waitFor({ state: "hidden" });

    // Ava's account, verified by her, is refused to Ben: the server's words and a way back.
    await logInWith(page, section.getByRole("button", { name: "Connect TikTok" }), { share: false });
    const refused = page.getByTestId("verify-error");
    await refused.waitFor();
    assert.match(await refused.innerText(), /Another creator verified TikTok avabakes/, "the server says why");
    assert.equal(await overflow(page), 0, "the failure fits a phone");
    await page.getByTestId("verify-back").click();
    await section.waitFor();
    assert.equal(await page.getByTestId("verified-account").count(), 0, "nothing was claimed");

    // Ben logs in on TikTok as himself, without sharing.
    tiktok.user = { open_id: "open-2", display_name: "Ben Cooks", username: "bencooks", follower_count: 1200, video_count: 12 };
    await logInWith(page, section.getByRole("button", { name: "Connect TikTok" }), { share: false });
    await page.getByTestId("verify-done").waitFor();
    assert.match(await page.getByTestId("verified-account").innerText(), /TikTok bencooks · 1,200 followers/);
    assert.match(await page.getByTestId("verified-account").innerText(), /Brands do not see/);
    assert.equal(await overflow(page), 0, "the verify page fits a phone");
    await page.getByTestId("verify-back").click();
    const account = page.getByTestId("verified-account").filter({ hasText: "bencooks" });
    await account.waitFor();
    assert.equal(await account.getByRole("checkbox").isChecked(), false);
    assert.equal(await overflow(page), 0, "the profile fits a phone");
    await account.getByRole("checkbox").check();
    await account.getByTestId("verified-share-saved").waitFor();

    // A login declined on TikTok changes nothing.
    await page.goto(`${server.base}/creator/verify?error=access_denied&error_description=The%20user%20denied%20the%20request`);
    await page.getByTestId("verify-cancelled").waitFor();
    assert.match(await page.getByTestId("verify-cancelled").innerText(), /cancelled/);
    assert.match(await page.getByTestId("verify-cancelled-why").innerText(), /The user denied the request/);
    await page.getByTestId("verify-back").click();
    await account.waitFor();
    tiktok.user = AVA;
  }, phone);
});
