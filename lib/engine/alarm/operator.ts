import type { AlarmEngineOptions } from './options';
import type { AlarmSnapshot, AlarmStateName, CustomerAction } from './snapshot';
import type { OperatorAction } from './trigger';

/**
 * An operator action the alarm's state does not accept, or a request that cannot be applied: the
 * data plane turns it into an error entry of the batch (`errorCode` is AWS's), never an exception.
 */
export interface AlarmRefusal {
  readonly refused: true;
  readonly code: 'ResourceNotFoundException' | 'InvalidRequestException';
  readonly message: string;
}

/** What an accepted operator action does: the next state, the recorded action, the snooze due time. */
export interface OperatorOutcome {
  readonly refused?: undefined;
  readonly stateName: AlarmStateName;
  readonly customerAction: CustomerAction;
  readonly snoozeDueAt: number | undefined;
  /** True for RESET: "clear its state and latest value" (SiteWise respond-to-alarms). */
  readonly clearsEvaluation: boolean;
}

/** Creates a refusal. */
export function refusal(code: AlarmRefusal['code'], message: string): AlarmRefusal {
  return { refused: true, code, message };
}

/**
 * Applies the operator rows of the transition table (spec §1.3, docs/decisions.md):
 * - ACKNOWLEDGE: ACTIVE → ACKNOWLEDGED, LATCHED → NORMAL;
 * - DISABLE: any state but DISABLED → DISABLED;
 * - ENABLE: DISABLED or SNOOZE_DISABLED → NORMAL;
 * - RESET: any state → NORMAL, forgetting the last evaluation;
 * - SNOOZE: any state but DISABLED → SNOOZE_DISABLED for `snoozeDuration` seconds (a snoozed
 *   alarm snoozed again starts the new duration now).
 * Anything else is refused with InvalidRequestException, naming the state and what it accepts.
 */
export function applyOperator(snapshot: AlarmSnapshot, action: OperatorAction, now: number, options: AlarmEngineOptions): OperatorOutcome | AlarmRefusal {
  const state = snapshot.stateName;
  const note = action.note === undefined ? {} : { note: action.note };
  const to = (stateName: AlarmStateName, customerAction: CustomerAction, snoozeDueAt?: number): OperatorOutcome =>
    ({ stateName, customerAction, snoozeDueAt, clearsEvaluation: action.action === 'RESET' });
  const refuse = (accepted: string) => refusal('InvalidRequestException', `${describe(snapshot)} is ${state}; ${accepted}`);
  switch (action.action) {
    case 'ACKNOWLEDGE': {
      const customerAction: CustomerAction = { actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: note };
      if (state === 'ACTIVE') return to('ACKNOWLEDGED', customerAction);
      if (state === 'LATCHED') return to('NORMAL', customerAction);
      return refuse('only an ACTIVE or LATCHED alarm can be acknowledged');
    }
    case 'DISABLE':
      if (state === 'DISABLED') return refuse('it is already disabled');
      return to('DISABLED', { actionName: 'DISABLE', disableActionConfiguration: note });
    case 'ENABLE':
      if (state !== 'DISABLED' && state !== 'SNOOZE_DISABLED') return refuse('only a DISABLED or SNOOZE_DISABLED alarm can be enabled');
      return to('NORMAL', { actionName: 'ENABLE', enableActionConfiguration: note });
    case 'RESET':
      return to('NORMAL', { actionName: 'RESET', resetActionConfiguration: note });
    case 'SNOOZE': {
      if (state === 'DISABLED') return refuse('a disabled alarm cannot be snoozed: enable it first');
      const seconds = action.snoozeDuration;
      if (!Number.isSafeInteger(seconds) || seconds < options.minSnoozeSeconds || seconds > options.maxSnoozeSeconds) {
        return refusal('InvalidRequestException', `snoozeDuration must be a whole number of seconds from ${options.minSnoozeSeconds} to ${options.maxSnoozeSeconds}, not ${seconds}`);
      }
      return to('SNOOZE_DISABLED', { actionName: 'SNOOZE', snoozeActionConfiguration: { snoozeDuration: seconds, ...note } }, now + seconds * 1000);
    }
  }
}

/** `alarm 'k' of alarm model m`, or `the alarm of alarm model m` for a model without a key. */
export function describe(snapshot: Pick<AlarmSnapshot, 'alarmModelName' | 'keyValue'>): string {
  return snapshot.keyValue === undefined
    ? `the alarm of alarm model ${snapshot.alarmModelName}`
    : `alarm '${snapshot.keyValue}' of alarm model ${snapshot.alarmModelName}`;
}
