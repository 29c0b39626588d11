/**
 * Failures a test injects into an in-memory fake, per operation: the fake calls {@link Faults.check}
 * first thing in every operation, which throws the error planned for that call, if any.
 */
export class Faults<Operation extends string> {
  private readonly planned = new Map<Operation, Error[]>();
  private readonly persistent = new Map<Operation, Error>();

  /** The next `times` calls of `operation` throw `error`; later calls succeed again. */
  next(operation: Operation, error: Error, times = 1): this {
    this.planned.set(operation, [...(this.planned.get(operation) ?? []), ...Array.from({ length: times }, () => error)]);
    return this;
  }

  /** Every call of `operation` throws `error` until {@link Faults.clear}. */
  always(operation: Operation, error: Error): this {
    this.persistent.set(operation, error);
    return this;
  }

  /** Forgets every planned failure. */
  clear(): void {
    this.planned.clear();
    this.persistent.clear();
  }

  /** Throws the failure planned for this call of `operation`. */
  check(operation: Operation): void {
    const queued = this.planned.get(operation);
    if (queued?.length) throw queued.shift();
    const always = this.persistent.get(operation);
    if (always) throw always;
  }
}

/** An error shaped like the SDK's: only `name` matters to the runtime's classification. */
export function awsError(name: string, message = `${name} (injected)`): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
