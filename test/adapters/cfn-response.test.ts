import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CfnResponseError, cfnResponse, putCfnResponse, shortReason, type CfnResponseBody } from '../../lib/adapters/cfn-response';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const BODY: CfnResponseBody = {
  Status: 'SUCCESS',
  Reason: 'model files loaded',
  PhysicalResourceId: 'vigil-model-files',
  StackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/vigil-dev/1a2b3c4d',
  RequestId: 'req-1',
  LogicalResourceId: 'ModelFiles',
  Data: { Created: '2' },
};

describe('putCfnResponse', () => {
  let server: Server;
  let received: Received[];
  let answer: { status: number; body: string };
  let baseUrl: string;

  beforeAll(async () => {
    // Stands in for the pre-signed S3 ResponseURL.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        response.statusCode = answer.status;
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received = [];
    answer = { status: 200, body: '' };
  });

  it('PUTs the response as JSON to the pre-signed URL, with the empty Content-Type it was signed for', async () => {
    // Act
    await putCfnResponse(`${baseUrl}/bucket/key?X-Amz-Signature=abc`, BODY);

    // Assert
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'PUT', url: '/bucket/key?X-Amz-Signature=abc' });
    expect(received[0].headers['content-type']).toBe('');
    expect(received[0].headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(BODY))));
    expect(JSON.parse(received[0].body)).toEqual(BODY);
  });

  it('fails with CfnResponseError, carrying the status and the start of the answer, when the URL refuses', async () => {
    // Arrange
    answer = { status: 403, body: `<Error><Code>SignatureDoesNotMatch</Code>${'x'.repeat(500)}</Error>` };

    // Act
    const error = await putCfnResponse(`${baseUrl}/expired`, BODY).catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toBeInstanceOf(CfnResponseError);
    expect(error).toMatchObject({ name: 'CfnResponseError', status: 403 });
    expect((error as Error).message).toBe(`the CloudFormation response URL answered HTTP 403: ${answer.body.slice(0, 200)}`);
  });

  it('passes on a network failure as fetch raises it', async () => {
    // Act & Assert
    await expect(putCfnResponse('http://127.0.0.1:1/unreachable', BODY)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });
});

describe('shortReason', () => {
  it('keeps a reason of up to 1,024 characters as it is', () => {
    expect(shortReason('r'.repeat(1024))).toBe('r'.repeat(1024));
  });

  it('cuts a longer reason to 1,024 characters, ending in an ellipsis', () => {
    // Act
    const reason = shortReason('r'.repeat(5000));

    // Assert
    expect(reason).toHaveLength(1024);
    expect(reason.endsWith('r…')).toBe(true);
  });
});

describe('cfnResponse', () => {
  const request = { StackId: BODY.StackId, RequestId: BODY.RequestId, LogicalResourceId: BODY.LogicalResourceId, ResponseURL: 'https://example.com/r' };

  it('echoes the request’s ids, with the status, physical id, reason and data', () => {
    expect(cfnResponse(request, 'SUCCESS', 'vigil-model-files', 'model files loaded', { Created: '2' })).toStrictEqual(BODY);
  });

  it('leaves out Data when there is none, and cuts a long reason', () => {
    // Act
    const body = cfnResponse(request, 'FAILED', 'id-1', 'x'.repeat(2000));

    // Assert
    expect(body).not.toHaveProperty('Data');
    expect(body.Reason).toBe(shortReason('x'.repeat(2000)));
  });
});
