import { describeState, sameStack } from '../stack/find-local-stack';
import { localStackDir, readStateFile, stateFilePath, type LocalStackState } from '../stack/state-file';
import { watchLocalStack } from '../stack/watch-local-stack';
import { startTail, type RunningTail, type TailTarget } from './follow';
import { resolveTailTarget } from './target';

/** How to follow the local stack through its restarts. */
export interface FollowStackOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Queues to follow besides the stack's (`--queue`). */
  readonly extraQueues: readonly string[];
  /** Narrows what is followed (`--no-actions`, `--no-detectors`). */
  readonly narrow: (target: TailTarget) => TailTarget;
  /** An event line (stdout). */
  readonly print: (line: string) => void;
  /** A line about the tail itself (stderr). */
  readonly say: (line: string) => void;
}

/** A tail following the local stack. */
export interface FollowingStack {
  /** One line naming the stack followed first. */
  readonly description: string;
  /** What is followed (queue names and the detectors table's stream). */
  readonly following: readonly string[];
  stop(): Promise<void>;
}

/**
 * Follows the local stack (see `resolveTailTarget`) and, when it was found through its state
 * file, follows it through restarts: when `npm start` stops, says so once and waits; when a stack
 * starts again (other ports, new queues and table streams), follows the new one and says so in one
 * line. Errors of a stack that has gone are not printed: the line about the restart replaces them.
 *
 * @throws TailTargetError when there is no stack to follow at first.
 */
export async function followLocalStack(options: FollowStackOptions): Promise<FollowingStack> {
  const first = await resolveTailTarget(options.env, options.extraQueues);
  const file = stateFilePath(localStackDir(options.env));
  let current: LocalStackState | undefined = first.location.state;
  const onError = (error: Error) => {
    // A stack that stopped or restarted makes every poll fail until the watcher notices.
    if (current && !sameStack(readStateFile(file), current)) return;
    options.say(`vigil tail: ${error.message}`);
  };
  const start = async (target: TailTarget) => {
    const running = startTail(options.narrow(target), options.print, onError);
    await running.ready;
    return running;
  };
  const names = (target: TailTarget) => {
    const streams = [...(target.detectorsTable && (target.detectors || target.actions) ? [target.detectorsTable] : []), ...(target.actions && target.tracesTable ? [target.tracesTable] : [])];
    return [...target.queues.map((queue) => queue.name), ...streams.map((table) => `${table} (stream)`)];
  };
  let tail: RunningTail | undefined = await start(first.target);
  let switching = Promise.resolve();
  const stopWatching = first.location.state
    ? watchLocalStack(first.location.state, (next) => {
        switching = switching.then(async () => {
          const previous = tail;
          tail = undefined;
          current = next;
          await previous?.stop();
          if (!next) return options.say('vigil tail: the local stack stopped; waiting for it to start again');
          try {
            const resolved = await resolveTailTarget(options.env, options.extraQueues);
            tail = await start(resolved.target);
            options.say(`vigil tail: the local stack restarted (${describeState(next)}); following ${names(options.narrow(resolved.target)).join(', ')}`);
          } catch (error) {
            options.say(`vigil tail: the local stack restarted (${describeState(next)}) but cannot be followed: ${(error as Error).message}`);
          }
        });
      }, options.env)
    : () => undefined;
  return {
    description: first.location.description,
    following: names(options.narrow(first.target)),
    async stop() {
      stopWatching();
      await switching;
      await tail?.stop();
    },
  };
}
