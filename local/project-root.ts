import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The checkout that holds `marker` (a path inside it), searched from `from` upwards: code of
 * `local/` runs from its source folder, and from a bundle elsewhere in the checkout (`npm run
 * bench` runs `.bench/run.cjs`), where `__dirname` says nothing about where the project is.
 * Falls back to `fallback` when no folder above holds the marker.
 */
export function projectRoot(from: string, marker: string, fallback: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, marker))) return dir;
    if (path.dirname(dir) === dir) return fallback;
  }
}
