// The influencer view's Insights tab as a newcomer tries it: in the demo team, a board card's
// panel opens on its Overview, the Insights tab shows the account's figures, the followers chart
// (drawn, with its table for screen readers) over each period, the recent posts and which
// integration is missing; figures typed in by hand show as such; at phone size the chart still
// fits. Then a new team stores a YouTube key on the Team page and "Refresh now" reads a channel
// from a mock YouTube (RAPPORT_YOUTUBE_URL) speaking the documented format (fixtures/youtube/).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, inBrowser, logIn, signUp, apiCall } from "./support.mjs";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "youtube");
const fixture = (name) => readFileSync(join(fixtures, name), "utf8");
const KEY = "AIzaSyE2e-key-0123456789wxyz";

/** A mock YouTube Data API: `KEY` reads @leoruns and YouTube's own channel; any other key is refused. */
async function startYouTube() {
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://youtube.mock");
    const answer = (status, body) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(body);
    };
    if (url.searchParams.get("key") !== KEY) {
      return answer(400, JSON.stringify({ error: { code: 400, message: "API key not valid. Please pass a valid API key.",
        errors: [{ message: "API key not valid.", domain: "global", reason: "keyInvalid" }] } }));
    }
    switch (url.pathname) {
      case "/youtube/v3/channels": {
        const known = url.searchParams.get("forHandle") === "@leoruns" || url.searchParams.get("id") === "UCBR8-60-B28hp2BmDPdntcQ";
        return answer(200, fixture(known ? "channels-for-handle.json" : "channels-no-match.json"));
      }
      case "/youtube/v3/playlistItems": return answer(200, fixture("playlist-items-uploads.json"));
      case "/youtube/v3/videos": return answer(200, fixture("videos-statistics.json"));
      default: return answer(404, "{}");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

let demo;
let fresh;
let youtube;
let browser;

before(async () => {
  youtube = await startYouTube();
  demo = await startServer({ demo: true });
  fresh = await startServer({ env: { RAPPORT_YOUTUBE_URL: youtube.url } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
  await fresh?.stop();
  await youtube?.close();
});

async function openBoard(page) {
  await page.getByTestId("board-link").filter({ hasText: "Summer launch" }).click();
}

async function openCard(page, name) {
  await page.getByTestId("card").filter({ hasText: name }).click();
  await page.getByTestId("panel").waitFor();
}

test("the demo's influencers show their figures, growth and posts", async () => {
  await inBrowser(browser, "insights-demo", async (page) => {
    await logIn(page, demo.base, "demo@rapport.localhost", "demo-password");
    await openBoard(page);
    await openCard(page, "Ada Bakes");
    // The panel opens on the Overview, read first; Insights is a tab.
    await page.getByTestId("panel-notes").waitFor();
    await page.getByTestId("tab-insights").click();
    const account = page.getByTestId("insight-account").first();
    await account.waitFor();
    assert.match(await account.getByTestId("insight-source").innerText(), /Read from Instagram on \d{4}-\d\d-\d\d/);
    assert.equal(await account.getByTestId("insight-followers").innerText(), "48,200");
    assert.match(await account.getByTestId("insight-engagement").innerText(), /^\d+\.\d\d %$/);
    assert.match(await account.getByTestId("insight-missing").innerText(), /Connect the team's Instagram business account/);
    // The followers chart over 90 days (daily), then a year (weekly before), with its table.
    const chart = account.getByTestId("chart-followers");
    await chart.locator("path.chart-line").waitFor();
    assert.match(await chart.locator("figcaption").innerText(), /Followers: .* → 48\.2K \(\+\d+\.\d %\)/);
    assert.equal(await account.getByTestId("chart-table").locator("tbody tr").count(), 91, "90 days back and today");
    await account.getByTestId("range-1y").click();
    await account.locator("[data-testid=range-1y][aria-pressed=true]").waitFor();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=chart-table] tbody tr").length > 120);
    const path = await chart.locator("path.chart-line").getAttribute("d");
    assert.ok(path.split(" L").length > 120, "a year of points");
    await account.getByTestId("chart-engagement").locator("path.chart-line").waitFor();
    assert.equal(await account.getByTestId("recent-post").count(), 6);
    assert.match(await account.getByTestId("recent-posts").innerText(), /#summerlaunch/);

    // TikTok figures are typed in by hand, and say so.
    await page.getByTestId("panel-close").click();
    await openCard(page, "Sam Cooks");
    await page.getByTestId("tab-insights").click();
    const tiktok = page.getByTestId("insight-account").first();
    await tiktok.getByTestId("insight-type-in").click();
    await tiktok.getByTestId("type-followers").fill("330000");
    await tiktok.getByTestId("type-likes").fill("9000");
    await tiktok.getByTestId("type-comments").fill("240");
    await tiktok.getByTestId("type-save").click();
    await tiktok.getByTestId("insight-followers").filter({ hasText: "330,000" }).waitFor();
    assert.match(await tiktok.getByTestId("insight-source").innerText(), /Typed in by hand on/);
    assert.equal(await tiktok.getByTestId("insight-engagement").innerText(), "2.80 %");
    assert.match(await tiktok.getByTestId("insight-missing").innerText(), /creator connects it/);
  });
});

test("at phone size the chart fits the screen", async () => {
  await inBrowser(browser, "insights-phone", async (page) => {
    await logIn(page, demo.base, "demo@rapport.localhost", "demo-password");
    await openBoard(page);
    await openCard(page, "Kai Runs Far");
    await page.getByTestId("tab-insights").click();
    const chart = page.getByTestId("chart-followers").first();
    await chart.locator("svg").waitFor();
    const box = await chart.locator("svg").boundingBox();
    assert.ok(box.width > 150 && box.x + box.width <= 390, `the chart fits: ${JSON.stringify(box)}`);
    assert.match(await chart.locator("figcaption").innerText(), /Subscribers: /);
  }, { width: 390, height: 844 });
});

test("a team stores its YouTube key and reads a channel now", async () => {
  await inBrowser(browser, "insights-youtube", async (page) => {
    await signUp(page, fresh.base, { name: "Mia", email: "mia@brand.example", team: "Acme" });
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem("rapport.session")).access_token);
    const me = await apiCall(fresh.base, "GET", "/me", token);
    const leo = await apiCall(fresh.base, "POST", `/teams/${me.teams[0].id}/influencers`, token, { profile: "https://youtube.com/@leoruns" });

    await page.goto(`${fresh.base}/team`);
    await page.getByTestId("integration-youtube").filter({ hasText: "No key" }).waitFor();
    await page.getByTestId("youtube-key").fill("AIzaSyWrong-key-0123456789ab");
    await page.getByTestId("youtube-key-save").click();
    await page.getByText("YouTube refused the API key").waitFor();
    await page.getByTestId("youtube-key").fill(KEY);
    await page.getByTestId("youtube-key-save").click();
    await page.getByTestId("integration-youtube").filter({ hasText: "API key …wxyz stored" }).waitFor();
    assert.match(await page.getByTestId("integration-youtube").innerText(), /about 3 quota units a day/);

    await page.goto(`${fresh.base}/influencers/${leo.id}?tab=insights`);
    const account = page.getByTestId("insight-account");
    await account.getByTestId("insight-source").filter({ hasText: "Not read yet" }).waitFor();
    await page.getByTestId("insights-refresh").click();
    // The refresh runs in the background; the tab shows its figures when it is done.
    await account.getByTestId("insight-followers").filter({ hasText: "128,000" }).waitFor({ timeout: 15000 });
    assert.equal(await account.getByTestId("insight-followers").innerText(), "128,000");
    assert.match(await account.getByTestId("insight-source").innerText(), /Read from YouTube on/);
    assert.equal(await account.getByTestId("insight-engagement").innerText(), "1.73 %");
    assert.equal(await account.getByTestId("recent-post").count(), 2);
    await account.getByTestId("chart-followers").locator("path.chart-line").waitFor({ state: "attached" });
  });
});
