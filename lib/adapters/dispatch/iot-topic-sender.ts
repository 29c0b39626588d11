import { PublishCommand, type IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import type { RetryOptions } from './retry';
import { payloadBytes, sendOneByOne, type EffectOf, type Sender } from './sender';

/**
 * Performs `iotTopicPublish` actions: publishes the payload to the MQTT topic through the AWS IoT
 * message broker, at QoS 1 (IoT Events' delivery guarantee to subscribers).
 * https://docs.aws.amazon.com/iot/latest/apireference/API_iotdata_Publish.html
 */
export function createIotTopicSender(iotData: IoTDataPlaneClient, retry: RetryOptions): Sender<EffectOf<'iotTopicPublish'>> {
  return {
    groupKey: (effect) => effect.mqttTopic,
    send: (effects) => sendOneByOne(effects, (effect) => iotData.send(new PublishCommand({ topic: effect.mqttTopic, qos: 1, payload: payloadBytes(effect.payload.text) })), retry),
  };
}
