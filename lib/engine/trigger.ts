/** A message routed to a detector: what starts a Message evaluation cycle. */
export interface MessageTrigger {
  readonly type: 'message';
  readonly inputName: string;
  readonly messageId: string;
  /** The payload parsed with `parseTypedJson`: a JSON object. */
  readonly payload: unknown;
  /** The payload as received, for the trace. */
  readonly raw?: string;
  /** When the message says it happened (BatchPutMessage `timestamp`), epoch ms; used as eventTime. */
  readonly timestamp?: number;
}

/**
 * A wake-up from the timer scheduler: fire every timer due at `now`, re-arm wake-ups that came
 * early. Does nothing (and changes nothing) when no timer is due.
 */
export interface WakeTrigger {
  readonly type: 'wake';
}

/** What `step` is asked to process. */
export type Trigger = MessageTrigger | WakeTrigger;
