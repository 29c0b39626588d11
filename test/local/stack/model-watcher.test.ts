import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watchModels } from '../../../local/stack/model-watcher';
import { describeSeed } from '../../../local/stack/seed-local-models';

describe('reloading model files while the stack runs', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-watch-'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reloads after a burst of changes to JSON files, with what the last save wrote, and reports what changed', async () => {
    // Arrange: the reload reads the file, as seeding does. How many reloads a burst costs depends
    // on when the OS delivers its events (a loaded machine may split a burst): the test waits for
    // the reload that saw the last save instead of counting them.
    const logged: string[] = [];
    const reload = jest.fn(async () => [`read ${readFileSync(path.join(folder, 'a.json'), 'utf8')}`]);
    const stop = watchModels(folder, reload, (message) => logged.push(message), 50);
    const last = `models reloaded from ${folder}: read {"detectorModelName": "x"}`;

    // Act
    writeFileSync(path.join(folder, 'a.json'), '{}');
    writeFileSync(path.join(folder, 'a.json'), '{"detectorModelName": "x"}');
    while (!logged.includes(last)) await new Promise((resolve) => setTimeout(resolve, 20));
    stop();

    // Assert
    expect(reload).toHaveBeenCalled();
    expect(logged[logged.length - 1]).toBe(last);
  });

  it('keeps the running models and says why when the files are invalid', async () => {
    // Arrange
    const logged: { message: string; error?: Error }[] = [];
    const stop = watchModels(folder, async () => Promise.reject(new Error('invalid detector model x: 1 error(s)')), (message, error) => logged.push({ message, error }), 50);

    // Act
    writeFileSync(path.join(folder, 'b.json'), '{');
    while (!logged.length) await new Promise((resolve) => setTimeout(resolve, 20));
    stop();

    // Assert
    expect(logged[0].message).toBe('models not reloaded');
    expect(logged[0].error?.message).toBe('invalid detector model x: 1 error(s)');
  });

  it('summarises a seeding in a few words', () => {
    // Arrange
    const report = { created: ['input PressureInput'], updated: ['detector model motorDetectorModel'], unchanged: ['a', 'b'], kept: [], replaced: [] };

    // Act
    const lines = describeSeed(report);

    // Assert
    expect(lines).toEqual(['created input PressureInput; updated detector model motorDetectorModel; 2 unchanged']);
  });

  it('says on lines of their own which API versions a file replaced (as a warning) and which it left in place', () => {
    // Arrange
    const report = { created: [], updated: ['detector model a'], unchanged: [], kept: ['detector model b: version 2 was deployed through the API after …'], replaced: ['detector model a: models/a.json changed …'] };

    // Act
    const lines = describeSeed(report);

    // Assert
    expect(lines).toEqual([
      'updated detector model a; 0 unchanged; 1 kept',
      'warning: replaced detector model a: models/a.json changed …',
      'kept detector model b: version 2 was deployed through the API after …',
    ]);
  });

  it('logs each line a reload answers, the summary first', async () => {
    // Arrange
    const logged: string[] = [];
    const stop = watchModels(folder, async () => ['0 unchanged; 1 kept', 'kept detector model b: …'], (message) => logged.push(message), 50);

    // Act
    writeFileSync(path.join(folder, 'c.json'), '{}');
    while (logged.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    stop();

    // Assert
    expect(logged).toEqual([`models reloaded from ${folder}: 0 unchanged; 1 kept`, 'kept detector model b: …']);
  });
});
