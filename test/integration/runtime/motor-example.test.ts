import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHandler } from '../../../functions/data-api';
import { parseTypedJson, stringifyTypedJson } from '../../../lib/expression';
import type { CreateInputRequest } from '../../../lib/model';
import { apiEvent, batch } from '../api-event';
import { createTestStack, lambdaContext, motorModel, type TestStack } from '../stack';

const EXAMPLES = path.resolve(__dirname, '../../fixtures/aws-examples');
const documented = JSON.parse(readFileSync(path.join(EXAMPLES, 'motorDetectorModel.expected-sns-payloads.json'), 'utf8')) as unknown[];
const inputs = JSON.parse(readFileSync(path.join(EXAMPLES, 'motorDetectorModel.inputs.json'), 'utf8')) as CreateInputRequest[];

/** A payload with the two fields that differ between runs blanked, in typed JSON. */
function comparable(text: string): string {
  const parsed = parseTypedJson(text) as { eventTime: unknown; payload: { actionExecutionId: unknown } };
  parsed.eventTime = 0n;
  parsed.payload.actionExecutionId = '';
  return stringifyTypedJson(parsed);
}

describe('the AWS motor example through POST /inputs/messages', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([motorModel(stack.provisioned.topics.AlertsTopic.arn)], inputs);
  });

  it('delivers the documented SNS payloads to a queue subscribed to the alerts topic', async () => {
    // Arrange
    const runtime = stack.runtime();
    const handler = createHandler(runtime);
    const send = async (messageId: string, pressure: number) => {
      const body = batch({ messageId, inputName: 'PressureInput', payload: `{"motorid": "Fulton-A32", "sensorData": {"pressure": ${pressure}, "temperature": 39} }` });
      return handler(apiEvent('POST', '/inputs/messages', body), lambdaContext());
    };
    // Act: one high reading, then three normal ones (the docs' 00001–00004).
    const responses = [await send('00001', 80), await send('00002', 60), await send('00003', 60), await send('00004', 60)];
    const dispatched = await stack.dispatch(runtime);
    const received = await stack.receive('AlertsInboxQueue', 2);
    // Assert
    for (const response of responses) expect(response).toMatchObject({ statusCode: 200, body: '{"BatchPutMessageErrorEntries":[]}' });
    expect(dispatched).toBe(4);
    const payloads = received.map((body) => JSON.parse(body).Message as string);
    expect(payloads.map(comparable)).toEqual(documented.map((payload) => comparable(JSON.stringify(payload))));
  });
});
