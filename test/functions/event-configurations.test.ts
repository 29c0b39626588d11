import { DescribeEventConfigurationsCommand, IoTClient, UpdateEventConfigurationsCommand } from '@aws-sdk/client-iot';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, handler, type EventConfigurationsDeps } from '../../functions/event-configurations';
import { CfnResponseError, putCfnResponse } from '../../lib/adapters/cfn-response';

interface Received { method: string; url: string; headers: IncomingHttpHeaders; body: unknown }

const iotMock = mockClient(IoTClient);
const STACK = 'arn:aws:cloudformation:eu-west-1:111122223333:stack/vigil-dev/1a2b3c4d';
let server: Server;
let received: Received[];
let status: number;
let baseUrl: string;

beforeAll(async () => {
  // Stands in for the pre-signed S3 ResponseURL.
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: JSON.parse(text) });
      response.statusCode = status;
      response.end(status === 200 ? '' : '<Error><Code>SignatureDoesNotMatch</Code></Error>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  status = 200;
  iotMock.reset();
  iotMock.on(UpdateEventConfigurationsCommand).resolves({});
});

function on(...keys: string[]): void {
  iotMock.on(DescribeEventConfigurationsCommand).resolves({ eventConfigurations: Object.fromEntries(['THING', 'JOB', 'THING_GROUP'].map((k) => [k, { Enabled: keys.includes(k) }])) });
}

function request(type: 'Create' | 'Update' | 'Delete', families: unknown, physicalResourceId?: string): CloudFormationCustomResourceEvent {
  const common = {
    ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:vigil-dev-eventConfigurations',
    ResponseURL: `${baseUrl}/cfn-response?X-Amz-Signature=abc`,
    StackId: STACK,
    RequestId: 'b4f3c0de-0000-4000-8000-000000000001',
    LogicalResourceId: 'IotEventConfigurations',
    ResourceType: 'Custom::VigilEventConfigurations',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:vigil-dev-eventConfigurations', Families: families },
  };
  if (type === 'Create') return { ...common, RequestType: 'Create' };
  if (type === 'Update') return { ...common, RequestType: 'Update', PhysicalResourceId: physicalResourceId ?? '', OldResourceProperties: { ServiceToken: common.ServiceToken } };
  return { ...common, RequestType: 'Delete', PhysicalResourceId: physicalResourceId ?? '' };
}

const deps = (extra: Partial<EventConfigurationsDeps> = {}): EventConfigurationsDeps => ({ iot: new IoTClient({ region: 'eu-west-1' }), send: putCfnResponse, ...extra });
const ids = { StackId: STACK, RequestId: 'b4f3c0de-0000-4000-8000-000000000001', LogicalResourceId: 'IotEventConfigurations' };

