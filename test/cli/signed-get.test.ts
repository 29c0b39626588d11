import { Sha256 } from '@aws-crypto/sha256-js';
import { IoTEventsClient } from '@aws-sdk/client-iot-events';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { IoTEventsDataClient } from '@aws-sdk/client-iot-events-data';
import { apiClients } from '../../cli/api-client';
import { vigilClientConfig } from '../../lib/api/client-config';
import { signedGet } from '../../cli/signed-get';

describe('signedGet', () => {
  it('signs a request to a deployment with SigV4 for execute-api, with the clients’ credentials and region', async () => {
    // Arrange
    const config = { ...vigilClientConfig({ endpoint: 'https://abc123.execute-api.eu-west-1.amazonaws.com', region: 'eu-west-1' }), credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } };
    const clients = { endpoint: config.endpoint, control: new IoTEventsClient(config), data: new IoTEventsDataClient(config) };
    const sent: { url: string; headers: Record<string, string> }[] = [];
    const fetcher = (async (url: URL, init?: RequestInit) => {
      sent.push({ url: String(url), headers: (init?.headers ?? {}) as Record<string, string> });
      return new Response('{"traces": []}', { status: 200 });
    }) as typeof fetch;

    // Act
    await signedGet(clients, 'detectors/motorDetectorModel/traces', { keyValue: 'Fulton-A32' }, fetcher);

    // Assert
    expect(sent[0].url).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com/detectors/motorDetectorModel/traces?keyValue=Fulton-A32');
    expect(sent[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, /);
    // The signature verifies: the reference signer computes the same one for the same request and time.
    const date = sent[0].headers['x-amz-date'];
    const signingDate = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 11)}:${date.slice(11, 13)}:${date.slice(13)}`);
    const reference = new SignatureV4({ service: 'execute-api', region: 'eu-west-1', credentials: config.credentials, sha256: Sha256 });
    const expected = await reference.sign(
      new HttpRequest({ method: 'GET', protocol: 'https:', hostname: 'abc123.execute-api.eu-west-1.amazonaws.com', path: '/detectors/motorDetectorModel/traces', query: { keyValue: 'Fulton-A32' }, headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com' } }),
      { signingDate },
    );
    expect(sent[0].headers.authorization).toBe(expected.headers.authorization);
    clients.control.destroy();
    clients.data.destroy();
  });

  it('signs a request to the local stack with the local key pair', async () => {
    // Arrange
    const clients = await apiClients({ endpoint: 'http://127.0.0.1:3000' }, { VIGIL_LOCAL_ACCESS_KEY_ID: 'AKIDLOCAL', VIGIL_LOCAL_SECRET_ACCESS_KEY: 'local-secret' });
    const sent: Record<string, string>[] = [];
    const fetcher = (async (_url: URL, init?: RequestInit) => {
      sent.push((init?.headers ?? {}) as Record<string, string>);
      return new Response('{}');
    }) as typeof fetch;

    // Act
    await signedGet(clients, 'detectors/m/traces', {}, fetcher);

    // Assert
    expect(sent[0].authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDLOCAL\/\d{8}\/us-east-1\/execute-api\/aws4_request, /);
    clients.control.destroy();
    clients.data.destroy();
  });
});
