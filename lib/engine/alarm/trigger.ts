import type { CustomerActionName } from './snapshot';

/** A message routed to an alarm instance: data for the rule. */
export interface AlarmMessage {
  readonly type: 'message';
  readonly inputName: string;
  readonly messageId: string;
  /** The payload parsed with `parseTypedJson`: a JSON object. */
  readonly payload: unknown;
  /** When the message says it happened (BatchPutMessage `timestamp`), epoch ms. */
  readonly timestamp?: number;
}

/**
 * One entry of BatchAcknowledgeAlarm, BatchSnoozeAlarm, BatchDisableAlarm, BatchEnableAlarm or
 * BatchResetAlarm: the action, its optional note, and the request id (part of the action ids of
 * the state change it causes).
 */
export type OperatorAction = {
  readonly type: 'operator';
  readonly requestId: string;
  /** The instance's key value as the request named it (for messages; the caller found the instance). */
  readonly keyValue?: string;
  readonly note?: string;
} & ({ readonly action: Exclude<CustomerActionName, 'SNOOZE'> } | { readonly action: 'SNOOZE'; readonly snoozeDuration: number });

/**
 * A wake-up from the timer scheduler: ends a snooze whose due time `now` has reached; does
 * nothing (and changes nothing) otherwise.
 */
export interface AlarmWake {
  readonly type: 'wake';
}

/** What {@link transitionAlarm} is asked to process. */
export type AlarmTrigger = AlarmMessage | OperatorAction | AlarmWake;