describe('event-configurations custom resource handler', () => {
  it('on Create turns on what is off and PUTs SUCCESS with the owned families to the ResponseURL', async () => {
    // Arrange
    on('THING');
    // Act
    await createHandler(deps())(request('Create', ['THING', 'JOB']));
    // Assert
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'PUT', url: '/cfn-response?X-Amz-Signature=abc' });
    expect(received[0].headers['content-type']).toBe('');
    expect(received[0].body).toEqual({
      Status: 'SUCCESS', Reason: 'turned on: JOB; turned off: none; owned by this resource: JOB',
      PhysicalResourceId: 'vigil-event-configurations:JOB', ...ids, Data: { EnabledByUs: 'JOB' },
    });
  });

  it('on Update keeps the physical id when ownership does not change, so CloudFormation sees no replacement', async () => {
    on('THING', 'JOB');
    await createHandler(deps())(request('Update', 'THING,JOB', 'vigil-event-configurations:JOB'));
    expect(received[0].body).toEqual({
      Status: 'SUCCESS', Reason: 'turned on: none; turned off: none; owned by this resource: JOB',
      PhysicalResourceId: 'vigil-event-configurations:JOB', ...ids, Data: { EnabledByUs: 'JOB' },
    });
  });

  it('on Update turns off what it owned and no longer needs, and records the new set in the id', async () => {
    on('THING', 'JOB');
    await createHandler(deps())(request('Update', ['THING', 'THING_GROUP'], 'vigil-event-configurations:THING,JOB'));
    expect(iotMock).toHaveReceivedCommandWith(UpdateEventConfigurationsCommand, { eventConfigurations: { THING_GROUP: { Enabled: true }, JOB: { Enabled: false } } });
    expect(received[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'vigil-event-configurations:THING,THING_GROUP', Data: { EnabledByUs: 'THING,THING_GROUP' } });
  });

  it('on Delete of the current resource turns off only the families its id records', async () => {
    on('THING', 'JOB', 'THING_GROUP');
    const lookup = jest.fn().mockResolvedValue('vigil-event-configurations:THING,JOB');
    await createHandler(deps({ currentPhysicalResourceId: lookup }))(request('Delete', ['THING', 'JOB'], 'vigil-event-configurations:THING,JOB'));
    expect(lookup).toHaveBeenCalledWith(STACK, 'IotEventConfigurations');
    expect(iotMock).toHaveReceivedCommandWith(UpdateEventConfigurationsCommand, { eventConfigurations: { THING: { Enabled: false }, JOB: { Enabled: false } } });
    expect(received[0].body).toEqual({
      Status: 'SUCCESS', Reason: 'turned on: none; turned off: THING, JOB; owned by this resource: none',
      PhysicalResourceId: 'vigil-event-configurations:THING,JOB', ...ids, Data: { EnabledByUs: '' },
    });
  });

  it('on the cleanup Delete of a replaced id leaves every family on', async () => {
    on('THING', 'JOB');
    const lookup = jest.fn().mockResolvedValue('vigil-event-configurations:THING,JOB');
    await createHandler(deps({ currentPhysicalResourceId: lookup }))(request('Delete', ['THING'], 'vigil-event-configurations:THING'));
    expect(iotMock.calls()).toHaveLength(0);
    expect(received[0].body).toEqual({
      Status: 'SUCCESS', Reason: 'superseded by vigil-event-configurations:THING,JOB; its families stay on',
      PhysicalResourceId: 'vigil-event-configurations:THING', ...ids, Data: { EnabledByUs: '' },
    });
  });

  it('on Delete leaves families on when it cannot tell whether the id is current', async () => {
    on('THING');
    const lookup = jest.fn().mockRejectedValue(new Error('AccessDenied: cloudformation:DescribeStackResource'));
    await createHandler(deps({ currentPhysicalResourceId: lookup }))(request('Delete', ['THING'], 'vigil-event-configurations:THING'));
    expect(iotMock).not.toHaveReceivedCommand(UpdateEventConfigurationsCommand);
    expect(received[0].body).toMatchObject({ Status: 'SUCCESS', Reason: expect.stringContaining('left event configurations unchanged: could not read the current physical id') });
  });

  it('answers FAILED with the reason for an unknown family, without touching AWS IoT', async () => {
    await createHandler(deps())(request('Create', ['THING', 'PRESENCE']));
    expect(iotMock.calls()).toHaveLength(0);
    expect(received[0].body).toEqual({
      Status: 'FAILED',
      Reason: 'unknown event configuration key "PRESENCE"; valid keys (case-sensitive): THING, THING_GROUP, THING_TYPE, THING_GROUP_MEMBERSHIP, ' +
        'THING_GROUP_HIERARCHY, THING_TYPE_ASSOCIATION, JOB, JOB_EXECUTION, POLICY, CERTIFICATE, CA_CERTIFICATE',
      PhysicalResourceId: 'vigil-event-configurations:', ...ids,
    });
  });

  it('answers FAILED for a Families property of the wrong shape', async () => {
    await createHandler(deps())(request('Create', { THING: true }));
    expect(received[0].body).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('Families must be a list of event configuration keys') });
  });

  it('answers FAILED, keeping the known physical id, when AWS IoT fails an Update', async () => {
    iotMock.on(DescribeEventConfigurationsCommand).rejects(new Error('Rate exceeded'));
    await createHandler(deps())(request('Update', ['THING'], 'vigil-event-configurations:THING'));
    expect(received[0].body).toEqual({ Status: 'FAILED', Reason: 'Rate exceeded', PhysicalResourceId: 'vigil-event-configurations:THING', ...ids });
  });

  it('answers FAILED before the Lambda times out when AWS IoT does not answer', async () => {
    iotMock.on(DescribeEventConfigurationsCommand).callsFake(() => new Promise(() => undefined));
    await createHandler(deps())(request('Create', ['THING']), { getRemainingTimeInMillis: () => 6_000 });
    expect(received[0].body).toEqual({
      Status: 'FAILED', Reason: 'no answer from AWS within 1000 ms; a change may still have been applied', PhysicalResourceId: 'vigil-event-configurations:', ...ids,
    });
  });

  it('fails the invocation, so Lambda retries, when the ResponseURL refuses the response', async () => {
    on();
    status = 403;
    await expect(createHandler(deps())(request('Create', ['THING']))).rejects.toThrow(CfnResponseError);
    await expect(createHandler(deps())(request('Create', ['THING']))).rejects.toThrow('the CloudFormation response URL answered HTTP 403: <Error><Code>SignatureDoesNotMatch');
  });

  it('builds its dependencies only once, on first use', async () => {
    on();
    const factory = jest.fn(() => deps());
    const lazy = createHandler(factory);
    expect(factory).not.toHaveBeenCalled();
    await lazy(request('Create', []));
    await lazy(request('Create', []));
    expect(factory).toHaveBeenCalledTimes(1);
    expect(typeof handler).toBe('function');
  });
});
