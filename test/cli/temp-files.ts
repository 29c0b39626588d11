import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A function writing JSON (or text) files into a fresh temporary folder; it returns each file's path. */
export function tempFiles(): (name: string, content: unknown) => string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-'));
  return (name, content) => {
    const target = path.join(dir, name);
    writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
    return target;
  };
}

/** The JSON lines a command printed, parsed (loosely typed, so tests read any field). */
export const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
