import type { Value } from '../expression';
import type { CompiledModel } from '../model';
import type { Cycle } from './cycle';
import type { DetectorSnapshot } from './snapshot';
import type { EvaluationTrace } from './trace';
import type { MessageTrigger } from './trigger';

/**
 * The trace record of a finished cycle. The variables given are kept as they are: the caller hands
 * over objects that no later assignment changes (see `shareVariables`).
 */
export function buildTrace(
  cycle: Cycle,
  initialState: string | undefined,
  initialVariables: Readonly<Record<string, Value>>,
  raw: string | undefined,
  finalVariables: Readonly<Record<string, Value>>,
): EvaluationTrace {
  const { detector, cause: trigger, model } = cycle;
  return {
    time: trigger.time,
    logMessage: 'Summary of message evaluation',
    context: 'MessageEvaluation',
    status: 'Success',
    detectorModelName: model.name,
    detectorModelVersion: model.version,
    keyValue: detector.keyValue,
    messageId: trigger.messageId,
    inputName: trigger.inputName,
    triggerType: trigger.triggerType,
    timerName: trigger.timerName,
    messageType: trigger.triggerType === 'Message' ? 'CUSTOMER_MESSAGE' : 'TIMER_EXPIRY',
    message: raw,
    initialState,
    initialVariables,
    finalState: detector.stateName,
    finalVariables,
    conditionEvaluationResults: cycle.results,
    actions: cycle.actions,
    diagnostics: cycle.diagnostics,
  };
}

/** The trace record of a message that was not applied, and why. */
export function skippedTrace(model: CompiledModel, snapshot: DetectorSnapshot, trigger: MessageTrigger, now: number, reason: string): EvaluationTrace {
  return {
    time: trigger.timestamp ?? now,
    logMessage: 'Summary of message evaluation',
    context: 'MessageEvaluation',
    status: 'Skipped',
    detectorModelName: model.name,
    detectorModelVersion: snapshot.detectorModelVersion,
    keyValue: snapshot.keyValue,
    messageId: trigger.messageId,
    inputName: trigger.inputName,
    triggerType: 'Message',
    timerName: undefined,
    messageType: 'CUSTOMER_MESSAGE',
    message: trigger.raw,
    initialState: snapshot.stateName,
    initialVariables: snapshot.variables,
    finalState: snapshot.stateName,
    finalVariables: snapshot.variables,
    conditionEvaluationResults: [],
    actions: [],
    diagnostics: [],
    skipReason: reason,
  };
}
