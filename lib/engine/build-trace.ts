import type { CompiledModel } from '../model';
import type { Cycle } from './cycle';
import type { DetectorSnapshot } from './snapshot';
import type { EvaluationTrace } from './trace';
import type { MessageTrigger } from './trigger';
import { shareVariables } from './working';

/**
 * The trace record of a finished cycle. The variables it names are kept as they are: they are
 * shared (see `shareVariables`), so the next assignment works on a copy and the record never changes.
 */
export function buildTrace(cycle: Cycle): EvaluationTrace {
  const { detector, model, cause: trigger } = cycle;
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
    message: cycle.raw,
    initialState: cycle.initialState,
    initialVariables: cycle.initialVariables,
    finalState: detector.stateName,
    finalVariables: shareVariables(detector),
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
