import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IssueLevel, ModelIssue } from '../../lib/model/issues';

/** The AWS example models shipped with the spec. */
export const EXAMPLES = path.resolve(__dirname, '../fixtures/aws-examples');

/** Reads one example file as JSON. */
export function loadExample(file: string): unknown {
  return JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'));
}

/** The condition most factories use: it reads an input, as every valid model must. */
export const READS_INPUT = '$input.Sensor.value > 10';
/** The SNS topic the factories publish to. */
export const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';

/** An event; a missing condition means "true". */
export function event(eventName: string, condition?: string, actions?: unknown[]): Record<string, unknown> {
  return { eventName, ...(condition === undefined ? {} : { condition }), ...(actions ? { actions } : {}) };
}

/** A transition event. */
export function transition(eventName: string, condition: string, nextState: string, actions?: unknown[]): Record<string, unknown> {
  return { ...event(eventName, condition, actions), nextState };
}

/** The events of each lifecycle of a state; `transitions` are the onInput transition events. */
export interface Lifecycles {
  onEnter?: unknown[];
  onInput?: unknown[];
  transitions?: unknown[];
  onExit?: unknown[];
}

/** A state with the given lifecycles; lifecycles left out are omitted. */
export function state(stateName: string, lifecycles: Lifecycles = {}): Record<string, unknown> {
  const { onEnter, onInput, transitions, onExit } = lifecycles;
  return {
    stateName,
    ...(onEnter ? { onEnter: { events: onEnter } } : {}),
    ...(onInput || transitions ? { onInput: { ...(onInput ? { events: onInput } : {}), ...(transitions ? { transitionEvents: transitions } : {}) } } : {}),
    ...(onExit ? { onExit: { events: onExit } } : {}),
  };
}

/** A CreateDetectorModel body whose initial state is the first state. */
export function detectorModel(states: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    detectorModelName: 'testModel',
    detectorModelDefinition: { states, initialStateName: states[0]?.stateName },
    ...extra,
  };
}

/** The smallest model with no issue at all: one state that publishes when the sensor reads high. */
export function validModel(): Record<string, unknown> {
  return detectorModel([state('Idle', { onInput: [event('high', READS_INPUT, [sns()])] })]);
}

// Action factories, one per action type the tests use; each returns an action object with one member.
/** A setVariable action. */
export const setVariable = (variableName: string, value: string) => ({ setVariable: { variableName, value } });
/** A setTimer action: a number is `seconds`, a string a `durationExpression`. */
export const setTimer = (timerName: string, duration: number | string) =>
  ({ setTimer: typeof duration === 'number' ? { timerName, seconds: duration } : { timerName, durationExpression: duration } });
/** A resetTimer action. */
export const resetTimer = (timerName: string) => ({ resetTimer: { timerName } });
/** A clearTimer action. */
export const clearTimer = (timerName: string) => ({ clearTimer: { timerName } });
/** An sns action to {@link TOPIC}, with an optional custom payload. */
export const sns = (payload?: unknown) => ({ sns: { targetArn: TOPIC, ...(payload === undefined ? {} : { payload }) } });

/** A Sensor input declaring `value` and `config.threshold`. */
export const SENSOR_INPUT = { inputName: 'Sensor', inputDefinition: { attributes: [{ jsonPath: 'value' }, { jsonPath: 'config.threshold' }] } };

/** The issues at one level, as `{type, path, message}` without spans, for compact assertions. */
export function at(level: IssueLevel, issues: readonly ModelIssue[]): { type: string; path: string; message: string }[] {
  return issues.filter((found) => found.level === level).map(({ type, path: where, message }) => ({ type, path: where, message }));
}

/** Every issue as `LEVEL type path`, the shortest form that still pins each one down. */
export function summary(issues: readonly ModelIssue[]): string[] {
  return issues.map((found) => `${found.level} ${found.type} ${found.path}`);
}
