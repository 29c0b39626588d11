import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { runScheduler, type SchedulerOptions } from '../../../lib/runtime/scheduler';
import type { Runtime } from '../../../lib/wiring';
import { envelopeBody, lambdaContext } from '../stack';

/** The models, inputs and helpers the timer tests on DynamoDB Local share. */

const EXAMPLES = path.resolve(__dirname, '../../fixtures/aws-examples');
export const INPUT = 'AWS_IoTEvents_Blueprints_Heartbeat_Input';

/** AWS's heartbeat blueprint: Normal while beats arrive, Offline 300 s after the last one. */
export const heartbeat: CreateDetectorModelRequest = {
  ...(JSON.parse(readFileSync(path.join(EXAMPLES, 'deviceHeartbeatBlueprint.json'), 'utf8')) as CreateDetectorModelRequest),
  detectorModelName: 'heartbeat',
  key: 'deviceId',
};
/** Counts the timer cycles of a one-shot timer, to see that it fires exactly once. */
export const oneShot: CreateDetectorModelRequest = {
  detectorModelName: 'oneShot',
  key: 'id',
  detectorModelDefinition: {
    initialStateName: 'Armed',
    states: [
      {
        stateName: 'Armed',
        onEnter: { events: [{ eventName: 'arm', actions: [{ setVariable: { variableName: 'fired', value: '0' } }, { setTimer: { timerName: 't', durationExpression: '$input.Arm.seconds' } }] }] },
        onInput: {
          events: [
            { eventName: 'reset', condition: 'currentInput("Arm") && $input.Arm.command == "reset"', actions: [{ resetTimer: { timerName: 't' } }] },
            { eventName: 'clear', condition: 'currentInput("Arm") && $input.Arm.command == "clear"', actions: [{ clearTimer: { timerName: 't' } }] },
          ],
          // To another state: a self-transition would re-run onEnter, which resets the count.
          transitionEvents: [{ eventName: 'fire', condition: 'timeout("t")', actions: [{ setVariable: { variableName: 'fired', value: '$variable.fired + 1' } }], nextState: 'Fired' }],
        },
      },
      { stateName: 'Fired', onInput: { events: [{ eventName: 'late', condition: 'timeout("t")', actions: [{ setVariable: { variableName: 'fired', value: '$variable.fired + 1' } }] }] } },
    ],
  },
};
export const inputs: CreateInputRequest[] = [
  { inputName: INPUT, inputDefinition: { attributes: [{ jsonPath: 'deviceId' }, { jsonPath: 'value' }] } },
  { inputName: 'Arm', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'seconds' }, { jsonPath: 'command' }] } },
];

/** Delivers messages through the ingest queue's handler, as SQS would. */
export function send(runtime: Runtime, messages: { id: string; input: string; payload: object }[]) {
  // Vigil's envelopes travel on the internal queue; the record names it as Lambda would.
  const internal = `arn:aws:sqs:us-east-1:000000000000:${(runtime.config.internalQueue as string).split('/').pop()}`;
  const event = {
    Records: messages.map(({ id, input, payload }) => ({ messageId: id, body: envelopeBody(input, id, JSON.stringify(payload)), eventSourceARN: internal, attributes: { ApproximateReceiveCount: '1' } })),
  } as unknown as SQSEvent;
  return createIngestQueue(runtime)(event, lambdaContext());
}

/** One scheduler run until `until`, reading back a week after an outage, as deployed (unless overridden). */
export function schedule(runtime: Runtime, until: number, overrides: Partial<SchedulerOptions> = {}) {
  return runScheduler({ ...runtime, state: runtime.schedulerState }, runtime.settings, { until, pollMs: 1000, lookaheadMs: 2000, firstLookbackMs: 3_600_000, maxLookbackMs: 7 * 86_400_000, concurrency: 8, ...overrides });
}

/** A detector's snapshot as stored. */
export async function state(runtime: Runtime, model: string, key: string) {
  return (await runtime.detectors.get({ model, keyValue: key }))?.snapshot;
}

