import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Provisioned } from '../provision';
import type { LocalStackPorts } from './ports';
import type { LocalStackEndpoints } from './start-local-stack';

/** What a running `npm start` tells other local tools (`vigil tail`, `npm run devices`). */
export interface LocalStackState {
  readonly pid: number;
  readonly stage: string;
  readonly endpoints: LocalStackEndpoints;
  readonly ports: LocalStackPorts;
  readonly provisioned: Provisioned;
}

/** Where `npm start` writes its state: `.vigil/local-stack.json` in the project. */
export function stateFilePath(root: string): string {
  return path.join(root, '.vigil', 'local-stack.json');
}

/** Records the running stack, so other tools find its ports without being told. */
export function writeStateFile(file: string, state: LocalStackState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** Removes the state file, unless another stack (another pid) has written it since. */
export function removeStateFile(file: string, pid: number): void {
  if (readStateFile(file)?.pid === pid) rmSync(file, { force: true });
}

/** The state of the running stack, or undefined when none is running (or its process is gone). */
export function readStateFile(file: string): LocalStackState | undefined {
  if (!existsSync(file)) return undefined;
  let state: LocalStackState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as LocalStackState;
  } catch {
    return undefined;
  }
  try {
    // Signal 0 only checks that the process exists.
    process.kill(state.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
  }
  return state;
}
