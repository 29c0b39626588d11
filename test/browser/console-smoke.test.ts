import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { CONSOLE_STACK_TIMEOUT_MS, startConsoleStack, type ConsoleStack } from './support/console-stack';

describe('the console in Chromium', () => {
  let browser: Browser | undefined;
  let consoleStack: ConsoleStack | undefined;
  let page: Page;

  beforeAll(async () => {
    // The browser first: without it the file fails at once, saying how to install it.
    browser = await launchChromium();
    consoleStack = await startConsoleStack();
    page = await browser.newPage();
  }, CONSOLE_STACK_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await consoleStack?.stop();
  }, 60_000);

  it('lists the shipped detector models, read through the signing proxy', async () => {
    // Arrange
    const models = page.getByRole('list', { name: 'Detector models' });

    // Act
    await page.goto((consoleStack as ConsoleStack).consoleUrl);

    // Assert
    await models.getByText('motorDetectorModel', { exact: true }).waitFor();
    expect(await models.getByRole('listitem').allTextContents()).toEqual(expect.arrayContaining(['motorDetectorModel', 'deviceConnectivity', 'jobFailureWatch']));
  });
});
