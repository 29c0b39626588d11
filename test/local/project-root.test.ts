import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../local/project-root';

describe('projectRoot', () => {
  let checkout: string;

  beforeEach(() => {
    checkout = mkdtempSync(path.join(os.tmpdir(), 'vigil-root-'));
    mkdirSync(path.join(checkout, 'bin'));
    writeFileSync(path.join(checkout, 'bin', 'local-stack.cjs'), '');
    mkdirSync(path.join(checkout, '.bench', 'deeper'), { recursive: true });
  });

  afterEach(() => rmSync(checkout, { recursive: true, force: true }));

  it('finds the checkout from a bundle in a folder below it, by the marker file it holds', () => {
    // Arrange
    const bundleFolder = path.join(checkout, '.bench', 'deeper');

    // Act
    const root = projectRoot(bundleFolder, path.join('bin', 'local-stack.cjs'), '/fallback');

    // Assert
    expect(root).toBe(checkout);
  });

  it('falls back when no folder above holds the marker', () => {
    // Arrange
    const elsewhere = path.join(checkout, '.bench');

    // Act
    const root = projectRoot(elsewhere, path.join('bin', 'no-such-file.cjs'), '/fallback');

    // Assert
    expect(root).toBe('/fallback');
  });
});
