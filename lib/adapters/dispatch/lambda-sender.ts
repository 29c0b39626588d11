import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { RetryOptions } from './retry';
import { payloadBytes, sendOneByOne, type EffectOf, type Sender } from './sender';

/**
 * Performs `lambda` actions: invokes the function asynchronously (`InvocationType: 'Event'`, as
 * IoT Events did) with the payload as the event. Lambda queues the event and answers 202; the
 * function's own errors are Lambda's to retry, not ours.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-iotevents.html
 */
export function createLambdaSender(lambda: LambdaClient, retry: RetryOptions): Sender<EffectOf<'lambda'>> {
  return {
    groupKey: (effect) => effect.functionArn,
    send: (effects) =>
      sendOneByOne(effects, (effect) => lambda.send(new InvokeCommand({ FunctionName: effect.functionArn, InvocationType: 'Event', Payload: payloadBytes(effect.payload.text) })), retry),
  };
}
