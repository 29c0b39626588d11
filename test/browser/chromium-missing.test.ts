import { ChromiumMissingError, launchChromium } from './support/chromium';

describe('launchChromium', () => {
  it('fails at once, naming the install script, when Chromium is not installed', async () => {
    // Arrange
    const missing = '/nonexistent/chromium';

    // Act
    const launching = launchChromium(missing);

    // Assert
    await expect(launching).rejects.toThrow(ChromiumMissingError);
    await expect(launching).rejects.toThrow('Chromium is not installed at /nonexistent/chromium: run scripts/install-chromium.sh');
  });
});
