import { sameStack } from './find-local-stack';
import { localStackDir, readStateFile, stateFilePath, type LocalStackState } from './state-file';

/**
 * Looks at the state file every `everyMs` and calls `onChange` when the running stack is another
 * one than `current` (restarted: new pid or start time; the new state) or is gone (undefined), so
 * long-running tools (`vigil tail`, `npm run devices`) follow a restarted stack. A look is one
 * small file read, cheap enough to repeat each second. Returns how to stop.
 */
export function watchLocalStack(current: LocalStackState, onChange: (state: LocalStackState | undefined) => void, env: NodeJS.ProcessEnv = process.env, everyMs = 1000): () => void {
  const file = stateFilePath(localStackDir(env));
  let seen: LocalStackState | undefined = current;
  const timer = setInterval(() => {
    const now = readStateFile(file);
    if (sameStack(now, seen)) return;
    seen = now;
    onChange(now);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
