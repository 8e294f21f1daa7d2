import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { serializeWav } from '../../media/wav.ts';

// Headless Chromium running the JsSIP softphone page (softphonePage.js, bundled here with
// esbuild), its microphone a WAV of a tone through Chromium's fake capture device.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING = `${CHROMIUM} is not installed (apt-get install -y chromium): skipping the JsSIP browser tests`;

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** Whether esbuild (a dependency of the web build) can be loaded to bundle the page. */
export async function hasEsbuild(): Promise<boolean> {
  return import('esbuild').then(
    () => true,
    () => false,
  );
}

export interface SoftphoneBrowser {
  browser: Browser;
  /** URL of the page that exposes `window.phone`. */
  pageUrl: string;
  close(): Promise<void>;
}

function sine(freq: number, seconds: number, rate: number, amplitude: number): Int16Array {
  return Int16Array.from({ length: Math.round(seconds * rate) }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * freq * i) / rate)));
}

/** Bundles and serves the page, and launches Chromium whose microphone plays `micToneHz`. */
export async function startSoftphoneBrowser(micToneHz: number): Promise<SoftphoneBrowser> {
  const { build } = await import('esbuild');
  const { chromium } = await import('playwright-core');
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./softphonePage.js', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const html = '<!doctype html><meta charset="utf-8"><title>softphone</title><script src="/softphone.js"></script>';
  const server: Server = createServer((req, res) => {
    const js = req.url === '/softphone.js';
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? script : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const dir = await mkdtemp(join(tmpdir(), 'softphone-'));
  const wav = join(dir, 'mic.wav');
  // One second loops seamlessly when it holds whole periods of the tone.
  await writeFile(wav, serializeWav(sine(micToneHz, 1, 48000, 12000), 48000));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
      '--no-sandbox',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  return {
    browser,
    pageUrl: `http://127.0.0.1:${port}/`,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
