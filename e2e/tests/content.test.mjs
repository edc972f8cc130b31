// A board's Content tab as a team uses it: it tracks a hashtag ("#SummerLaunch"), adds a TikTok
// post by hand (a link of another platform is refused with the field's error), sees it with its
// figures and the totals, sorts the posts by likes, removes one; at phone size the tab fits the
// screen. In the demo team, the board "Summer launch" tracks #summerlaunch and lists its posts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, inBrowser, logIn, signUp, addInfluencers } from "./support.mjs";

let demo;
let fresh;
let browser;

before(async () => {
  demo = await startServer({ demo: true });
  fresh = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
  await fresh?.stop();
});

const EMAIL = "mia@brand.example";

/** The address of the board the team made, once the first test made it. */
let boardUrl;

/** Adds a post by hand through the tab's form. */
async function addPost(page, { influencer, link, likes, comments, views, date }) {
  await page.getByTestId("post-add-open").click();
  const form = page.getByTestId("post-form");
  await form.getByTestId("post-influencer").selectOption({ label: influencer });
  // The account list is read when the influencer is chosen.
  await form.getByTestId("post-account").locator("option", { hasText: `· ${influencer}` }).waitFor({ state: "attached" });
  await form.getByTestId("post-link").fill(link);
  if (date) await form.getByTestId("post-date").fill(date);
  if (likes !== undefined) await form.getByTestId("post-likes").fill(String(likes));
  if (comments !== undefined) await form.getByTestId("post-comments").fill(String(comments));
  if (views !== undefined) await form.getByTestId("post-views").fill(String(views));
  await form.getByTestId("post-save").click();
}

test("a team tracks a hashtag, adds posts by hand, sorts and removes them", async () => {
  await inBrowser(browser, "content-flow", async (page) => {
    await signUp(page, fresh.base, { name: "Mia", email: EMAIL, team: "Acme" });
    await page.getByTestId("board-name").fill("Launch");
    await page.getByTestId("board-create").click();
    await page.getByTestId("board-link").filter({ hasText: "Launch" }).click();
    await page.getByTestId("board-title").filter({ hasText: "Launch" }).waitFor();
    const outcomes = await addInfluencers(page, ["tiktok.com/@sam.cooks", "https://www.instagram.com/ada.bakes/"]);
    assert.deepEqual(outcomes.map((o) => /— added$/.test(o)), [true, true], outcomes.join(" / "));
    boardUrl = page.url();

    // The board is a tab; Content is the other one, named in the address.
    assert.equal(await page.getByTestId("board-tab-board").getAttribute("aria-selected"), "true");
    await page.getByTestId("board-tab-content").click();
    await page.waitForURL(/\?tab=content$/);
    await page.getByTestId("content-tracking").filter({ hasText: "No hashtag tracked" }).waitFor();
    await page.getByTestId("content-empty").waitFor();
    assert.equal(await page.getByTestId("columns").isVisible(), false, "the columns are hidden");

    // A hashtag as typed, `#` and case kept. Its posts are looked for in the background: the tab
    // reads itself again (every 1.5 s) until they show.
    let reads = 0;
    page.on("request", (request) => { if (request.url().includes("/content?sort=")) reads += 1; });
    await page.getByTestId("hashtag-input").fill("#SummerLaunch");
    await page.getByTestId("hashtag-save").click();
    await page.getByTestId("content-looking").waitFor();
    const readsThen = reads;
    await page.waitForTimeout(3_500);
    assert.ok(reads - readsThen >= 2, `read again while looking: ${reads - readsThen}`);
    await page.getByTestId("content-tracking").filter({ hasText: "Tracking #SummerLaunch since" }).waitFor();
    assert.match(
      await page.getByTestId("content-tracking").innerText(),
      /^Tracking #SummerLaunch since \d{4}-\d\d-\d\d \(posts of this board's influencers that carry it\)$/,
    );
    assert.match(await page.getByTestId("content-empty").innerText(), /No posts with #SummerLaunch yet/);
    await page.getByTestId("hashtag-stop").waitFor();

    // A link of another platform than the account's is refused, with the field's error.
    await addPost(page, { influencer: "sam.cooks", link: "https://www.instagram.com/p/Cx123/" });
    const form = page.getByTestId("post-form");
    assert.match(await form.getByTestId("error").innerText(), /link: This is not a TikTok post's link\./);

    // The TikTok link goes in, with its figures typed in.
    await form.getByTestId("post-link").fill("https://www.tiktok.com/@sam.cooks/video/7301");
    await form.getByTestId("post-likes").fill("1200");
    await form.getByTestId("post-comments").fill("30");
    await form.getByTestId("post-views").fill("20000");
    await form.getByTestId("post-save").click();
    await form.waitFor({ state: "detached" });
    const rows = page.getByTestId("content-post");
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    const row = rows.first();
    assert.equal(await row.getByTestId("content-author").innerText(), "sam.cooks");
    assert.equal(await row.getByTestId("content-likes").innerText(), "1.2K");
    assert.equal(await row.getByTestId("content-comments").innerText(), "30");
    assert.equal(await row.getByTestId("content-views").innerText(), "20.0K");
    assert.equal(await row.getByTestId("content-found-with").innerText(), "by hand");
    assert.match(await row.getByTestId("content-date").innerText(), /^\d{4}-\d\d-\d\d$/);
    assert.equal(await row.getByTestId("content-open").getAttribute("href"), "https://www.tiktok.com/@sam.cooks/video/7301");
    const totals = await page.getByTestId("content-totals").innerText();
    assert.match(totals, /^1 post · 1\.2K likes · 30 comments · 20\.0K views/);

    // A second, older post with more likes: newest first, then by likes.
    await addPost(page, {
      influencer: "sam.cooks", link: "https://www.tiktok.com/@sam.cooks/video/7302",
      likes: 5000, comments: 10, views: 1000, date: "2026-01-15T10:00",
    });
    await rows.nth(1).waitFor();
    await page.getByTestId("content-totals").filter({ hasText: "2 posts · 6.2K likes · 40 comments · 21.0K views" }).waitFor();
    // The table is read again after the totals: wait for its rows in their order.
    await page.waitForFunction(() =>
      [...document.querySelectorAll("[data-testid=content-likes]")].map((c) => c.textContent).join() === "1.2K,5.0K");
    assert.deepEqual(await page.getByTestId("content-likes").allInnerTexts(), ["1.2K", "5.0K"]);
    assert.equal(await page.getByTestId("content-date").nth(1).innerText(), "2026-01-15");
    await page.getByTestId("sort-likes").click();
    await page.locator("th[aria-sort=descending]").filter({ has: page.getByTestId("sort-likes") }).waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll("[data-testid=content-likes]")].map((c) => c.textContent).join() === "5.0K,1.2K");
    await page.getByTestId("sort-comments").click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll("[data-testid=content-likes]")].map((c) => c.textContent).join() === "1.2K,5.0K");

    // Removing a post removes its row.
    await rows.filter({ hasText: "5.0K" }).getByTestId("content-remove").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=content-post]").length === 1);
    assert.equal(await rows.first().getByTestId("content-likes").innerText(), "1.2K");
    await page.getByTestId("content-totals").filter({ hasText: /^1 post · / }).waitFor();

    // Back to the board: the columns and cards are as they were.
    await page.getByTestId("board-tab-board").click();
    await page.getByTestId("card").filter({ hasText: "sam.cooks" }).waitFor();
    assert.equal(page.url(), boardUrl);
    assert.equal(await page.getByTestId("content-tab").count(), 0);

    // Stopping keeps the posts found.
    await page.goto(`${boardUrl}?tab=content`);
    await page.getByTestId("hashtag-stop").click();
    await page.getByTestId("content-tracking").filter({ hasText: "No hashtag tracked" }).waitFor();
    assert.equal(await rows.count(), 1);
  });
});

