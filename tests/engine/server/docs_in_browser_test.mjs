// Swagger UI (/docs) and ReDoc (/redoc) as the embedded server serves them, in
// Debian's Chromium, headless: the page lists every operation of the design, "Try it
// out" sends a request that answers 200, and an invalid one shows the 422 body.
// The browser may only reach the server itself: any other request fails the test,
// which proves the pages need no CDN and work offline. (ReDoc's menu links its logo
// from cdn.redoc.ly; the pages' Content-Security-Policy keeps the browser from
// asking, which this also checks.)
//
//   node docs_in_browser_test.mjs LOADSTAR_BINARY PROJECT
//
// Needs tests/tools/browser/install.sh (playwright-core) and /usr/bin/chromium
// (scripts/debian-packages.txt). Everything is bounded: the whole test gives up
// after 120 s, and the server and the browser are stopped on every path.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const toolDir = path.resolve(here, '../../tools/browser');
const chromiumPath = process.env.LOADSTAR_CHROMIUM || '/usr/bin/chromium';
const [binary, project] = process.argv.slice(2);

let server = null;
let browser = null;
const checks = [];

function ok(text) {
  checks.push(text);
  console.log(`ok - ${text}`);
}

async function stop() {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

async function fail(message) {
  console.error(`FAIL: ${message}`);
  await stop();
  process.exit(1);
}

const deadline = setTimeout(() => fail('gave up after 120 s'), 120_000);

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(binary, ['serve', project, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/^listening on (http:\/\/\S+)\n/);
      if (m) resolve(m[1]);
    });
    server.stderr.on('data', (chunk) => { err += chunk; });
    server.once('exit', (code) => reject(new Error(`loadstar serve exited (${code}): ${err}`)));
  });
}

async function main() {
  if (!binary || !project) await fail('usage: node docs_in_browser_test.mjs LOADSTAR_BINARY PROJECT');
  let chromium;
  try {
    ({ chromium } = createRequire(path.join(toolDir, 'package.json'))('playwright-core'));
  } catch (e) {
    await fail(`playwright-core is not installed: run tests/tools/browser/install.sh (${e.message})`);
  }
  const base = await startServer();
  const origin = new URL(base).origin;
  const document = await (await fetch(`${base}/openapi.json`)).json();
  const expected = [];
  for (const [p, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item)) expected.push(`${method.toUpperCase()} ${p}`);
  }
  expected.sort();

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30_000,
    // Playwright gives the browser a fresh profile (user data directory) of its own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // Swagger UI lists every operation.
  await page.goto(`${base}/docs`);
  await page.waitForSelector('.opblock');
  const title = await page.title();
  if (!title.endsWith(' - Swagger UI')) await fail(`title "${title}"`);
  const listed = (await page.$$eval('.opblock', (blocks) => blocks.map((b) =>
    `${b.querySelector('.opblock-summary-method').textContent.trim()} ` +
    `${b.querySelector('.opblock-summary-path').getAttribute('data-path')}`))).sort();
  if (JSON.stringify(listed) !== JSON.stringify(expected))
    await fail(`Swagger UI lists ${JSON.stringify(listed)}, the document has ${JSON.stringify(expected)}`);
  ok(`/docs (${title}) lists the ${listed.length} operations`);

  // Try it out: GET /hello answers 200.
  const executeIn = async (operation, body) => {
    const block = page.locator(`#operations-plan-${operation}`);
    await block.locator('.opblock-summary').first().click();
    await block.getByRole('button', { name: 'Try it out' }).click();
    if (body !== undefined) await block.locator('textarea.body-param__text').fill(body);
    await block.getByRole('button', { name: 'Execute' }).click();
    const status = block.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor();
    const text = await block.locator('.live-responses-table tbody .response-col_description').first().innerText();
    return { status: (await status.innerText()).trim(), text };
  };
  const hello = await executeIn('hello');
  if (hello.status !== '200') await fail(`GET /hello from the page: ${hello.status}\n${hello.text}`);
  ok(`Try it out: GET /hello answers ${hello.status}: ${hello.text.replace(/\s+/g, ' ').slice(0, 80)}`);

  // An invalid body: POST /echo shows the 422 body in FastAPI's shape.
  const echo = await executeIn('echo', '{"id": 0}');
  if (echo.status !== '422' || !echo.text.includes('"detail"') || !echo.text.includes('greater_than_equal'))
    await fail(`POST /echo with an invalid body: ${echo.status}\n${echo.text}`);
  ok(`Try it out: POST /echo with {"id": 0} shows the ${echo.status} body (greater_than_equal in "detail")`);

  // ReDoc renders every operation.
  await page.goto(`${base}/redoc`);
  await page.waitForSelector('[data-section-id^="operation/"]');
  const redocTitle = await page.title();
  const sections = await page.$$eval('[data-section-id^="operation/"]', (s) => s.length);
  if (sections !== expected.length || !redocTitle.endsWith(' - ReDoc'))
    await fail(`ReDoc (${redocTitle}) renders ${sections} operations, the document has ${expected.length}`);
  ok(`/redoc (${redocTitle}) renders the ${sections} operations`);

  if (outside.length) await fail(`the pages asked for other servers: ${outside.join(', ')}`);
  ok('no request left the server (no CDN, works offline)');
  if (pageErrors.length) await fail(`errors in the page: ${pageErrors.join('; ')}`);
  await stop();
  clearTimeout(deadline);
  console.log(`${checks.length} checks passed`);
}

main().catch((e) => fail(e.stack || String(e)));
