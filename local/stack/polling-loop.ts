/** A background loop started by {@link startPolling}. */
export interface PollingLoop {
  /** Stops after the pass in hand and waits for it. */
  stop(): Promise<void>;
}

/**
 * Runs `task` over and over, `intervalMs` apart, until stopped. A pass that throws is reported and
 * the loop goes on: an emulator hiccup must not stop the stack. Passes never overlap.
 */
export function startPolling(task: () => Promise<unknown>, intervalMs: number, onError: (error: Error) => void): PollingLoop {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await task();
      } catch (error) {
        if (!stopped) onError(error as Error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
