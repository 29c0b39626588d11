import type { SQSClient } from '@aws-sdk/client-sqs';
import type { RetryOptions } from './retry';
import type { EffectOf, Sender } from './sender';
import { fifoFields, isFifo } from './fifo';
import { messageBody } from './sqs-message-body';
import { sendSqsMessages } from './sqs-batch';

/**
 * Performs `sqs` actions: sends each payload as a message body, base64-encoded (its UTF-8 bytes)
 * when the action says `useBase64`. Actions for the same queue share SendMessageBatch requests. A
 * FIFO queue gets the detector as message group and the actionExecutionId as deduplication id.
 * https://docs.aws.amazon.com/iotevents/latest/apireference/API_SqsAction.html
 */
export function createSqsSender(sqs: SQSClient, retry: RetryOptions): Sender<EffectOf<'sqs'>> {
  return {
    groupKey: (effect) => effect.queueUrl,
    send: (effects) => {
      const fifo = isFifo(effects[0].queueUrl);
      return sendSqsMessages(sqs, effects[0].queueUrl, effects.map((effect) => ({ body: messageBody(effect), ...(fifo ? fifoFields(effect) : {}) })), retry);
    },
  };
}
