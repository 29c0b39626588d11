import type { ActionEffect, EvaluationTrace } from '../engine';
import type { AlarmEngineOptions, AlarmNotificationEffect, AlarmStateName, CustomerActionName, SimpleRuleEvaluation } from '../engine/alarm';
import type { CompiledAlarmModel } from '../model';
import type { RejectionCode } from '../runtime/messages';
import type { OperatorError } from '../runtime/operate-alarms';

// What goes into a replay (messages, options) and what comes out of it (events).

/** A message to replay. */
export interface SimulatedMessage {
  readonly messageId: string;
  readonly inputName: string;
  /**
   * The payload already parsed as typed JSON, when the caller has it (it must be what `raw`
   * parses to). Left out, `raw` is parsed as the deployed runtime does, and a payload that is not
   * JSON rejects only this message.
   */
  readonly payload?: unknown;
  /** The payload as JSON text, as it would be sent. */
  readonly raw: string;
  /** Virtual time of arrival, epoch ms. */
  readonly timestamp: number;
}

/** How a replay behaves besides the engine's options. */
export interface SimulationOptions {
  /** Most messages `iotEvents` actions may feed back for one message or timer firing (default 1000). */
  readonly maxLoopbacks?: number;
  /**
   * The inputs that exist (a message of any other is refused, as by the deployed system). Default:
   * every input the models (detector and alarm) read. Vigil's built-in lifecycle inputs always exist.
   */
  readonly inputs?: Iterable<string>;
  /** Largest payload accepted, in bytes, like the deployment's `MAX_PAYLOAD_BYTES` (default 128 KiB). */
  readonly maxMessageBytes?: number;
  /** Alarm models the messages reach too (alarm model names are their own namespace). */
  readonly alarmModels?: readonly CompiledAlarmModel[];
  /** How alarm instances behave (snooze bounds, notifications without the acknowledge flow). */
  readonly alarms?: AlarmEngineOptions;
}

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
