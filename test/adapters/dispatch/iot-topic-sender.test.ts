import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import { instantRetry, iotTopicEffect, string } from './effects';

describe('iotTopicPublish actions', () => {
  const iotData = new IoTDataPlaneClient({ region: 'us-east-1' });
  const iotMock = mockClient(iotData);

  beforeEach(() => {
    iotMock.reset();
    iotMock.on(PublishCommand).resolves({});
  });

  it('publishes the payload bytes to the MQTT topic at QoS 1', async () => {
    // Arrange
    const dispatcher = createActionDispatcher({ clients: { iotData }, retry: instantRetry().retry });
    const effect = iotTopicEffect({ mqttTopic: '$aws/things/freezer/shadow/update', payload: string('temperature high') });

    // Act
    const outcomes = await dispatcher.dispatch([effect]);

    // Assert
    expect(outcomes).toEqual([{ effect, ok: true, attempts: 1 }]);
    expect(iotMock).toHaveReceivedCommandWith(PublishCommand, { topic: '$aws/things/freezer/shadow/update', qos: 1 });
    const payload = iotMock.commandCalls(PublishCommand)[0].args[0].input.payload as Uint8Array;
    expect(Buffer.from(payload).toString('utf8')).toBe('temperature high');
  });

  it('fails without sending when no IoT data client is configured', async () => {
    // Arrange
    const dispatcher = createActionDispatcher({ clients: {} });

    // Act
    const [outcome] = await dispatcher.dispatch([iotTopicEffect()]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 0 });
    expect(outcome.ok || outcome.error.message).toBe("iotTopicPublish actions need the 'iotData' client: pass it in createActionDispatcher's clients");
  });
});
