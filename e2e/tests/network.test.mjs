// The creator network in two browsers: a creator signs up and fills their profile; a brand finds
// them with two filters, stars them, invites them; the creator opens the mail's link (from the dev
// mailbox) in a browser where nobody is signed in and accepts; the brand sees them under
// Connections and puts them on a board.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, openContext, signUp, addInfluencers, artifacts } from "./support.mjs";

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

/** Signs up a creator through the API with a profile and one account (someone to filter out). */
async function creatorByApi(email, name, profile, account) {
  const call = async (method, path, token, body) => {
    const response = await fetch(`${server.base}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body && JSON.stringify(body),
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
    return response.json();
  };
  const session = await call("POST", "/auth/signup", null, { email, password: "correct horse battery", name, kind: "creator" });
  await call("PATCH", "/creator", session.access_token, profile);
  await call("POST", "/creator/accounts", session.access_token, account);
}

/** The accept and decline links of the newest mail to `to`. */
async function connectLinks(to) {
  for (let i = 0; i < 100; i++) {
    const mailbox = await (await fetch(`${server.base}/api/v1/dev/mailbox?to=${to}`)).json();
    const text = mailbox.items[0]?.text ?? "";
    const links = [...text.matchAll(/(http\S+\/connect\/[A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    if (links.length === 2) return { accept: links[0], decline: links[1] };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no invitation mail to ${to}`);
}

test("a brand finds a creator, stars and invites them; the creator accepts from the mail", async () => {
  await creatorByApi("ben@creators.example", "Ben Lifts",
    { country: "US", categories: ["fitness"], languages: ["en"] },
    { profile: "instagram.com/benlifts", followers: 90000 });
  await creatorByApi("cleo@creators.example", "Cleo Bakes",
    { country: "FR", categories: ["beauty"], languages: ["fr"] },
    { profile: "tiktok.com/@cleobakes", followers: 5000 });

  const creator = await openContext(browser);
  const brand = await openContext(browser);
  const stranger = await openContext(browser);
  let failed = true;
  try {
    // The creator signs up and fills the profile brands see.
    const c = creator.page;
    await c.goto(`${server.base}/signup`);
    await c.getByTestId("signup-kind-creator").check();
    await c.getByTestId("signup-name").fill("Ada Cooks");
    await c.getByTestId("signup-email").fill("ada@creators.example");
    await c.getByTestId("signup-password").fill("correct horse battery");
    await c.getByTestId("signup-submit").click();
    await c.getByTestId("creator-name").waitFor();
    await c.getByTestId("creator-country").fill("FR");
    await c.getByTestId("creator-bio").fill("Provençal recipes, slow food.");
    await c.locator("[data-testid=creator-category][value=food]").check();
    await c.getByTestId("creator-languages").fill("fr, en");
    await c.getByTestId("creator-save").click();
    await c.getByTestId("creator-saved").waitFor();
    await c.getByTestId("creator-account-profile").fill("instagram.com/ada.cooks");
    await c.getByTestId("creator-account-followers").fill("48,200");
    await c.getByTestId("creator-account-add").click();
    await c.getByTestId("creator-account").filter({ hasText: "ada.cooks" }).waitFor();
    assert.equal(await c.getByTestId("nav-creator-invites").count(), 1, "the creator's own navigation");

    // The brand explores: two filters leave Ada alone, the counts follow.
    const b = brand.page;
    await signUp(b, server.base, { name: "Mia Brand", email: "mia@brand.example", team: "Acme Coffee" });
    await b.getByTestId("nav-network").click();
    await b.getByTestId("network-total").filter({ hasText: "3 creators" }).waitFor();
    mkdirSync(join(artifacts, "screens"), { recursive: true });
    await b.screenshot({ path: join(artifacts, "screens", "network-1280.png"), fullPage: true });
    await b.locator("[data-testid=filter-country][value=FR]").check();
    await b.getByTestId("network-total").filter({ hasText: "2 creators" }).waitFor();
    await b.locator("[data-testid=filter-category][value=food]").check();
    await b.getByTestId("network-total").filter({ hasText: "1 creator" }).waitFor();
    const card = b.getByTestId("creator-card");
    assert.equal(await card.count(), 1);
    assert.equal(await card.getByTestId("creator-card-name").innerText(), "Ada Cooks");
    assert.match(await card.innerText(), /ada\.cooks · 48\.2K/);
    // The category facet counts with every filter but its own: one beauty creator in France.
    const beauty = b.locator("label", { has: b.locator("[data-testid=filter-category][value=beauty]") });
    assert.match(await beauty.innerText(), /1$/, "one beauty creator in France");

    // Star, see them in Favourites, invite from there.
    await card.getByTestId("creator-star").click();
    await b.locator("[data-testid=creator-star][aria-pressed=true]").waitFor();
    await b.getByTestId("nav-favourites").click();
    const favourite = b.getByTestId("favourites").getByTestId("creator-card");
    await favourite.waitFor();
    assert.equal(await favourite.getByTestId("creator-card-name").innerText(), "Ada Cooks");
    await favourite.getByTestId("creator-invite").click();
    await b.getByTestId("invite-message").fill("We love your recipes. Coffee together?");
    await b.getByTestId("invite-send").click();
    await favourite.getByTestId("creator-revoke").waitFor();
    await b.getByTestId("nav-connections").click();
    await b.getByTestId("tab-pending").click();
    await b.getByTestId("pending-invite").filter({ hasText: "Ada Cooks" }).waitFor();

    // The creator: the bell counts the invitation; the mail's link works without signing in,
    // and opening it decides nothing until confirmed.
    await c.getByTestId("nav-creator-invites").click();
    await c.getByTestId("received-invite").filter({ hasText: "Acme Coffee" }).waitFor();
    assert.equal(await c.getByTestId("bell-count").innerText(), "1");
    const { accept } = await connectLinks("ada@creators.example");
    const s = stranger.page;
    await s.goto(accept);
    await s.getByTestId("connect-confirm").waitFor();
    assert.match(await s.locator(".connect-page").innerText(), /Acme Coffee invites you to connect/);
    assert.match(await s.locator(".connect-page").innerText(), /Coffee together\?/);
    await s.reload();
    await s.getByTestId("connect-confirm").click();
    await s.getByTestId("connect-done").filter({ hasText: "You are connected with Acme Coffee" }).waitFor();
    await s.goto(accept);
    await s.getByTestId("connect-closed").filter({ hasText: "accepted already" }).waitFor();

    await c.getByTestId("nav-creator-connections").click();
    await c.getByTestId("my-connection").filter({ hasText: "Acme Coffee" }).waitFor();
    await c.getByTestId("nav-bell").click();
    await c.getByTestId("notification").filter({ hasText: "Acme Coffee invited you to connect" }).waitFor();

    // The brand sees the connection (with the address), is told, and puts Ada on a board.
    await b.getByTestId("nav-boards").click();
    await b.getByTestId("bell-count").filter({ hasText: "1" }).waitFor();
    await b.getByTestId("nav-connections").click();
    const connection = b.getByTestId("connection").filter({ hasText: "Ada Cooks" });
    await connection.waitFor();
    assert.match(await connection.getByTestId("connection-email").innerText(), /ada@creators\.example/);
    await b.getByTestId("nav-bell").click();
    await b.getByTestId("notification").filter({ hasText: "Ada Cooks accepted your invitation to connect" }).waitFor();
    await b.getByTestId("nav-boards").click();
    await b.getByTestId("board-name").fill("Creators we know");
    await b.getByTestId("board-create").click();
    await b.getByTestId("board-link").filter({ hasText: "Creators we know" }).click();
    await b.getByTestId("column").nth(0).waitFor();
    const outcomes = await addInfluencers(b, ["instagram.com/ada.cooks"]);
    assert.match(outcomes[0], /added/);
    await b.getByTestId("card-name").filter({ hasText: "Ada Cooks" }).waitFor();
    failed = false;
  } finally {
    await creator.finish("network-creator", failed);
    await brand.finish("network-brand", failed);
    await stranger.finish("network-stranger", failed);
  }
});
