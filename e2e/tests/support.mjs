// The e2e harness: a fresh `rapport` server on its own SQLite database, and Debian's Chromium
// driven by playwright-core. Failures keep a screenshot and a trace under e2e/artifacts/.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir, homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "node:net";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
export const artifacts = join(root, "e2e", "artifacts");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts the server (with the demo data when `demo` is set, and `env`'s variables added to its
 * environment, e.g. an integration's mock URL); resolves to { base, stop }.
 */
export async function startServer({ demo = false, env = {} } = {}) {
  const binary = process.env.RAPPORT_BIN ?? join(homedir(), ".cache/rapport/target/debug/rapport");
  const folder = mkdtempSync(join(tmpdir(), "rapport-e2e-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(binary, [
    "serve", "--dev", "--bind", `127.0.0.1:${port}`,
    "--database-url", `sqlite://${join(folder, "e2e.db")}`,
    "--data-dir", folder,
    "--web-dir", join(root, "frontend", "dist"),
    "--mail-retry-base-ms", "100",
    ...(demo ? [] : ["--no-demo"]),
  ], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, RUST_LOG: "warn", ...env } });
  let log = "";
  child.stderr.on("data", (chunk) => { log += chunk; });
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`${base}/api/openapi.json`);
      if (response.ok) break;
    } catch { /* not up yet */ }
    if (child.exitCode !== null) throw new Error(`rapport exited: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    log: () => log,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium (never a downloaded browser). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
}

/** A new browser context with tracing on; `finish(t, ok)` keeps the trace and a screenshot on failure. */
export async function openContext(browser, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  return {
    context,
    page,
    async finish(name, failed) {
      if (failed) {
        mkdirSync(artifacts, { recursive: true });
        const safe = name.replace(/[^a-z0-9]+/gi, "-");
        await page.screenshot({ path: join(artifacts, `${safe}.png`), fullPage: true }).catch(() => {});
        await context.tracing.stop({ path: join(artifacts, `${safe}-trace.zip`) });
      } else {
        await context.tracing.stop();
      }
      await context.close();
    },
  };
}

/**
 * Runs `body(page)` in a fresh context of `browser` (1280x800 unless `viewport` says otherwise);
 * a failure keeps a screenshot and a trace named after `name` under e2e/artifacts/.
 */
export async function inBrowser(browser, name, body, viewport) {
  const { page, finish } = await openContext(browser, viewport);
  let failed = true;
  try {
    await body(page);
    failed = false;
  } finally {
    await finish(name, failed);
  }
}

/** Signs up through the form. */
export async function signUp(page, base, { name, email, password = "correct horse battery", team }) {
  await page.goto(`${base}/signup`);
  await page.getByTestId("signup-name").fill(name);
  await page.getByTestId("signup-email").fill(email);
  await page.getByTestId("signup-password").fill(password);
  if (team) await page.getByTestId("signup-team").fill(team);
  await page.getByTestId("signup-submit").click();
  await page.getByTestId("user-name").waitFor();
}

/** Adds influencers through the "Add influencers" dialog; returns each line's outcome. */
export async function addInfluencers(page, lines, { platform } = {}) {
  await page.getByTestId("add-open").click();
  await page.getByTestId("add-profiles").fill(lines.join("\n"));
  if (platform) await page.getByTestId("add-platform").selectOption(platform);
  await page.getByTestId("add-submit").click();
  const results = page.getByTestId("add-result");
  await results.nth(lines.length - 1).waitFor();
  const outcomes = await results.allInnerTexts();
  await page.getByTestId("add-done").click();
  await page.getByTestId("add-dialog").waitFor({ state: "hidden" });
  return outcomes;
}

/** Creates a label through Labels → Manage labels. */
export async function createLabel(page, name) {
  await page.getByTestId("labels-menu").click();
  await page.getByTestId("labels-manage").click();
  await page.getByTestId("label-name").fill(name);
  await page.getByTestId("label-create").click();
  await page.getByTestId("filter-label").filter({ hasText: name }).waitFor({ state: "attached" });
  await page.getByTestId("labels-done").click();
  await page.getByTestId("labels-dialog").waitFor({ state: "hidden" });
}

/** Calls the API of the server at `base`; answers the parsed body (fails the test on an error). */
export async function apiCall(base, method, path, token, body) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Logs in through the form. */
export async function logIn(page, base, email, password = "correct horse battery") {
  await page.goto(`${base}/login`);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("user-name").waitFor();
}
