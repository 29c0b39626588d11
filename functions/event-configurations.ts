import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { eventConfigurationsDeps, eventConfigurationsResponse, type CfnResponseBody, type EventConfigurationsDeps } from '../lib/wiring/event-configurations';

export type { EventConfigurationsDeps };

// Kept back from the Lambda timeout to deliver a FAILED response if AWS IoT does not answer.
const RESPONSE_MARGIN_MS = 5_000;

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
export const handler = createHandler(eventConfigurationsDeps);
