import type { ActionEffect } from '../../engine';

/** Whether a queue URL or topic ARN names a FIFO queue or topic (AWS requires the `.fifo` suffix). */
export function isFifo(target: string): boolean {
  return target.endsWith('.fifo');
}

/**
 * The FIFO fields of an action's message: grouped per detector, so one detector's actions keep
 * their order while different detectors' run in parallel, and deduplicated by the action's
 * deterministic `actionExecutionId`, so a dispatch retried after a crash is dropped by the target
 * within its 5-minute deduplication window — exactly once end to end.
 */
export function fifoFields(effect: ActionEffect): { groupId: string; deduplicationId: string } {
  return { groupId: `${effect.detectorModelName}|${effect.keyValue ?? ''}`.slice(0, 128), deduplicationId: effect.actionExecutionId };
}
