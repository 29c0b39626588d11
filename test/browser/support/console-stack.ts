import { spawnLocalStack, type SpawnOptions, type SpawnedLocalStack } from '../../../local/stack/spawn-local-stack';

/** How long a browser test file's `beforeAll` may wait for its stack (several minutes on a loaded 2-core machine). */
export const CONSOLE_STACK_TIMEOUT_MS = 240_000;

/** A local stack with its console, for one browser test file. */
export interface ConsoleStack {
  /** `http://127.0.0.1:<port>`: the console's pages and its `/api`. */
  readonly consoleUrl: string;
  readonly stack: SpawnedLocalStack;
  stop(): Promise<void>;
}

/**
 * Starts one local stack (`npm start`'s entry point, in a child process, every port free) with
 * the shipped models of `models/` and timers down to 1 s, and resolves when it and its console
 * are ready. One per test file: `beforeAll(async () => ({ consoleUrl, stop } = await
 * startConsoleStack()), CONSOLE_STACK_TIMEOUT_MS)` and `afterAll(() => stop())`.
 *
 * @param options the stack's settings (`modelsDir`, `minTimerSeconds`, …), over these defaults.
 */
export async function startConsoleStack(options: SpawnOptions = {}): Promise<ConsoleStack> {
  const stack = await spawnLocalStack({ minTimerSeconds: 1, ...options });
  return { consoleUrl: stack.endpoints.console, stack, stop: () => stack.stop() };
}
