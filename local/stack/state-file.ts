import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Provisioned } from '../provision';
import type { LocalStackPorts } from './ports';
import type { LocalStackEndpoints } from './start-local-stack';

/** What a running `npm start` tells other local tools (`vigil …`, `vigil tail`, `npm run devices`). */
export interface LocalStackState {
  readonly pid: number;
  /** When it was ready (epoch ms): with the pid, tells a restarted stack from the one seen before. */
  readonly startedAt: number;
  readonly stage: string;
  readonly endpoints: LocalStackEndpoints;
  readonly ports: LocalStackPorts;
  readonly provisioned: Provisioned;
  /** Where DynamoDB Local keeps its data; absent when it is in memory. */
  readonly dataDir?: string;
}

/** This checkout: where the local tools look for the running stack by default. */
export const CHECKOUT = path.resolve(__dirname, '..', '..');

/**
 * The local stack's folder: its state file, its log and (with `--persist`) its database.
 * `VIGIL_DIR` names another (two stacks of one checkout, tests); default `.vigil/` of the checkout.
 */
export function localStackDir(env: NodeJS.ProcessEnv = process.env, root: string = CHECKOUT): string {
  return env.VIGIL_DIR ? path.resolve(env.VIGIL_DIR) : path.join(root, '.vigil');
}

/** Where `npm start` writes its state: `local-stack.json` in {@link localStackDir}. */
export function stateFilePath(dir: string): string {
  return path.join(dir, 'local-stack.json');
}

/** Records the running stack, so other tools find its ports without being told. */
export function writeStateFile(file: string, state: LocalStackState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside, then renamed: a tool reading it while a stack starts sees the old file or the new, never half.
  const partial = `${file}.${state.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(partial, file);
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
    // Half written (a stack starting this instant) reads as "none yet"; the next look finds it.
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
