import { Fault, typeName } from '../expression';
import type { CompiledAction, CompiledEvent } from '../model';
import { actionExecutionId as actionExecutionIdOf } from './action-id';
import type { Cycle } from './cycle';
import { ActionFailure, resolveAction } from './resolve-action';
import { clearTimer, resetTimer, setTimer } from './timers';

/**
 * Runs one action of an event. Its expressions are evaluated when it runs, so later actions see
 * the variables earlier ones set (spec §4.3, §10.6). A failing action is recorded in the trace and
 * skipped; the others still run, as in AWS IoT Events.
 */
export function runAction(cycle: Cycle, event: CompiledEvent, action: CompiledAction): void {
  const { detector, now, options } = cycle;
  switch (action.kind) {
    case 'setVariable': {
      const value = action.value.evaluate(cycle);
      if (value instanceof Fault) {
        cycle.diagnose('ERROR', 'setVariable.invalid', `${action.name} not set: ${value.message} at ${value.span.start}`, `${action.path}.setVariable.value`, value);
      } else if (value === undefined) {
        // Variables "can't be unset": an undefined value leaves the old one in place.
        cycle.diagnose('WARNING', 'setVariable.undefined', `${action.name} not set: the value is undefined`, `${action.path}.setVariable.value`);
      } else {
        cycle.assign(action.name, value);
      }
      return;
    }
    case 'setTimer': {
      const seconds = timerSeconds(cycle, action);
      if (seconds === undefined) return;
      const refusal = setTimer(detector, action.name, seconds, now, options);
      if (refusal) cycle.diagnose('ERROR', 'timer.refused', `timer ${action.name} not set: ${refusal}`, `${action.path}.setTimer`);
      return;
    }
    case 'resetTimer':
      if (!resetTimer(detector, action.name, now)) {
        cycle.diagnose('WARNING', 'timer.notRunning', `timer ${action.name} is not running, so it cannot be reset`, `${action.path}.resetTimer`);
      }
      return;
    case 'clearTimer':
      clearTimer(detector, action.name);
      return;
    case 'external': {
      const { cause: trigger, model } = cycle;
      const actionExecutionId = actionExecutionIdOf(model.name, model.version, detector.keyValue, detector.sequence, trigger.messageId, trigger.timerName, cycle.nextActionNumber());
      const effect = resolveAction(action, { cycle, actionExecutionId, eventName: event.name });
      if (effect instanceof ActionFailure) {
        cycle.diagnose('ERROR', effect.code, `${action.type} action not run: ${effect.message}`, effect.path, effect.fault);
        return;
      }
      cycle.addEffect(effect, event.name, action.type);
      return;
    }
  }
}

/** The timer duration in seconds, or undefined (with a diagnostic) when it cannot be computed. */
function timerSeconds(cycle: Cycle, action: Extract<CompiledAction, { kind: 'setTimer' }>): number | undefined {
  if (action.seconds !== undefined) return action.seconds;
  const path = `${action.path}.setTimer.durationExpression`;
  const value = action.duration?.evaluate(cycle);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (value instanceof Fault) {
    cycle.diagnose('ERROR', 'timer.duration', `timer ${action.name} not set: ${value.message} at ${value.span.start}`, path, value);
  } else {
    cycle.diagnose('ERROR', 'timer.duration', `timer ${action.name} not set: the duration is ${typeName(value)}, not a number`, path);
  }
  return undefined;
}
