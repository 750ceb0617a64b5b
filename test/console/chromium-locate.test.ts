/**
 * The browser comes with `npm install`: the Chromium inside the npm package `@sparticuz/chromium` is
 * extracted into the cache and drives a page, even on a machine that has a system Chromium (which the
 * console test would otherwise prefer). Also the clear errors of the locator's settings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { ChromiumNotFound, locateChromium } from '../../scripts/browser/chromium.js';

const saved = { CHROMIUM_PATH: process.env.CHROMIUM_PATH, BREACH_CHROMIUM: process.env.BREACH_CHROMIUM };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('Chromium locator', () => {
  it('extracts the npm Chromium into the cache and renders a page with it', async () => {
    delete process.env.CHROMIUM_PATH;
    process.env.BREACH_CHROMIUM = 'bundled';
    const located = await locateChromium();
    expect(located.source).toBe('npm @sparticuz/chromium');
    expect(located.executablePath).not.toBe('/usr/bin/chromium');
    expect(fs.existsSync(path.join(path.dirname(located.executablePath), '.complete'))).toBe(true);
    // A second call reuses the extraction.
    expect((await locateChromium()).executablePath).toBe(located.executablePath);

    const browser = await chromium.launch({
      executablePath: located.executablePath,
      args: located.args,
      env: { ...process.env, ...located.env },
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1>Synthetic page</h1><label>Name <input id="n"></label></main>');
      await page.getByLabel('Name').fill('Avery Synthetic');
      expect(await page.locator('#n').inputValue()).toBe('Avery Synthetic');
      expect(await page.getByRole('heading').textContent()).toBe('Synthetic page');
      expect(browser.version()).toMatch(/^\d+\./);
    } finally {
      await browser.close();
    }
  });

  it('CHROMIUM_PATH wins, and a wrong one is an error naming the setting', async () => {
    const fake = path.join(os.tmpdir(), `no-such-chromium-${process.pid}`);
    process.env.CHROMIUM_PATH = fake;
    const err = await locateChromium().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ChromiumNotFound);
    expect((err as Error).message).toContain('CHROMIUM_PATH');
    expect((err as Error).message).toContain(fake);
  });

  it('rejects an unknown BREACH_CHROMIUM value by name', async () => {
    delete process.env.CHROMIUM_PATH;
    process.env.BREACH_CHROMIUM = 'firefox';
    await expect(locateChromium()).rejects.toThrow(/BREACH_CHROMIUM must be "auto", "bundled" or "system"/);
  });
});
