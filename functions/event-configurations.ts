import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { IoTClient } from '@aws-sdk/client-iot';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { putCfnResponse, type CfnResponseBody } from '../lib/adapters/cfn-response';
import { eventConfigurationsResponse } from '../lib/adapters/iot/event-configurations-resource';
import { createPhysicalIdLookup, type PhysicalIdLookup } from '../lib/adapters/iot/stack-resource';

/** What the custom resource handler talks to; tests pass fakes. */
export interface EventConfigurationsDeps {
  readonly iot: IoTClient;
  /** Delivers the response to the request's pre-signed `ResponseURL`. */
  readonly send: (responseUrl: string, body: CfnResponseBody) => Promise<void>;
  readonly currentPhysicalResourceId?: PhysicalIdLookup;
}

// Kept back from the Lambda timeout to deliver a FAILED response if AWS IoT does not answer.
const RESPONSE_MARGIN_MS = 5_000;

/** The real clients: short timeouts, so a hung call ends well before the Lambda does. */
export function defaultDeps(): EventConfigurationsDeps {
  const options = { maxAttempts: 4, requestHandler: { requestTimeout: 5_000, connectionTimeout: 3_000 } };
  return {
    iot: new IoTClient(options),
    send: putCfnResponse,
    currentPhysicalResourceId: createPhysicalIdLookup(new CloudFormationClient(options)),
  };
}

/**
 * The CloudFormation custom resource `Custom::VigilEventConfigurations`: turns on the AWS IoT event
 * families listed in `Families` and, on Delete, turns off only those it turned on. Every request
 * gets a response, FAILED with the reason on any error. If delivering it fails the invocation
 * fails, and Lambda's retry repeats the (idempotent) request.
 *
 * @param deps the dependencies, or a function building them on first use.
 */
export function createHandler(deps: EventConfigurationsDeps | (() => EventConfigurationsDeps)) {
  let built: EventConfigurationsDeps | undefined;
  return async (event: CloudFormationCustomResourceEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<CfnResponseBody> => {
    const resolved = (built ??= typeof deps === 'function' ? deps() : deps);
    const remaining = context?.getRemainingTimeInMillis();
    const body = await eventConfigurationsResponse(event, resolved, remaining === undefined ? undefined : Math.max(remaining - RESPONSE_MARGIN_MS, 1_000));
    await resolved.send(event.ResponseURL, body);
    return body;
  };
}

/** The Lambda entry point; clients are built on the first invocation, not at import. */
export const handler = createHandler(defaultDeps);
