import { PutRecordBatchCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import { sendInBatches, utf8Length, type BatchLimits } from './batch';
import { isTransientCode } from './classify-error';
import { ActionDeliveryError } from './errors';
import type { RetryOptions } from './retry';
import { payloadBytes, type EffectOf, type Sender } from './sender';

/** PutRecordBatch takes at most 500 records and 4 MiB in total. */
const FIREHOSE_BATCH_LIMITS: BatchLimits = { maxEntries: 500, maxBytes: 4 * 1024 * 1024 };

/**
 * Performs `firehose` actions: puts each payload as a record, followed by the action's separator
 * (`\n`, `\t`, `\r\n` or `,`) when it has one, so records stay apart once Firehose concatenates
 * them. Actions for the same stream share PutRecordBatch requests; records whose response entry
 * has an ErrorCode are put again when the code is transient.
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html
 */
export function createFirehoseSender(firehose: FirehoseClient, retry: RetryOptions): Sender<EffectOf<'firehose'>> {
  return {
    groupKey: (effect) => effect.deliveryStreamName,
    send: (effects) =>
      sendInBatches(
        effects.map(recordData),
        FIREHOSE_BATCH_LIMITS,
        { bytes: (data) => utf8Length(data) },
        async (batch) => {
          const stream = effects[0].deliveryStreamName;
          const output = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: stream, Records: batch.map((data) => ({ Data: payloadBytes(data) })) }));
          // RequestResponses is positional: entry i answers record i.
          return batch.map((_, index) => {
            const response = output.RequestResponses?.[index];
            if (response?.ErrorCode === undefined) return undefined;
            const message = `Firehose PutRecordBatch to ${stream} failed for this record: ${response.ErrorCode}: ${response.ErrorMessage ?? 'no message'}`;
            return new ActionDeliveryError(message, response.ErrorCode, isTransientCode(response.ErrorCode));
          });
        },
        retry,
      ),
  };
}

/** The record text of a `firehose` action: the payload and its separator. */
function recordData(effect: EffectOf<'firehose'>): string {
  return effect.payload.text + (effect.separator ?? '');
}