test("at phone size the Content tab fits the screen", async () => {
  assert.ok(boardUrl, "the first test made the board");
  await inBrowser(browser, "content-phone", async (page) => {
    await logIn(page, fresh.base, EMAIL);
    await page.goto(`${boardUrl}?tab=content`);
    await page.getByTestId("content-post").first().waitFor();
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(await fits() <= 390, `no sideways scrolling of the page: ${await fits()}`);
    // The table scrolls inside its box, the Remove button within reach.
    const table = await page.getByTestId("content-table").boundingBox();
    assert.ok(table.width > 390, "the table keeps its columns");
    await page.getByTestId("content-remove").first().scrollIntoViewIfNeeded();
    assert.ok(await page.getByTestId("content-remove").first().isVisible());
    await page.getByTestId("post-add-open").click();
    await page.getByTestId("post-form").waitFor();
    assert.ok(await fits() <= 390, `the form fits: ${await fits()}`);
    const save = await page.getByTestId("post-save").boundingBox();
    assert.ok(save.x + save.width <= 390, `the save button is on screen: ${JSON.stringify(save)}`);
  }, { width: 390, height: 844 });
});

test("the demo board tracks #summerlaunch and lists its posts", async () => {
  await inBrowser(browser, "content-demo", async (page) => {
    await logIn(page, demo.base, "demo@rapport.localhost", "demo-password");
    await page.getByTestId("board-link").filter({ hasText: "Summer launch" }).click();
    await page.getByTestId("board-title").filter({ hasText: "Summer launch" }).waitFor();
    await page.getByTestId("board-tab-content").click();
    await page.getByTestId("content-tracking").filter({ hasText: "Tracking #summerlaunch since" }).waitFor();
    const rows = page.getByTestId("content-post");
    await rows.first().waitFor();
    const count = await rows.count();
    assert.ok(count >= 2, `the demo's posts: ${count}`);
    const found = await page.getByTestId("content-found-with").allInnerTexts();
    assert.ok(found.every((tag) => tag === "#summerlaunch" || tag === "by hand"), found.join());
    assert.match(await page.getByTestId("content-totals").innerText(), new RegExp(`^${count} posts · \\S+ likes · `));
    // Newest first, by default.
    const dates = await page.getByTestId("content-date").allInnerTexts();
    assert.deepEqual([...dates].sort().reverse(), dates);
    // Sorted by engagement, highest first.
    await page.getByTestId("sort-engagement").click();
    await page.locator("th[aria-sort=descending]").filter({ has: page.getByTestId("sort-engagement") }).waitFor();
    await page.waitForFunction(() => {
      const rates = [...document.querySelectorAll("[data-testid=content-engagement]")]
        .map((c) => parseFloat(c.textContent)).filter((r) => !Number.isNaN(r));
      return rates.length > 0 && rates.every((r, i) => i === 0 || rates[i - 1] >= r);
    });
  });
});
