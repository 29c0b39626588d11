import { BatchPutAssetPropertyValueCommand, IoTSiteWiseClient } from '@aws-sdk/client-iotsitewise';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import { instantRetry, siteWiseEffect } from './effects';

const TIMESTAMP = { timeInSeconds: 1_700_000_000, offsetInNanos: 123_000_000 };

describe('iotSiteWise actions', () => {
  const iotSiteWise = new IoTSiteWiseClient({ region: 'us-east-1' });
  const siteWiseMock = mockClient(iotSiteWise);
  let dispatcher: ReturnType<typeof createActionDispatcher>;

  beforeEach(() => {
    siteWiseMock.reset();
    siteWiseMock.on(BatchPutAssetPropertyValueCommand).resolves({ errorEntries: [] });
    dispatcher = createActionDispatcher({ clients: { iotSiteWise }, retry: instantRetry().retry });
  });

  it('sends one entry per action, by alias or by asset and property id, with one value variant', async () => {
    // Arrange
    const byAlias = siteWiseEffect({ entryId: 'e1' });
    const byId = siteWiseEffect({
      entryId: 'e2',
      propertyAlias: undefined,
      assetId: 'a1b2c3d4-5678-90ab-cdef-11111EXAMPLE',
      propertyId: 'a1b2c3d4-5678-90ab-cdef-22222EXAMPLE',
      propertyValue: { value: { booleanValue: false }, timestamp: TIMESTAMP, quality: undefined },
    });

    // Act
    const outcomes = await dispatcher.dispatch([byAlias, byId]);

    // Assert
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(siteWiseMock.commandCalls(BatchPutAssetPropertyValueCommand)[0].args[0].input).toEqual({
      entries: [
        { entryId: 'e1', propertyAlias: '/motors/Fulton-A32/pressure', propertyValues: [{ value: { doubleValue: 20.5 }, timestamp: TIMESTAMP, quality: 'GOOD' }] },
        { entryId: 'e2', assetId: 'a1b2c3d4-5678-90ab-cdef-11111EXAMPLE', propertyId: 'a1b2c3d4-5678-90ab-cdef-22222EXAMPLE', propertyValues: [{ value: { booleanValue: false }, timestamp: TIMESTAMP }] },
      ],
    });
  });

  it('sends at most 10 entries per call, and never two with the same entryId', async () => {
    // Arrange
    const effects = [...Array.from({ length: 11 }, () => siteWiseEffect()), siteWiseEffect({ entryId: 'same' }), siteWiseEffect({ entryId: 'same' })];

    // Act
    await dispatcher.dispatch(effects);

    // Assert
    const sizes = siteWiseMock.commandCalls(BatchPutAssetPropertyValueCommand).map((call) => call.args[0].input.entries?.length);
    expect(sizes).toEqual([10, 2, 1]);
  });

  it('sends again only entries with a transient errorEntries code', async () => {
    // Arrange
    const effects = [siteWiseEffect({ entryId: 'a' }), siteWiseEffect({ entryId: 'b' }), siteWiseEffect({ entryId: 'c' })];
    siteWiseMock
      .on(BatchPutAssetPropertyValueCommand)
      .resolvesOnce({
        errorEntries: [
          { entryId: 'b', errors: [{ errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded', timestamps: [TIMESTAMP] }] },
          { entryId: 'c', errors: [{ errorCode: 'TimestampOutOfRangeException', errorMessage: 'too old', timestamps: [TIMESTAMP] }] },
        ],
      })
      .resolves({ errorEntries: [] });

    // Act
    const outcomes = await dispatcher.dispatch(effects);

    // Assert
    expect(outcomes.map((outcome) => [outcome.ok, outcome.attempts])).toEqual([
      [true, 1],
      [true, 2],
      [false, 1],
    ]);
    expect(outcomes[2].ok || outcomes[2].error.message).toBe('SiteWise BatchPutAssetPropertyValue failed for entry c: TimestampOutOfRangeException: too old');
    expect(siteWiseMock).toHaveReceivedNthSpecificCommandWith(2, BatchPutAssetPropertyValueCommand, { entries: [expect.objectContaining({ entryId: 'b' })] });
  });

  it('fails without sending an action that names neither an alias nor asset and property', async () => {
    // Act
    const [outcome] = await dispatcher.dispatch([siteWiseEffect({ propertyAlias: undefined, assetId: 'asset' })]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 0, error: { code: 'InvalidEntry' } });
    expect(siteWiseMock).not.toHaveReceivedAnyCommand();
  });
});
