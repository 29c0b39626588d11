import { DescribeEventConfigurationsCommand, IoTClient, UpdateEventConfigurationsCommand } from '@aws-sdk/client-iot';
import { mockClient } from 'aws-sdk-client-mock';
import { UnknownEventConfigurationError, reconcileEventConfigurations } from '../../../lib/adapters/iot/event-configurations';

const iotMock = mockClient(IoTClient);
const iot = new IoTClient({ region: 'eu-west-1' });

/** Makes DescribeEventConfigurations report these families on (and every other documented one off). */
function currentlyOn(...keys: string[]): void {
  const all = ['THING', 'THING_GROUP', 'THING_TYPE', 'THING_GROUP_MEMBERSHIP', 'THING_GROUP_HIERARCHY', 'THING_TYPE_ASSOCIATION', 'JOB', 'JOB_EXECUTION', 'POLICY', 'CERTIFICATE', 'CA_CERTIFICATE'];
  iotMock.on(DescribeEventConfigurationsCommand).resolves({ eventConfigurations: Object.fromEntries(all.map((key) => [key, { Enabled: keys.includes(key) }])) });
}

beforeEach(() => {
  iotMock.reset();
  iotMock.on(UpdateEventConfigurationsCommand).resolves({});
});

describe('reconcileEventConfigurations', () => {
  it('turns on requested families that are off and records only those as ours', async () => {
    // Arrange
    currentlyOn('THING');
    // Act
    const result = await reconcileEventConfigurations({ iot, requested: ['JOB', 'THING'], previouslyEnabledByUs: [], request: 'Create' });
    // Assert
    expect(result).toEqual({ enabledByUs: ['JOB'], enabled: ['JOB'], disabled: [] });
    expect(iotMock).toHaveReceivedCommandTimes(UpdateEventConfigurationsCommand, 1);
    expect(iotMock).toHaveReceivedCommandWith(UpdateEventConfigurationsCommand, { eventConfigurations: { JOB: { Enabled: true } } });
  });

  it('changes nothing, and sends no update, when every requested family is already on', async () => {
    currentlyOn('THING', 'JOB');
    const result = await reconcileEventConfigurations({ iot, requested: ['THING', 'JOB'], previouslyEnabledByUs: [], request: 'Create' });
    expect(result).toEqual({ enabledByUs: [], enabled: [], disabled: [] });
    expect(iotMock).not.toHaveReceivedCommand(UpdateEventConfigurationsCommand);
  });

  it('turns on every family when all are off, once each, in the documented order', async () => {
    currentlyOn();
    const result = await reconcileEventConfigurations({ iot, requested: ['JOB_EXECUTION', 'THING', 'THING', 'CERTIFICATE'], previouslyEnabledByUs: [], request: 'Create' });
    expect(result.enabledByUs).toEqual(['THING', 'JOB_EXECUTION', 'CERTIFICATE']);
    expect(iotMock).toHaveReceivedCommandWith(UpdateEventConfigurationsCommand, {
      eventConfigurations: { THING: { Enabled: true }, JOB_EXECUTION: { Enabled: true }, CERTIFICATE: { Enabled: true } },
    });
  });

  it('treats families missing from the Describe answer as off', async () => {
    iotMock.on(DescribeEventConfigurationsCommand).resolves({});
    const result = await reconcileEventConfigurations({ iot, requested: ['THING'], previouslyEnabledByUs: [], request: 'Create' });
    expect(result.enabledByUs).toEqual(['THING']);
  });

  it('on Update adds a newly requested family and keeps owning the earlier ones', async () => {
    currentlyOn('JOB');
    const result = await reconcileEventConfigurations({ iot, requested: ['JOB', 'THING_GROUP'], previouslyEnabledByUs: ['JOB'], request: 'Update' });
    expect(result).toEqual({ enabledByUs: ['THING_GROUP', 'JOB'], enabled: ['THING_GROUP'], disabled: [] });
    expect(iotMock).toHaveReceivedCommandWith(UpdateEventConfigurationsCommand, { eventConfigurations: { THING_GROUP: { Enabled: true } } });
  });

  it('on Update turns off a family it enabled that is no longer requested, in the same call as additions', async () => {
    currentlyOn('THING', 'JOB');
    const result = await reconcileEventConfigurations({ iot, requested: ['THING', 'THING_TYPE'], previouslyEnabledByUs: ['THING', 'JOB'], request: 'Update' });
    expect(result).toEqual({ enabledByUs: ['THING', 'THING_TYPE'], enabled: ['THING_TYPE'], disabled: ['JOB'] });
    expect(iotMock).toHaveReceivedCommandTimes(UpdateEventConfigurationsCommand, 1);
    expect(iotMock).toHaveReceivedCommandWith(UpdateEventConfigurationsCommand, { eventConfigurations: { THING_TYPE: { Enabled: true }, JOB: { Enabled: false } } });
  });

  it('on Update never turns off a family someone else enabled', async () => {
    currentlyOn('THING', 'JOB');
    const result = await reconcileEventConfigurations({ iot, requested: ['THING'], previouslyEnabledByUs: [], request: 'Update' });
    expect(result).toEqual({ enabledByUs: [], enabled: [], disabled: [] });
    expect(iotMock).not.toHaveReceivedCommand(UpdateEventConfigurationsCommand);
  });

  it('on Update turns an owned family back on when someone turned it off, and keeps owning it', async () => {
    currentlyOn();
    const result = await reconcileEventConfigurations({ iot, requested: ['JOB'], previouslyEnabledByUs: ['JOB'], request: 'Update' });
    expect(result).toEqual({ enabledByUs: ['JOB'], enabled: ['JOB'], disabled: [] });
  });

  it('on Delete turns off only the families it enabled that are still on', async () => {
    currentlyOn('THING', 'CERTIFICATE');
    const result = await reconcileEventConfigurations({ iot, requested: ['THING', 'CERTIFICATE'], previouslyEnabledByUs: ['THING', 'JOB'], request: 'Delete' });
    expect(result).toEqual({ enabledByUs: [], enabled: [], disabled: ['THING'] });
    expect(iotMock).toHaveReceivedCommandWith(UpdateEventConfigurationsCommand, { eventConfigurations: { THING: { Enabled: false } } });
  });

  it('on Delete sends nothing when nothing it owns is still on, and ignores unknown keys', async () => {
    currentlyOn('THING');
    const result = await reconcileEventConfigurations({ iot, requested: ['BOGUS'], previouslyEnabledByUs: ['JOB', 'BOGUS'], request: 'Delete' });
    expect(result).toEqual({ enabledByUs: [], enabled: [], disabled: [] });
    expect(iotMock).not.toHaveReceivedCommand(UpdateEventConfigurationsCommand);
  });

  it.each(['Create', 'Update'] as const)('fails %s on an unknown key before calling AWS', async (request) => {
    currentlyOn();
    const attempt = reconcileEventConfigurations({ iot, requested: ['THING', 'thing', 'PRESENCE', 'PRESENCE'], previouslyEnabledByUs: [], request });
    await expect(attempt).rejects.toThrow(UnknownEventConfigurationError);
    await expect(attempt).rejects.toThrow('unknown event configuration keys "thing", "PRESENCE"; valid keys (case-sensitive): THING, THING_GROUP, THING_TYPE, ' +
      'THING_GROUP_MEMBERSHIP, THING_GROUP_HIERARCHY, THING_TYPE_ASSOCIATION, JOB, JOB_EXECUTION, POLICY, CERTIFICATE, CA_CERTIFICATE');
    expect(iotMock.calls()).toHaveLength(0);
  });

  it('lets SDK errors through', async () => {
    iotMock.on(DescribeEventConfigurationsCommand).rejects(new Error('ThrottlingException: Rate exceeded'));
    await expect(reconcileEventConfigurations({ iot, requested: ['THING'], previouslyEnabledByUs: [], request: 'Create' })).rejects.toThrow('Rate exceeded');
  });
});
