/**
 * Stops what was started, newest first (the broker before the functions it feeds, the functions
 * before the emulators they call), each at most once. A step that fails is reported and the
 * rest still run, so a failed stop never leaves a Java or Node process behind.
 */
export class Shutdown {
  private readonly steps: { readonly name: string; readonly stop: () => Promise<void> | void }[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly onError: (message: string, error: Error) => void) {}

  /** Registers how to stop something that has started. */
  add(name: string, stop: () => Promise<void> | void): void {
    this.steps.push({ name, stop });
  }

  /** Runs every step once, newest first; later calls wait for the first. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.stop();
        } catch (error) {
          this.onError(`stopping ${step.name} failed`, error as Error);
        }
      }
    })();
    return this.running;
  }
}
