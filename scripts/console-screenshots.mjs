#!/usr/bin/env node
// Takes the README's two console screenshots (docs/images/console-diagram.png and
// console-detectors.png). Run by hand against a running console, never in tests:
//
//   npm start                                  # in one terminal (prints "Console http://127.0.0.1:3003")
//   node scripts/console-screenshots.mjs [console URL]
//
// It sends a few pressure readings through the console's own /api (BatchPutMessage, signed by the
// console server), so the motors it shows exist; run it on a scratch stack. Chromium: /usr/bin/chromium
// (scripts/install-chromium.sh) or VIGIL_CHROMIUM.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const consoleUrl = (process.argv[2] ?? process.env.VIGIL_CONSOLE_URL ?? 'http://127.0.0.1:3003').replace(/\/$/, '');
const images = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'images');
mkdirSync(images, { recursive: true });

// Motor readings: a few motors, two of them over 70 psi, one back to normal.
const READINGS = [['motor-1', 52], ['motor-2', 48], ['motor-3', 61], ['motor-4', 88], ['motor-5', 45], ['motor-4', 91], ['motor-6', 95], ['motor-6', 64], ['motor-6', 40], ['motor-6', 35]];

const browser = await chromium.launch({ executablePath: process.env.VIGIL_CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${consoleUrl}/#/models`);
  const run = Date.now().toString(36);
  const messages = READINGS.map(([motorid, pressure], i) => ({ messageId: `shot-${run}-${i}`, inputName: 'PressureInput', payload: Buffer.from(JSON.stringify({ motorid, sensorData: { pressure } })).toString('base64') }));
  // Sent from the page, so they go through the console server's signing proxy like the console's own calls.
  await page.evaluate(async (batch) => {
    for (const message of batch) {
      const response = await fetch('/api/inputs/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [message] }) });
      if (!response.ok) throw new Error(`BatchPutMessage answered ${response.status}: ${await response.text()}`);
    }
  }, messages);

  await page.goto(`${consoleUrl}/#/detector/motorDetectorModel?key=motor-4`);
  await page.getByRole('img', { name: 'State Dangerous, current state', exact: true }).waitFor();
  await page.getByRole('article').first().waitFor();
  await page.screenshot({ path: path.join(images, 'console-diagram.png') });

  await page.goto(`${consoleUrl}/#/detectors/motorDetectorModel`);
  await page.getByRole('row', { name: /^motor-6 / }).getByText('Normal', { exact: true }).waitFor();
  // Every row described (variables shown) before the picture is taken.
  await page.locator('tbody td', { hasText: '…' }).first().waitFor({ state: 'detached' });
  await page.screenshot({ path: path.join(images, 'console-detectors.png') });
  process.stdout.write(`wrote ${images}/console-diagram.png and console-detectors.png\n`);
} finally {
  await browser.close();
}
