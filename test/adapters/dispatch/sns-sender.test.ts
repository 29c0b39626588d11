import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import { TOPIC, instantRetry, json, snsEffect } from './effects';

const OTHER_TOPIC = 'arn:aws:sns:us-east-1:123456789012:maintenance';

describe('sns actions', () => {
  const sns = new SNSClient({ region: 'us-east-1' });
  const snsMock = mockClient(sns);
  let sleeps: number[];
  let dispatcher: ReturnType<typeof createActionDispatcher>;

  beforeEach(() => {
    snsMock.reset();
    snsMock.on(PublishBatchCommand).resolves({ Failed: [] });
    const instant = instantRetry();
    sleeps = instant.sleeps;
    dispatcher = createActionDispatcher({ clients: { sns }, retry: instant.retry });
  });

  it('publishes the payload text as is to the target topic', async () => {
    // Arrange
    const effect = snsEffect({ payload: json('{"eventTime":1,"payload":{"v":20.0}}') });

    // Act
    const outcomes = await dispatcher.dispatch([effect]);

    // Assert
    expect(outcomes).toEqual([{ effect, ok: true, attempts: 1 }]);
    expect(snsMock).toHaveReceivedCommandWith(PublishBatchCommand, {
      TopicArn: TOPIC,
      PublishBatchRequestEntries: [{ Id: '0', Message: '{"eventTime":1,"payload":{"v":20.0}}' }],
    });
  });

  it('groups the messages of a FIFO topic per detector and deduplicates them by actionExecutionId', async () => {
    // Arrange
    const effect = snsEffect({ targetArn: `${TOPIC}.fifo` });

    // Act
    await dispatcher.dispatch([effect]);

    // Assert
    expect(snsMock).toHaveReceivedCommandWith(PublishBatchCommand, {
      TopicArn: `${TOPIC}.fifo`,
      PublishBatchRequestEntries: [{ Id: '0', Message: effect.payload.text, MessageGroupId: 'motorDetectorModel|Fulton-A32', MessageDeduplicationId: effect.actionExecutionId }],
    });
  });

  it('sends 23 actions for one topic in 3 PublishBatch calls of at most 10', async () => {
    // Arrange
    const effects = Array.from({ length: 23 }, (_, i) => snsEffect({ payload: json(`{"n": ${i}}`) }));

    // Act
    const outcomes = await dispatcher.dispatch(effects);

    // Assert
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const calls = snsMock.commandCalls(PublishBatchCommand).map((call) => call.args[0].input.PublishBatchRequestEntries ?? []);
    expect(calls.map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(calls.flat().map((entry) => entry.Message)).toEqual(effects.map((effect) => effect.payload.text));
  });

  it('sends separate batches to separate topics', async () => {
    // Arrange
    const effects = [snsEffect(), snsEffect({ targetArn: OTHER_TOPIC }), snsEffect()];

    // Act
    await dispatcher.dispatch(effects);

    // Assert
    expect(snsMock).toHaveReceivedCommandTimes(PublishBatchCommand, 2);
    expect(snsMock).toHaveReceivedCommandWith(PublishBatchCommand, { TopicArn: TOPIC, PublishBatchRequestEntries: [expect.objectContaining({ Id: '0' }), expect.objectContaining({ Id: '1' })] });
    expect(snsMock).toHaveReceivedCommandWith(PublishBatchCommand, { TopicArn: OTHER_TOPIC, PublishBatchRequestEntries: [expect.objectContaining({ Id: '0' })] });
  });

  it('starts a new batch when the next message would pass 256 KiB', async () => {
    // Arrange
    const big = `"${'x'.repeat(100 * 1024)}"`;
    const effects = [snsEffect({ payload: json(big) }), snsEffect({ payload: json(big) }), snsEffect({ payload: json(big) })];

    // Act
    await dispatcher.dispatch(effects);

    // Assert
    const sizes = snsMock.commandCalls(PublishBatchCommand).map((call) => call.args[0].input.PublishBatchRequestEntries?.length);
    expect(sizes).toEqual([2, 1]);
  });

  it('publishes again only the entries SNS failed transiently', async () => {
    // Arrange
    const effects = [snsEffect(), snsEffect(), snsEffect()];
    snsMock
      .on(PublishBatchCommand)
      .resolvesOnce({ Failed: [{ Id: '1', Code: 'InternalError', Message: 'try again', SenderFault: false }] })
      .resolves({ Failed: [] });

    // Act
    const outcomes = await dispatcher.dispatch(effects);

    // Assert
    expect(outcomes.map((outcome) => outcome.attempts)).toEqual([1, 2, 1]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(snsMock).toHaveReceivedNthSpecificCommandWith(2, PublishBatchCommand, { PublishBatchRequestEntries: [{ Id: '0', Message: effects[1].payload.text }] });
    expect(sleeps).toEqual([50]);
  });

  it('fails an entry at once when SNS reports a sender fault', async () => {
    // Arrange
    snsMock.on(PublishBatchCommand).resolves({ Failed: [{ Id: '0', Code: 'InvalidParameter', Message: 'Invalid parameter: Message', SenderFault: true }] });

    // Act
    const [outcome] = await dispatcher.dispatch([snsEffect()]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 1, error: { name: 'ActionDeliveryError', code: 'InvalidParameter' } });
    expect(outcome.ok || outcome.error.message).toContain('InvalidParameter: Invalid parameter: Message');
    expect(sleeps).toEqual([]);
  });
});
