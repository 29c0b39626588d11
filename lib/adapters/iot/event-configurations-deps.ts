import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { IoTClient } from '@aws-sdk/client-iot';
import { putCfnResponse, type CfnResponseBody } from '../cfn-response';
import { createPhysicalIdLookup, type PhysicalIdLookup } from './stack-resource';

/** What the `Custom::VigilEventConfigurations` handler talks to; tests pass fakes. */
export interface EventConfigurationsDeps {
  readonly iot: IoTClient;
  /** Delivers the response to the request's pre-signed `ResponseURL`. */
  readonly send: (responseUrl: string, body: CfnResponseBody) => Promise<void>;
  readonly currentPhysicalResourceId?: PhysicalIdLookup;
}

/** The real clients: short timeouts, so a hung call ends well before the Lambda does. */
export function eventConfigurationsDeps(): EventConfigurationsDeps {
  const options = { maxAttempts: 4, requestHandler: { requestTimeout: 5_000, connectionTimeout: 3_000 } };
  return {
    iot: new IoTClient(options),
    send: putCfnResponse,
    currentPhysicalResourceId: createPhysicalIdLookup(new CloudFormationClient(options)),
  };
}
