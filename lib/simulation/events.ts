import type { ActionEffect, EvaluationTrace } from '../engine';
import type { AlarmNotificationEffect, AlarmStateName, CustomerActionName, SimpleRuleEvaluation } from '../engine/alarm';
import type { RejectionCode } from '../runtime/messages';
import type { OperatorError } from '../runtime/operate-alarms';

/** What made an alarm instance evaluate: a message, an operator request, or the end of its snooze. */
export type AlarmCause =
  | { readonly messageId: string; readonly inputName: string }
  | { readonly operatorAction: CustomerActionName; readonly requestId: string }
  | { readonly triggerType: 'SNOOZE_TIMEOUT' };

/** One alarm evaluation, for `--trace`: what caused it, the state before and after, the rule's last evaluation, and any problem. */
export interface AlarmTrace {
  readonly time: number;
  readonly alarmModelName: string;
  readonly alarmModelVersion: string;
  readonly keyValue?: string;
  readonly cause: AlarmCause;
  /** The state before; undefined when this evaluation created the instance. */
  readonly stateBefore: AlarmStateName | undefined;
  readonly stateAfter: AlarmStateName | undefined;
  readonly ruleEvaluation?: SimpleRuleEvaluation;
  /** Why nothing was evaluated, when nothing was. */
  readonly note?: string;
  readonly diagnostics: readonly string[];
}

/** What a replay produces, in order. */
export type SimulationEvent =
  /** An action of a detector model, or of an alarm model's `alarmEventActions` (`alarm` set). */
  | { readonly type: 'action'; readonly time: number; readonly effect: ActionEffect; readonly alarm?: true }
  | { readonly type: 'trace'; readonly trace: EvaluationTrace }
  | {
      readonly type: 'error';
      readonly time: number;
      readonly messageId: string;
      readonly detectorModelName?: string;
      readonly alarmModelName?: string;
      /** The error code BatchPutMessage would answer, when the deployed system would refuse the whole message. */
      readonly code?: RejectionCode;
      readonly message: string;
    }
  /** An alarm instance changed state. */
  | {
      readonly type: 'alarmState';
      readonly time: number;
      readonly alarmModelName: string;
      readonly alarmModelVersion: string;
      readonly keyValue?: string;
      readonly from: AlarmStateName;
      readonly to: AlarmStateName;
      readonly cause: AlarmCause;
    }
  /** An `alarmNotification` to send: the notification function and what it would be invoked with. */
  | { readonly type: 'notification'; readonly time: number; readonly effect: AlarmNotificationEffect }
  /** An operator action the data API would list in `errorEntries` (the replay goes on). */
  | {
      readonly type: 'refusal';
      readonly time: number;
      /** The line of the file that asked for it. */
      readonly line: number;
      readonly operatorAction: CustomerActionName;
      readonly alarmModelName: string;
      readonly keyValue?: string;
      readonly entry: OperatorError;
    }
  | { readonly type: 'alarmTrace'; readonly trace: AlarmTrace };
