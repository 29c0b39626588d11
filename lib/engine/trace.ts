import type { Span, Value } from '../expression';

/** How one condition came out, in the words of AWS's DEBUG evaluation log. */
export interface ConditionResult {
  readonly result: 'True' | 'False' | 'Skipped';
  readonly eventName: string;
  readonly state: string;
  readonly lifeCycle: 'OnInput' | 'OnEnter' | 'OnExit';
  readonly hasTransition: boolean;
  readonly resultDetails?: string;
}

/**
 * Something that went wrong while evaluating, recorded instead of thrown: an invalid condition,
 * a failed assignment, an invalid timer duration, a payload that is not JSON.
 */
export interface Diagnostic {
  readonly level: 'ERROR' | 'WARNING';
  /** Stable machine-readable kind, e.g. `condition.invalid`, `timer.duration`. */
  readonly code: string;
  readonly message: string;
  /** JSON path in the model, e.g. `states[0].onInput.events[1].condition`. */
  readonly path: string;
  readonly span?: Span;
}

/** An external action the cycle produced, as listed in the trace. */
export interface TracedAction {
  readonly eventName: string;
  readonly action: string;
  readonly actionExecutionId: string;
}

/**
 * One record per evaluation cycle, in the shape of AWS IoT Events' DEBUG "Summary of message
 * evaluation" log (spec §4.7), plus what Vigil adds: the trigger, actions and diagnostics.
 */
export interface EvaluationTrace {
  /** Event time of the cycle, epoch ms (rendered as ISO-8601 by {@link traceRecord}). */
  readonly time: number;
  readonly logMessage: 'Summary of message evaluation';
  readonly context: 'MessageEvaluation';
  readonly status: 'Success' | 'Skipped';
  readonly detectorModelName: string;
  readonly detectorModelVersion: string;
  readonly keyValue: string | undefined;
  readonly messageId: string | undefined;
  readonly inputName: string | undefined;
  readonly triggerType: 'Message' | 'Timer';
  readonly timerName: string | undefined;
  /** `CUSTOMER_MESSAGE` for input messages, `TIMER_EXPIRY` for timer cycles. */
  readonly messageType: 'CUSTOMER_MESSAGE' | 'TIMER_EXPIRY';
  /** The payload as received. */
  readonly message: string | undefined;
  readonly initialState: string | undefined;
  readonly initialVariables: Readonly<Record<string, Value>>;
  readonly finalState: string;
  readonly finalVariables: Readonly<Record<string, Value>>;
  readonly conditionEvaluationResults: readonly ConditionResult[];
  readonly actions: readonly TracedAction[];
  readonly diagnostics: readonly Diagnostic[];
  /** Why a message was not applied (`Skipped` status): a duplicate, an out-of-order event. */
  readonly skipReason?: string;
}

/**
 * The trace as a log record in AWS's DEBUG shape: AWS's fields first, in AWS's order, with an
 * ISO-8601 timestamp; Vigil's additions after them. Render it with `stringifyTypedJson`.
 */
export function traceRecord(trace: EvaluationTrace): Record<string, unknown> {
  return {
    timestamp: new Date(trace.time).toISOString(),
    level: 'DEBUG',
    logMessage: trace.logMessage,
    context: trace.context,
    status: trace.status,
    messageId: trace.messageId,
    keyValue: trace.keyValue,
    detectorModelName: trace.detectorModelName,
    initialState: trace.initialState,
    initialVariables: trace.initialVariables,
    finalState: trace.finalState,
    finalVariables: trace.finalVariables,
    message: trace.message,
    messageType: trace.messageType,
    conditionEvaluationResults: trace.conditionEvaluationResults,
    detectorModelVersion: trace.detectorModelVersion,
    inputName: trace.inputName,
    triggerType: trace.triggerType,
    timerName: trace.timerName,
    actions: trace.actions,
    diagnostics: trace.diagnostics,
    skipReason: trace.skipReason,
  };
}
