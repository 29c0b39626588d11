import type { SQSClient } from '@aws-sdk/client-sqs';
import type { IngestEnvelope } from '../../ports/ingest-envelope';
import { isFifo } from './fifo';
import type { RetryOptions } from './retry';
import type { EffectOf, Sender } from './sender';
import { sendSqsMessages, type SqsMessage } from './sqs-batch';

/**
 * Performs `iotEvents` actions: feeds each payload back to the detectors as a message on
 * `inputName`, by sending an {@link IngestEnvelope} to Vigil's ingest queue. The envelope's
 * `messageId` is the action execution id, so a resent action is recognised as a duplicate message
 * (duplicate-id rule) instead of being processed twice. All inputs share the queue, so every
 * `iotEvents` action of a dispatch shares SendMessageBatch requests.
 */
export function createIotEventsSender(sqs: SQSClient, ingestQueueUrl: string, retry: RetryOptions): Sender<EffectOf<'iotEvents'>> {
  const fifo = isFifo(ingestQueueUrl);
  return {
    groupKey: () => ingestQueueUrl,
    send: (effects) => sendSqsMessages(sqs, ingestQueueUrl, effects.map((effect) => ingestMessage(effect, fifo)), retry),
  };
}

function ingestMessage(effect: EffectOf<'iotEvents'>, fifo: boolean): SqsMessage {
  const envelope: IngestEnvelope = { vigilEnvelope: 1, inputName: effect.inputName, messageId: effect.actionExecutionId, payload: effect.payload.text, timestamp: effect.time };
  const body = JSON.stringify(envelope);
  // A FIFO queue needs a group: keep each input's messages in order, and let SQS drop resends.
  return fifo ? { body, groupId: effect.inputName, deduplicationId: effect.actionExecutionId } : { body };
}
