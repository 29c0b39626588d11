/** Behaviour switches of the engine. Every default reproduces AWS IoT Events (spec §10). */
export interface EngineOptions {
  /**
   * `retained` (default): `$input.X` reads the latest message of input X this detector received,
   * even when another input or a timer started the cycle. `currentOnly`: only the current
   * message's input is visible.
   */
  readonly inputScope: 'retained' | 'currentOnly';
  /** Shortest timer, in seconds (AWS: 60). Lowered in tests and local runs. */
  readonly minTimerSeconds: number;
  /** Longest timer, in seconds (AWS: 31,622,400 = 366 days). */
  readonly maxTimerSeconds: number;
  /** Most timers one detector may hold at once (AWS quota: 5). */
  readonly maxTimers: number;
  /** Largest evaluated action payload, in bytes (AWS: under 1 KB). */
  readonly maxPayloadBytes: number;
  /**
   * Whether `step` records a trace of each cycle (default). Off, its `traces` are empty and a step
   * costs about a third less: for a caller that shows none (`vigil simulate` without `--trace`).
   */
  readonly traces: boolean;
}

/** The AWS-faithful defaults. */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  inputScope: 'retained',
  minTimerSeconds: 60,
  maxTimerSeconds: 31_622_400,
  maxTimers: 5,
  maxPayloadBytes: 1024,
  traces: true,
};

/** Fills unset options with the defaults. */
export function engineOptions(overrides: Partial<EngineOptions> = {}): EngineOptions {
  return { ...DEFAULT_ENGINE_OPTIONS, ...overrides };
}
