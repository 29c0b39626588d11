import { BatchPutAssetPropertyValueCommand, IoTSiteWiseClient } from '@aws-sdk/client-iotsitewise';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import { DynamoFailureNotes } from '../../../lib/adapters/dynamodb/failure-notes';
import { SITEWISE, TEMPERATURE_TOPIC, siteWiseAlarmBody, temperatureNotification } from '../../helpers/sitewise';
import { createTestStack, lambdaContext, queueRecord, type TestStack } from '../stack';
import { AlarmModels } from './alarm-stack';

const siteWise = mockClient(IoTSiteWiseClient);
const SECONDS = Math.floor(Date.now() / 1000);

let stack: TestStack;
let alarms: AlarmModels;
let sent = 0;

/** Delivers a notification as the SiteWise rule puts it on the lifecycle queue (`SELECT *, topic() AS topic`). */
async function deliver(degrees: number, seconds: number, model: string) {
  const body = JSON.stringify({ ...temperatureNotification(degrees, seconds), topic: TEMPERATURE_TOPIC });
  const runtime = alarms.runtime(stack);
  const answer = await createIngestQueue(runtime)({ Records: [queueRecord(stack, 'LifecycleQueue', `sqs-${++sent}`, body)] }, lambdaContext());
  return { answer, runtime, instance: await stack.runtime().alarms.get({ model, keyValue: SITEWISE.assetId }) };
}

describe('SiteWise-backed alarms on the runtime (DynamoDB Local)', () => {
  beforeAll(async () => {
    stack = await createTestStack();
    alarms = new AlarmModels([siteWiseAlarmBody('boilerTemperature'), siteWiseAlarmBody('failingWrite')]);
  });

  beforeEach(() => siteWise.reset());

  it('raises the asset\'s alarm from a notification on the lifecycle queue and writes its AWS/ALARM_STATE through the SiteWise sender', async () => {
    // Arrange
    siteWise.on(BatchPutAssetPropertyValueCommand).resolves({ errorEntries: [] });
    alarms.delete('failingWrite');
    await deliver(20, SECONDS - 10, 'boilerTemperature');

    // Act
    const { answer, runtime, instance } = await deliver(85.5, SECONDS, 'boilerTemperature');
    await stack.dispatch(runtime);

    // Assert
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(instance?.snapshot).toMatchObject({ stateName: 'ACTIVE', keyValue: SITEWISE.assetId, ruleEvaluation: { inputPropertyValue: '85.5', thresholdValue: '70' } });
    const entries = siteWise.commandCalls(BatchPutAssetPropertyValueCommand).flatMap((call) => call.args[0].input.entries ?? []);
    expect(entries).toEqual([
      {
        entryId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        assetId: SITEWISE.assetId,
        propertyId: SITEWISE.alarmState,
        propertyValues: [{
          value: { stringValue: '{"stateName":"ACTIVE","ruleEvaluation":{"simpleRule":{"inputProperty":85.5,"operator":"GREATER","threshold":70}}}' },
          timestamp: { timeInSeconds: SECONDS, offsetInNanos: 0 },
        }],
      },
    ]);
  });

  it('notes a write SiteWise refuses under the alarm instance (failed#alarm:…), never under a detector of the same name', async () => {
    // Arrange
    siteWise.on(BatchPutAssetPropertyValueCommand).callsFake(({ entries }) => ({
      errorEntries: entries.map((entry: { entryId: string }) => ({ entryId: entry.entryId, errors: [{ errorCode: 'ResourceNotFoundException', errorMessage: 'no such property' }] })),
    }));
    alarms.put(siteWiseAlarmBody('failingWrite'));
    await deliver(20, SECONDS - 20, 'failingWrite');

    // Act
    const { runtime } = await deliver(90, SECONDS - 5, 'failingWrite');
    await stack.dispatch(runtime);

    // Assert
    const notes = new DynamoFailureNotes({ client: stack.clients.dynamodb, tableName: stack.config.tracesTable });
    const key = { model: 'failingWrite', keyValue: SITEWISE.assetId };
    expect([...(await notes.ofAlarm(key)).values()]).toEqual([expect.objectContaining({ detector: `alarm:failingWrite|${SITEWISE.assetId}`, action: 'iotSiteWise', eventName: 'ACTIVE', error: expect.stringContaining('ResourceNotFoundException') })]);
    expect((await notes.of(key)).size).toBe(0);
  });
});
