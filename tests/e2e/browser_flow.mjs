// A real browser (headless Chromium) through mcpauth's sign-in and consent pages, with the
// pages' own CSP in force, ending on the client's loopback redirect URI. axe-core audits each
// page for accessibility.
//
// usage: node browser_flow.mjs ISSUER CLIENT_ID CODE_CHALLENGE EMAIL PASSWORD OUT_DIR
// env:   MCPAUTH_TEST_NODE_MODULES (where puppeteer-core and axe-core are installed),
//        MCPAUTH_TEST_CHROMIUM (default /usr/bin/chromium)
// Prints a JSON summary: the code and state the browser arrived with, and axe violations.

import { createServer } from "node:http";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(join(process.env.MCPAUTH_TEST_NODE_MODULES, "_"));
const puppeteer = require("puppeteer-core");
const axeSource = require("node:fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [issuer, clientId, challenge, email, password, outDir] = process.argv.slice(2);

// The client's redirect target: a loopback listener, as a native app would run.
const callback = createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("signed in; you can close this window");
});
await new Promise((ok) => callback.listen(0, "127.0.0.1", ok));
const redirectUri = `http://127.0.0.1:${callback.address().port}/callback`;

const browser = await puppeteer.launch({
  executablePath: process.env.MCPAUTH_TEST_CHROMIUM || "/usr/bin/chromium",
  headless: true,
  userDataDir: mkdtempSync(join(tmpdir(), "mcpauth-chromium-")),
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

const audit = async (page) => {
  // Evaluated over DevTools, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run({ resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}`);
};

const summary = { violations: {} };
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 760 });
  const authorize = new URL(`${issuer}/oauth/authorize`);
  for (const [k, v] of Object.entries({
    response_type: "code", client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge,
    code_challenge_method: "S256", state: "browser-state", scope: "mcp:read mcp:write offline_access",
  })) authorize.searchParams.set(k, v);

  await page.goto(authorize.href, { waitUntil: "load" });
  if (!page.url().includes("/login")) throw new Error(`expected the sign-in page, got ${page.url()}`);
  summary.violations.login = await audit(page);
  await page.screenshot({ path: join(outDir, "login.png") });

  await page.type("#email", email);
  await page.type("#password", password);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("button.primary")]);
  const consentText = await page.evaluate(() => document.body.innerText);
  if (!consentText.includes("Allow")) throw new Error(`expected the consent page: ${consentText}`);
  summary.consentText = consentText;
  summary.violations.consent = await audit(page);
  await page.screenshot({ path: join(outDir, "consent.png") });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
  await page.screenshot({ path: join(outDir, "consent-dark.png") });

  // The redirect that follows this form is where a too-strict CSP form-action breaks Chrome.
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("button[value=allow]")]);
  const landed = new URL(page.url());
  summary.landed = `${landed.origin}${landed.pathname}`;
  summary.redirectUri = redirectUri;
  summary.code = landed.searchParams.get("code");
  summary.state = landed.searchParams.get("state");
  summary.iss = landed.searchParams.get("iss");
} finally {
  await browser.close();
  callback.close();
}
console.log(JSON.stringify(summary));
