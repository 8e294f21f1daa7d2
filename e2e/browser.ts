import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Builds the web UI once if the test run finds no build (CI builds it before the tests). */
export function ensureWebBuilt(): void {
  if (existsSync('web/dist/index.html')) return;
  const r = spawnSync('npm', ['run', 'build', '-w', '@hotline/web'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Starts the platform's HTTP server on a free loopback port and returns its base URL. */
export async function listenForBrowser(app: { listen(o: { port: number; host: string }): Promise<unknown>; server: { address(): unknown } }): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? (addr as { port: number }).port : 0}`;
}

export const tid = (id: string) => `[data-testid="${id}"]`;

export async function login(page: Page, base: string, username: string, password = 'Hotline@12345'): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill(tid('login-username'), username);
  await page.fill(tid('login-password'), password);
  await page.click(tid('login-submit'));
  await page.waitForSelector(tid('app-user-name'));
}

/** Picks an option in an antd Select/TreeSelect whose wrapper carries the test id, by typing its label. */
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.click(tid(testId));
  await page.keyboard.type(text);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/** Confirms the action modal that a row or detail button opens (it loads the order first). */
export async function confirmAction(page: Page): Promise<void> {
  await page.waitForSelector(tid('action-confirm'), { state: 'visible', timeout: 10_000 });
  await page.click(tid('action-confirm'));
}
