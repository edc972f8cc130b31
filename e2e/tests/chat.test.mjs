// A brand and a connected creator chat in two browsers: each message appears on the other side
// without a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openContext, apiCall, logIn as signIn } from "./support.mjs";

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

const api = (method, path, token, body) => apiCall(server.base, method, path, token, body);
const logIn = (page, email) => signIn(page, server.base, email);

test("a brand and a creator chat in real time", async () => {
  const password = "correct horse battery";
  const brand = await api("POST", "/auth/signup", null, { email: "mia@brand.example", password, name: "Mia", team_name: "Acme Coffee" });
  const team = (await api("GET", "/me", brand.access_token)).teams[0].id;
  const ada = await api("POST", "/auth/signup", null, { email: "ada@creators.example", password, name: "Ada Cooks", kind: "creator" });
  const profile = await api("GET", "/creator", ada.access_token);
  const invite = await api("POST", `/teams/${team}/connection-invites`, brand.access_token, { creator_id: profile.id });
  await api("POST", `/creator/connection-invites/${invite.id}/accept`, ada.access_token);

  const brandSide = await openContext(browser);
  const creatorSide = await openContext(browser);
  let failed = true;
  try {
    const b = brandSide.page;
    await logIn(b, "mia@brand.example");
    await b.getByTestId("nav-connections").click();
    await b.getByTestId("connection").filter({ hasText: "Ada Cooks" }).getByTestId("connection-chat").click();
    await b.getByTestId("thread-title").filter({ hasText: "Ada Cooks" }).waitFor();

    const c = creatorSide.page;
    await logIn(c, "ada@creators.example");
    await c.getByTestId("nav-creator-connections").click();
    await c.getByTestId("my-connection").filter({ hasText: "Acme Coffee" }).getByTestId("my-connection-chat").click();
    await c.getByTestId("thread-title").filter({ hasText: "Acme Coffee" }).waitFor();

    // The brand writes; the creator's open thread shows it without a reload.
    await b.getByTestId("message-text").fill("Hello Ada! Fancy a coffee?");
    await b.getByTestId("message-send").click();
    await b.getByTestId("message-body").filter({ hasText: "Hello Ada! Fancy a coffee?" }).waitFor();
    await c.getByTestId("message-body").filter({ hasText: "Hello Ada! Fancy a coffee?" }).waitFor({ timeout: 10000 });

    // The creator answers (Ctrl+Enter sends); the brand's thread shows it, once.
    await c.getByTestId("message-text").fill("Yes please!");
    await c.getByTestId("message-text").press("Control+Enter");
    await b.getByTestId("message-body").filter({ hasText: "Yes please!" }).waitFor({ timeout: 10000 });
    assert.equal(await b.getByTestId("message-body").filter({ hasText: "Yes please!" }).count(), 1);
    assert.equal(await c.getByTestId("message-body").filter({ hasText: "Yes please!" }).count(), 1);
    const order = await b.getByTestId("message-body").allInnerTexts();
    assert.deepEqual(order, ["Hello Ada! Fancy a coffee?", "Yes please!"]);
    // Ada's open thread read the brand's message: the brand sees "read" on it, live.
    await b.getByTestId("message").filter({ hasText: "Hello Ada! Fancy a coffee?" }).getByTestId("message-read").waitFor({ timeout: 10000 });

    // The list of conversations names the other side.
    await b.getByTestId("conversation").filter({ hasText: "Ada Cooks" }).waitFor();
    await c.getByTestId("conversation").filter({ hasText: "Acme Coffee" }).waitFor();
    failed = false;
  } finally {
    await brandSide.finish("chat-brand", failed);
    await creatorSide.finish("chat-creator", failed);
  }
});

test("a message to an influencer without the app goes by mail (from the influencer's Chat tab); a reply from the dev mailbox lands in the thread", async () => {
  const password = "correct horse battery";
  const brand = await api("POST", "/auth/signup", null, { email: "leo@brand.example", password, name: "Leo", team_name: "Trail Co" });
  const team = (await api("GET", "/me", brand.access_token)).teams[0].id;
  const influencer = await api("POST", `/teams/${team}/influencers`, brand.access_token, { profile: "tiktok.com/@zoe.paints" });
  await api("PATCH", `/influencers/${influencer.id}`, brand.access_token, { email: "zoe@paints.example" });
  const silent = await api("POST", `/teams/${team}/influencers`, brand.access_token, { profile: "instagram.com/no.mail.max" });

  const brandSide = await openContext(browser);
  const mailbox = await openContext(browser);
  let failed = true;
  try {
    const b = brandSide.page;
    await logIn(b, "leo@brand.example");
    // Without an e-mail address, the Chat tab says what is missing.
    await b.goto(`${server.base}/influencers/${silent.id}`);
    await b.getByTestId("tab-chat").click();
    await b.getByTestId("chat-no-email").filter({ hasText: "add their address under Contact" }).waitFor();

    await b.goto(`${server.base}/influencers/${influencer.id}`);
    await b.getByTestId("tab-chat").click();
    await b.getByTestId("thread-title").filter({ hasText: "by e-mail" }).waitFor();
    assert.equal(await b.getByTestId("chat-no-email").count(), 0);
    await b.getByTestId("message-text").fill("Would you paint our new bag?");
    await b.getByTestId("message-send").click();
    await b.getByTestId("message-body").filter({ hasText: "Would you paint our new bag?" }).waitFor();

    // The mail is in the dev mailbox, from the team's name; Zoe replies there.
    const m = mailbox.page;
    await m.goto(`${server.base}/dev/mailbox`);
    const mail = m.getByTestId("mail").filter({ hasText: "Trail Co sent you a message" });
    await mail.waitFor();
    assert.match(await mail.innerText(), /from Trail Co/);
    await mail.getByTestId("mail-reply-text").fill("Yes! Send it over.\n\n-- \nZoe");
    await mail.getByTestId("mail-reply-send").click();
    await mail.getByTestId("mail-replied").waitFor();

    // The reply shows in the open thread, without its signature, without a reload.
    await b.getByTestId("message-body").filter({ hasText: "Yes! Send it over." }).waitFor({ timeout: 10000 });
    assert.equal(await b.getByTestId("message-body").last().innerText(), "Yes! Send it over.");
    // The messenger lists the conversation with its last message.
    await b.getByTestId("nav-messages").click();
    await b.getByTestId("conversation").filter({ hasText: "Yes! Send it over." }).waitFor();
    failed = false;
  } finally {
    await brandSide.finish("mail-brand", failed);
    await mailbox.finish("mail-mailbox", failed);
  }
});
