import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsoleBuildError, buildConsole } from '../../../local/console/build-console';

describe('buildConsole', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-console-'));
    mkdirSync(path.join(dir, 'src'));
    mkdirSync(path.join(dir, 'public', 'icons'), { recursive: true });
    writeFileSync(path.join(dir, 'public', 'index.html'), '<!doctype html>');
    writeFileSync(path.join(dir, 'public', 'app.css'), 'body{}');
    writeFileSync(path.join(dir, 'public', 'icons', 'logo.svg'), '<svg/>');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles main.tsx with Preact JSX into /app.js, its map beside it, and serves public/ at its paths', async () => {
    // Arrange
    writeFileSync(path.join(dir, 'src', 'main.tsx'), "import { render } from 'preact';\nrender(<p class=\"x\">hello</p>, document.body);\n");

    // Act
    const files = await buildConsole(dir);

    // Assert
    expect([...files.keys()].sort()).toEqual(['/app.css', '/app.js', '/app.js.map', '/icons/logo.svg', '/index.html']);
    expect(files.get('/app.js')?.type).toBe('text/javascript; charset=utf-8');
    expect(files.get('/app.js')?.body.toString()).toContain('hello');
    expect(files.get('/app.js')?.body.toString()).toContain('sourceMappingURL=app.js.map');
    expect(files.get('/app.css')?.type).toBe('text/css; charset=utf-8');
    expect(files.get('/icons/logo.svg')?.type).toBe('image/svg+xml');
  });

  it('says where the sources do not build', async () => {
    // Arrange
    writeFileSync(path.join(dir, 'src', 'main.tsx'), 'const x = ;\n');

    // Act
    const building = buildConsole(dir);

    // Assert
    await expect(building).rejects.toThrow(ConsoleBuildError);
    await expect(building).rejects.toThrow(/main\.tsx:1:10: /);
  });

  it('builds the console of this checkout', async () => {
    // Act
    const files = await buildConsole();

    // Assert
    expect(files.has('/index.html')).toBe(true);
    expect(files.get('/app.js')?.body.length).toBeGreaterThan(0);
  });
});
