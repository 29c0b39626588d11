import type { Value } from './values';

/** What started an evaluation cycle. */
export type TriggerType = 'Message' | 'Timer';

/**
 * Everything an expression can read. The engine builds one per evaluation cycle; expressions never
 * mutate it, except that `timeout()` tells the engine which timers a cycle has checked.
 */
export interface EvalContext {
  /** Latest payload per input name, as typed JSON (see `parseTypedJson`). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The detector's variables. */
  readonly variables: Readonly<Record<string, Value>>;
  /** The input whose message started this cycle; undefined on timer cycles. */
  readonly currentInput: string | undefined;
  /** Whether a message or a timer expiry started this cycle. */
  readonly trigger: TriggerType;
  /**
   * The cycle's event time, epoch ms (what `vigil_timestamp()` reads): the message's `timestamp`
   * when it has one (BatchPutMessage, a simulated message), otherwise the time it is processed; on
   * a Timer cycle, the time the timer fires. Undefined where no cycle runs (analysis, `vigil eval`).
   */
  readonly timestamp?: number;
  /** Whether timer `name` has expired and not yet been consumed; the engine records the check. */
  timeout(name: string): boolean;
}

/** A compiled expression, ready to run against any number of contexts. */
export type Evaluator = (context: EvalContext) => Value;
