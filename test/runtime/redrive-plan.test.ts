import type { DeadLetterRecord } from '../../lib/ports';
import { planRedrive } from '../../lib/runtime/redrive-plan';

const QUEUES = { telemetry: 'vigil-prod-ingest', lifecycle: 'vigil-prod-lifecycle', internal: 'vigil-prod-internal' };
const ARN = (name: string) => `arn:aws:sqs:eu-west-1:123456789012:${name}`;
const CONNECTED = { clientId: 'pump-0042', timestamp: 1763736000123, eventType: 'connected', sessionIdentifier: 's1', principalIdentifier: 'p1', ipAddress: '203.0.113.17', versionNumber: 7 };
/** What Vigil writes with every dead letter. */
const vigil = (attributes: Record<string, string>) => ({ ErrorCode: 'InvalidRequestException', ErrorMessage: 'detector counter|a is stored in a form that cannot be read', ...attributes });

function letter(body: unknown, attributes: Record<string, string> = {}, movedFrom?: string): DeadLetterRecord {
  return { id: 'dlq-1', body: typeof body === 'string' ? body : JSON.stringify(body), attributes, ...(movedFrom ? { movedFrom } : {}) };
}

describe('planRedrive', () => {
  it('replays a narrowed envelope exactly: same id, origin and detectors', () => {
    // Arrange
    const envelope = { vigilEnvelope: 1, inputName: 'AwsIotPresence', messageId: 'presence-1', payload: JSON.stringify(CONNECTED), origin: 'lifecycle', targets: ['deviceConnectivity|pump-0042'] };

    // Act
    const plan = planRedrive(letter(envelope, vigil({ Source: 'internal' })), QUEUES);

    // Assert
    expect(plan).toEqual({ kind: 'replay', envelopes: [envelope], why: 'dead-lettered: detector counter|a is stored in a form that cannot be read', uncertain: false });
  });

  it('reads a raw telemetry dead letter as its queue did, with the original SQS id, so a detector that applied it skips it', () => {
    // Arrange
    const body = { vigilInputName: 'Count', id: 'a', n: 1 };

    // Act
    const plan = planRedrive(letter(body, vigil({ Source: 'telemetry', SourceMessageId: 'sqs-original' })), QUEUES);

    // Assert
    expect(plan).toMatchObject({ kind: 'replay', uncertain: false, envelopes: [{ inputName: 'Count', messageId: 'sqs-original', origin: 'telemetry', payload: '{"id":"a","n":1}' }] });
  });

  it('never launders a forgery: a device’s envelope refused on the telemetry queue stays refused', () => {
    // Arrange: a device's payload shaped like an envelope, dead-lettered from the telemetry queue.
    const forged = { vigilEnvelope: 1, inputName: 'AwsIotPresence', messageId: 'x', payload: '{}', vigilInputName: 'Count' };

    // Act
    const plan = planRedrive(letter(forged, vigil({ Source: 'telemetry' })), QUEUES);

    // Assert: read as the telemetry queue reads it, it is refused again.
    expect(plan).toEqual({ kind: 'keep', why: expect.stringContaining('an ingest envelope is accepted only on the internal queue') });
  });

  it('marks what SQS moved after repeated receives as uncertain, reading it by the queue it came from', () => {
    // Act
    const plan = planRedrive(letter({ ...CONNECTED, topic: '$aws/events/presence/connected/pump-0042' }, {}, ARN('vigil-prod-lifecycle')), QUEUES);

    // Assert
    expect(plan).toMatchObject({ kind: 'replay', uncertain: true, envelopes: [{ inputName: 'AwsIotPresence', origin: 'lifecycle' }], why: expect.stringContaining('moved by SQS from') });
  });

  it('replays every message of a batch SQS moved, each under the id it had, and keeps one with an unreadable element', () => {
    // Arrange: a batch rule's output, moved by SQS from the telemetry queue under its original id.
    const batch = (payload: unknown) => ({ id: 'sqs-5', body: JSON.stringify({ vigilRaw: Buffer.from(JSON.stringify(payload)).toString('base64'), vigilInputName: 'Count', vigilBatchMode: true }), attributes: {}, movedFrom: ARN('vigil-prod-ingest') });

    // Act
    const plan = planRedrive(batch([{ id: 'a' }, { id: 'b' }]), QUEUES);
    const kept = planRedrive(batch([{ id: 'a' }, 'oops']), QUEUES);

    // Assert: replaying the good ones and deleting the letter would lose the bad one.
    expect(plan).toMatchObject({ kind: 'replay', uncertain: true, envelopes: [{ messageId: 'sqs-5_0', payload: '{"id":"a"}' }, { messageId: 'sqs-5_1', payload: '{"id":"b"}' }] });
    expect(kept).toEqual({ kind: 'keep', why: expect.stringContaining('it cannot be replayed: message sqs-5_1: element 1 of the batch must be a JSON object, not a string') });
  });

  it('replays the direct path’s on-failure record with its request id, as uncertain', () => {
    // Arrange: Lambda's record of an asynchronous invocation that failed every retry.
    const record = { version: '1.0', requestContext: { requestId: 'req-7', condition: 'RetriesExhausted', approximateInvokeCount: 3 }, requestPayload: { vigilInputName: 'Count', id: 'a' }, responseContext: {}, responsePayload: {} };

    // Act
    const plan = planRedrive(letter(record), QUEUES);

    // Assert
    expect(plan).toMatchObject({ kind: 'replay', uncertain: true, envelopes: [{ inputName: 'Count', messageId: 'req-7', origin: 'telemetry' }] });
  });

  it('republishes what a topic rule could not deliver, and rebuilds a lifecycle event the rule would have sent', () => {
    // Arrange: AWS IoT's error-action messages.
    const telemetry = { ruleName: 'vigil_prod_motor_pressure', topic: 'vigil/motors/m1/pressure', cloudwatchTraceId: 't-1', base64OriginalPayload: Buffer.from('{"motorid":"m1"}').toString('base64'), failures: [] };
    const lifecycle = { ruleName: 'vigil_prod_lifecycle', topic: '$aws/events/presence/connected/pump-0042', cloudwatchTraceId: 't-2', base64OriginalPayload: Buffer.from(JSON.stringify(CONNECTED)).toString('base64'), failures: [] };

    // Act
    const republish = planRedrive(letter(telemetry), QUEUES);
    const rebuilt = planRedrive(letter(lifecycle), QUEUES);

    // Assert
    expect(republish).toEqual({ kind: 'republish', topic: 'vigil/motors/m1/pressure', payload: Buffer.from('{"motorid":"m1"}'), why: expect.stringContaining('never reached Vigil') });
    expect(rebuilt).toMatchObject({ kind: 'replay', uncertain: false, envelopes: [{ inputName: 'AwsIotPresence', origin: 'lifecycle' }] });
  });

  it('reads a letter of an earlier release, which names no source, as the operator says, and counts it uncertain', () => {
    // Act
    const plan = planRedrive(letter({ vigilInputName: 'Count', id: 'a' }, { ErrorCode: 'InternalFailureException', ErrorMessage: 'failed', SourceMessageId: 'sqs-9' }), QUEUES, { assumeSource: 'telemetry' });

    // Assert
    expect(plan).toMatchObject({ kind: 'replay', uncertain: true, envelopes: [{ messageId: 'sqs-9', origin: 'telemetry' }] });
  });

  it('keeps what cannot be replayed, saying why', () => {
    expect(planRedrive(letter('not json', vigil({ Source: 'telemetry' })), QUEUES)).toEqual({ kind: 'keep', why: expect.stringContaining('cannot be replayed: the message is not valid JSON') });
    expect(planRedrive(letter({ id: 'a' }), QUEUES)).toEqual({ kind: 'keep', why: expect.stringContaining('does not say which source it came from') });
  });
});
