/**
 * The detector engine: a pure transition function over detector snapshots. No I/O, no clock, no
 * environment: Lambda, the local stack, tests and the CLI all run exactly this code.
 */
export { nameBasedUuid } from './action-id';
export { effectTarget, type ActionEffect, type ResolvedPayload, type SiteWiseValue } from './effects';
export { DEFAULT_ENGINE_OPTIONS, engineOptions, type EngineOptions } from './options';
export { describeDetector, type DetectorDescription } from './describe';
export { defaultPayload, type PayloadContext } from './payload';
export { KEY_VALUE, KEY_VALUE_RULE, detectorKey, routeMessage, type KeyResult, type Route } from './routing';
export { DUPLICATE_WINDOW_MS, IdWindow, IdWindowError, MAX_DUPLICATE_WINDOW_MS, MAX_RECENT_IDS, type SpilledIds } from './message-ids';
export type { DetectorSnapshot, TimerState } from './snapshot';
export { TIMERS_MARKER, deserializeSnapshot, serializeSnapshot } from './snapshot-codec';
export { step, type StepResult } from './step';
export { DetectorUpdateError, parseVariableLiteral, updateDetector, type DetectorUpdate } from './update-detector';
export { skippedTrace } from './build-trace';
export { traceRecord, type ConditionResult, type Diagnostic, type EvaluationTrace, type TracedAction } from './trace';
export type { MessageTrigger, Trigger, WakeTrigger } from './trigger';
export { getOwn, hasOwnName, setOwn } from './own';
export * from './alarm';
