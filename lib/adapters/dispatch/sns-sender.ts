import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import { batchResultErrors, sendInBatches, utf8Length, type BatchLimits } from './batch';
import type { RetryOptions } from './retry';
import { fifoFields, isFifo } from './fifo';
import type { EffectOf, Sender } from './sender';

/** PublishBatch takes at most 10 messages and 256 KiB in total. */
const SNS_BATCH_LIMITS: BatchLimits = { maxEntries: 10, maxBytes: 256 * 1024 };

/**
 * Performs `sns` actions: publishes each payload, as is, to its topic. Actions for the same topic
 * share PublishBatch requests; entries SNS fails transiently are published again on their own. A
 * FIFO topic gets the detector as message group and the actionExecutionId as deduplication id.
 * https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
export function createSnsSender(sns: SNSClient, retry: RetryOptions): Sender<EffectOf<'sns'>> {
  return {
    groupKey: (effect) => effect.targetArn,
    send: (effects) =>
      sendInBatches(
        effects,
        SNS_BATCH_LIMITS,
        { bytes: (effect) => utf8Length(effect.payload.text) },
        async (batch) => {
          const fifo = isFifo(batch[0].targetArn);
          const output = await sns.send(
            new PublishBatchCommand({
              TopicArn: batch[0].targetArn,
              // Ids are positions in this request, so a Failed entry maps straight back to its effect.
              PublishBatchRequestEntries: batch.map((effect, index) => {
                const entry = { Id: String(index), Message: effect.payload.text };
                if (!fifo) return entry;
                const { groupId, deduplicationId } = fifoFields(effect);
                return { ...entry, MessageGroupId: groupId, MessageDeduplicationId: deduplicationId };
              }),
            }),
          );
          return batchResultErrors(batch.length, output.Failed, `SNS PublishBatch to ${batch[0].targetArn}`);
        },
        retry,
      ),
  };
}
