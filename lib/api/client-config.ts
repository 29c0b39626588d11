/**
 * Client configuration that points the official AWS SDK v3 clients (`@aws-sdk/client-iot-events`
 * and `@aws-sdk/client-iot-events-data`) at a Vigil deployment.
 *
 * Vigil's API runs behind an API Gateway HTTP API with IAM authorization, which accepts SigV4
 * signatures for the service `execute-api`; the IoT Events clients sign for `iotevents` and
 * `ioteventsdata`. The SDK's SigV4 signer takes the service name from the auth option's
 * `signingProperties.signingName` when one is set (`AwsSdkSigV4Signer`, `@aws-sdk/core`), so an
 * `httpAuthSchemeProvider` that returns SigV4 with `signingName: 'execute-api'` is all it takes;
 * `httpAuthSchemeProvider` is a documented client option, unlike the untyped `signingName`.
 *
 * Nothing here imports the SDK: the types are structural, so one config fits both clients.
 */

/** Where the API is. */
export interface VigilEndpoint {
  /** The HTTP API's URL, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com` or `http://127.0.0.1:3000`. */
  readonly endpoint: string;
  /** The region of the deployment; part of every signature. */
  readonly region: string;
}

/** One auth option, in the shape of `@smithy/types` `HttpAuthOption`. */
export interface VigilAuthOption {
  readonly schemeId: 'aws.auth#sigv4';
  readonly signingProperties: { readonly name: string; readonly signingName: string; readonly region: string; readonly signingRegion: string };
  /** Hands the signer the client config and call context, as the clients' own default providers do. */
  readonly propertiesExtractor: (config: object, context: object) => { signingProperties: { config: object; context: object } };
}

/** The options to spread into `new IoTEventsClient({...})` or `new IoTEventsDataClient({...})`. */
export interface VigilClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly httpAuthSchemeProvider: () => VigilAuthOption[];
}

/** The SigV4 service name API Gateway verifies. */
export const EXECUTE_API = 'execute-api';

/**
 * Config for an AWS SDK v3 IoT Events client that talks to Vigil: the endpoint, the region, and
 * SigV4 signing for `execute-api`. Credentials come from the usual provider chain, or add
 * `credentials` next to it.
 *
 * @example
 * const data = new IoTEventsDataClient({ ...vigilClientConfig({ endpoint, region: 'eu-west-1' }) });
 */
export function vigilClientConfig(options: VigilEndpoint): VigilClientConfig {
  const { endpoint, region } = options;
  if (!/^https?:\/\/[^/]/.test(endpoint)) throw new TypeError(`endpoint must be an http(s) URL, not '${endpoint}'`);
  if (!region) throw new TypeError('region is required: it is part of every SigV4 signature');
  return {
    endpoint,
    region,
    httpAuthSchemeProvider: () => [
      {
        schemeId: 'aws.auth#sigv4',
        // `name` is what the clients' own options carry; `signingName`/`signingRegion` are what the signer reads.
        signingProperties: { name: EXECUTE_API, signingName: EXECUTE_API, region, signingRegion: region },
        propertiesExtractor: (config, context) => ({ signingProperties: { config, context } }),
      },
    ],
  };
}
