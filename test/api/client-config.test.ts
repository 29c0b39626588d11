import { createHash, createHmac } from 'node:crypto';
import { BatchPutMessageCommand, DescribeDetectorCommand, IoTEventsDataClient } from '@aws-sdk/client-iot-events-data';
import { IoTEventsClient, ListInputsCommand } from '@aws-sdk/client-iot-events';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { vigilClientConfig } from '../../lib/api/client-config';

const ENDPOINT = 'https://abc123.execute-api.eu-west-1.amazonaws.com';
const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** SHA-256 for the signer, from node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: Uint8Array | ArrayBuffer | ArrayBufferView | string) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Uint8Array | ArrayBuffer | ArrayBufferView | string) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

function bytes(data: Uint8Array | ArrayBuffer | ArrayBufferView | string): Uint8Array | string {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Sends one command through a client whose transport captures the signed request instead. */
async function signedRequest(send: (handler: { handle: (request: HttpRequest) => Promise<never> }) => Promise<unknown>): Promise<HttpRequest> {
  let captured: HttpRequest | undefined;
  const handler = {
    handle: async (request: HttpRequest): Promise<never> => {
      captured = request;
      throw new Error('captured');
    },
  };
  await expect(send(handler)).rejects.toThrow('captured');
  return captured as HttpRequest;
}

/** Signs the request again, for execute-api, at the time it says it was signed. */
async function resign(request: HttpRequest): Promise<string> {
  const copy = HttpRequest.clone(request);
  delete copy.headers.authorization;
  const stamp = request.headers['x-amz-date'];
  const date = new Date(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
  const signer = new SignatureV4({ service: 'execute-api', region: REGION, credentials: CREDENTIALS, sha256: Sha256 });
  const signed = await signer.sign(copy, { signingDate: date });
  return signed.headers.authorization;
}

describe('vigilClientConfig', () => {
  it('makes the iotevents-data client sign BatchPutMessage for execute-api, with a signature that verifies', async () => {
    // Act
    const request = await signedRequest((requestHandler) =>
      new IoTEventsDataClient({ ...vigilClientConfig({ endpoint: ENDPOINT, region: REGION }), credentials: CREDENTIALS, requestHandler }).send(
        new BatchPutMessageCommand({ messages: [{ messageId: '00001', inputName: 'PressureInput', payload: Buffer.from('{"motorid": "Fulton-A32"}') }] }),
      ),
    );
    // Assert
    expect(request.hostname).toBe('abc123.execute-api.eu-west-1.amazonaws.com');
    expect(request.path).toBe('/inputs/messages');
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, /);
    expect(await resign(request)).toBe(request.headers.authorization);
  });

  it('signs a GET with a query string (DescribeDetector) so that it verifies too', async () => {
    const request = await signedRequest((requestHandler) =>
      new IoTEventsDataClient({ ...vigilClientConfig({ endpoint: ENDPOINT, region: REGION }), credentials: CREDENTIALS, requestHandler }).send(
        new DescribeDetectorCommand({ detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32:1' }),
      ),
    );
    expect(request.path).toBe('/detectors/motorDetectorModel/keyValues');
    expect(request.query).toEqual({ keyValue: 'Fulton-A32:1' });
    expect(request.headers.authorization).toContain('/eu-west-1/execute-api/aws4_request');
    expect(await resign(request)).toBe(request.headers.authorization);
  });

  it('makes the iotevents (control plane) client sign for execute-api as well', async () => {
    const request = await signedRequest((requestHandler) =>
      new IoTEventsClient({ ...vigilClientConfig({ endpoint: ENDPOINT, region: REGION }), credentials: CREDENTIALS, requestHandler }).send(new ListInputsCommand({ maxResults: 5 })),
    );
    expect(request.path).toBe('/inputs');
    expect(request.headers.authorization).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request/);
    expect(await resign(request)).toBe(request.headers.authorization);
  });

  it('would not verify for the service the client signs for by default', async () => {
    // Without the config, the signature names iotevents: API Gateway's IAM authorization rejects it.
    const request = await signedRequest((requestHandler) =>
      new IoTEventsClient({ endpoint: ENDPOINT, region: REGION, credentials: CREDENTIALS, requestHandler }).send(new ListInputsCommand({})),
    );
    expect(request.headers.authorization).toContain('/eu-west-1/iotevents/aws4_request');
    expect(await resign(request)).not.toBe(request.headers.authorization);
  });

  it('refuses an endpoint that is not a URL, and a missing region', () => {
    expect(() => vigilClientConfig({ endpoint: 'abc123.execute-api.eu-west-1.amazonaws.com', region: REGION })).toThrow(/http\(s\) URL/);
    expect(() => vigilClientConfig({ endpoint: ENDPOINT, region: '' })).toThrow(/region is required/);
  });
});
