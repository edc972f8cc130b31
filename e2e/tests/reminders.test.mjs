// Reminders that notify, in the browser: a teammate's reminder falls due, the assignee's bell
// counts it, the notification opens the influencer's page, and the assignee turns the reminder
// mail off under Notifications.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, inBrowser, apiCall, logIn } from "./support.mjs";

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

test("a due reminder rings the bell and opens the influencer", async () => {
  const password = "correct horse battery";
  const owner = await api("POST", "/auth/signup", null, { email: "mia@brand.example", password, name: "Mia", team_name: "Acme Coffee" });
  const team = (await api("GET", "/me", owner.access_token)).teams[0].id;
  await api("POST", `/teams/${team}/invites`, owner.access_token, { email: "leo@brand.example", role: "member" });
  const invite = (await api("GET", "/dev/mailbox?to=leo@brand.example")).items[0].text.match(/\/invites\/([\w-]+)/)[1];
  const leo = await api("POST", "/auth/signup", null, { email: "leo@brand.example", password, name: "Leo" });
  await api("POST", `/invites/${invite}/accept`, leo.access_token, {});
  const mia = await api("POST", `/teams/${team}/influencers`, owner.access_token, { profile: "instagram.com/mia.lens", display_name: "Mia Lens" });

  await inBrowser(browser, "reminders-bell", async (page) => {
    await logIn(page, server.base, "leo@brand.example");
    // Leo has his own team too: work in Acme's.
    await page.getByTestId("team-switcher").selectOption({ label: "Acme Coffee" });
    // Set for Leo and already due: it notifies at once, and the open app hears of it.
    const due = new Date(Date.now() - 60_000).toISOString();
    await api("POST", `/influencers/${mia.id}/reminders`, owner.access_token, { text: "Follow up on the gifting offer", due_at: due, assignee_id: leo.user.id });
    await page.getByTestId("bell-count").filter({ hasText: "1" }).waitFor({ timeout: 10000 });
    await page.getByTestId("nav-bell").click();
    const notification = page.getByTestId("notification").filter({ hasText: "Reminder: Follow up on the gifting offer — Mia Lens" });
    await notification.waitFor();

    // The mail setting: on, then off, and it stays off.
    const mail = page.getByTestId("reminder-email-toggle").getByRole("checkbox");
    await page.waitForFunction(() => !document.querySelector('[data-testid="reminder-email-toggle"] input')?.disabled);
    assert.equal(await mail.isChecked(), true);
    assert.equal(await page.getByTestId("overdue-digest-toggle").getByRole("checkbox").isChecked(), true);
    await mail.uncheck();
    await page.waitForFunction(() => !document.querySelector('[data-testid="reminder-email-toggle"] input')?.disabled);
    const settings = await api("GET", `/teams/${team}/notification-settings`, leo.access_token);
    assert.deepEqual(settings, { match_digest: true, reminder_email: false, overdue_digest: true });

    // The notification opens Mia's page.
    await notification.getByTestId("notification-link").click();
    await page.waitForURL(`**/influencers/${mia.id}`);
  });
});
