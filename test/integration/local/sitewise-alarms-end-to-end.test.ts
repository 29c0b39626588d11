import { BatchPutAssetPropertyValueCommand, IoTSiteWiseClient } from '@aws-sdk/client-iotsitewise';
import { mockClient } from 'aws-sdk-client-mock';
import mqtt, { type MqttClient } from 'mqtt';
import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import { SITEWISE, TEMPERATURE_TOPIC, siteWiseAlarmBody, temperatureNotification } from '../../helpers/sitewise';
import { AlarmModels } from '../alarms/alarm-stack';
import { createTestStack, lambdaContext, queueRecord, type TestStack } from '../stack';
import { startBrokerHarness, type BrokerHarness } from './broker-harness';

const siteWise = mockClient(IoTSiteWiseClient);
const SECONDS = Math.floor(Date.now() / 1000);

/**
 * The SiteWise path from the broker on: a notification published on its `$aws/sitewise/…` topic
 * goes through the local rules engine running serverless.yml's SiteWise rule into the stack's
 * lifecycle queue, the ingest function raises the asset's alarm, and the dispatch function's
 * SiteWise sender writes the alarm state — all real up to the SDK call, which is mocked (there is
 * no SiteWise locally).
 */
describe('a SiteWise-backed alarm driven through the local broker', () => {
  let stack: TestStack;
  let broker: BrokerHarness;
  let publisher: MqttClient;
  let alarms: AlarmModels;

  /** Publishes as SiteWise would (QoS 1: acknowledged once the rule delivered it), then ingests what reached the lifecycle queue. */
  const publishAndIngest = async (degrees: number, seconds: number) => {
    await publisher.publishAsync(TEMPERATURE_TOPIC, JSON.stringify(temperatureNotification(degrees, seconds)), { qos: 1 });
    const bodies = await stack.receive('LifecycleQueue', 1);
    const runtime = alarms.runtime(stack);
    const answer = await createIngestQueue(runtime)({ Records: bodies.map((body, i) => queueRecord(stack, 'LifecycleQueue', `sqs-${seconds}-${i}`, body)) }, lambdaContext());
    return { bodies, answer, runtime };
  };

  beforeAll(async () => {
    stack = await createTestStack();
    alarms = new AlarmModels([siteWiseAlarmBody()]);
    // The harness's queues are `<prefix>-<name>`: the stack's lifecycle queue is `<prefix>-lifecycle`.
    const queueName = stack.provisioned.queues.LifecycleQueue.url.split('/').pop() as string;
    broker = await startBrokerHarness(queueName.slice(0, -'-lifecycle'.length));
    publisher = await mqtt.connectAsync(broker.endpoint, { clientId: 'sitewise-stand-in', reconnectPeriod: 0 });
  }, 60_000);

  afterAll(async () => {
    await publisher?.endAsync();
    await broker?.stop();
  });

  it('raises the alarm on a breach and writes its AWS/ALARM_STATE to the asset through the SiteWise sender', async () => {
    // Arrange
    siteWise.on(BatchPutAssetPropertyValueCommand).resolves({ errorEntries: [] });
    await publishAndIngest(21.5, SECONDS - 30);

    // Act
    const { bodies, answer, runtime } = await publishAndIngest(88, SECONDS);
    await stack.dispatch(runtime);

    // Assert
    expect(JSON.parse(bodies[0])).toMatchObject({ type: 'PropertyValueUpdate', topic: TEMPERATURE_TOPIC });
    expect(answer).toEqual({ batchItemFailures: [] });
    expect((await stack.runtime().alarms.get({ model: 'boilerTemperature', keyValue: SITEWISE.assetId }))?.snapshot.stateName).toBe('ACTIVE');
    const entries = siteWise.commandCalls(BatchPutAssetPropertyValueCommand).flatMap((call) => call.args[0].input.entries ?? []);
    expect(entries).toEqual([
      expect.objectContaining({
        assetId: SITEWISE.assetId,
        propertyId: SITEWISE.alarmState,
        propertyValues: [{ value: { stringValue: '{"stateName":"ACTIVE","ruleEvaluation":{"simpleRule":{"inputProperty":88.0,"operator":"GREATER","threshold":70}}}' }, timestamp: { timeInSeconds: SECONDS, offsetInNanos: 0 } }],
      }),
    ]);
  });
});
