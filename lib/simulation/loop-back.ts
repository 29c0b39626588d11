import type { ActionEffect } from '../engine';
import type { SimulatedMessage } from './events';

/**
 * Default bound on the messages `iotEvents` actions may feed back for one message of the replay
 * (or one timer firing): far above any fan-out a model needs, low enough to stop a model whose
 * actions feed each other forever.
 */
export const DEFAULT_MAX_LOOPBACKS = 1000;

/**
 * The message an `iotEvents` action sends back to the detectors, built as the deployed sender
 * builds its ingest envelope (`lib/adapters/dispatch/iot-events-sender.ts`): on the action's input,
 * with the action execution id as message id (so a resent action counts as a duplicate), the
 * payload text as it would be sent, and the cycle's event time as timestamp. Undefined for every
 * other action type.
 */
export function loopBackMessage(effect: ActionEffect): SimulatedMessage | undefined {
  if (effect.type !== 'iotEvents') return undefined;
  return { messageId: effect.actionExecutionId, inputName: effect.inputName, raw: effect.payload.text, timestamp: effect.time };
}
