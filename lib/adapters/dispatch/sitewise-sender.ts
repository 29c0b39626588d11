import { BatchPutAssetPropertyValueCommand, type IoTSiteWiseClient, type PutAssetPropertyValueEntry, type Variant } from '@aws-sdk/client-iotsitewise';
import type { SiteWiseValue } from '../../engine';
import { sendInBatches, type BatchLimits } from './batch';
import { isTransientCode } from './classify-error';
import { ActionDeliveryError } from './errors';
import type { RetryOptions } from './retry';
import { prepareAndDeliver, type EffectOf, type Sender } from './sender';

/** BatchPutAssetPropertyValue takes at most 10 entries; its byte limit is far above 10 values. */
const SITEWISE_BATCH_LIMITS: BatchLimits = { maxEntries: 10, maxBytes: Number.POSITIVE_INFINITY };

// SiteWise's entryId pattern; one bad id would fail the whole request, so it is checked first.
const ENTRY_ID = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Performs `iotSiteWise` actions: sends each property value with BatchPutAssetPropertyValue,
 * addressed by property alias or by asset and property id. Every action shares the same API, so
 * all of them share requests; entries with the same entryId go to different requests because
 * SiteWise requires entry ids to be unique within one. Entries listed in `errorEntries` with a
 * transient code are sent again.
 * https://docs.aws.amazon.com/iot-sitewise/latest/APIReference/API_BatchPutAssetPropertyValue.html
 */
export function createSiteWiseSender(siteWise: IoTSiteWiseClient, retry: RetryOptions): Sender<EffectOf<'iotSiteWise'>> {
  return {
    groupKey: () => '',
    send: (effects) =>
      prepareAndDeliver(effects, siteWiseEntry, (entries) =>
        sendInBatches(
          entries,
          SITEWISE_BATCH_LIMITS,
          { bytes: () => 0, key: (entry) => entry.entryId ?? '' },
          async (batch) => {
            const output = await siteWise.send(new BatchPutAssetPropertyValueCommand({ entries: [...batch] }));
            const failed = new Map((output.errorEntries ?? []).map((entry) => [entry.entryId, entry.errors?.[0]]));
            return batch.map((entry) => {
              if (!failed.has(entry.entryId)) return undefined;
              const error = failed.get(entry.entryId);
              const code = error?.errorCode ?? 'Unknown';
              return new ActionDeliveryError(`SiteWise BatchPutAssetPropertyValue failed for entry ${entry.entryId}: ${code}: ${error?.errorMessage ?? 'no message'}`, code, isTransientCode(code));
            });
          },
          retry,
        ),
      ),
  };
}

/** The BatchPutAssetPropertyValue entry of an `iotSiteWise` action; throws a permanent error when it cannot be addressed. */
function siteWiseEntry(effect: EffectOf<'iotSiteWise'>): PutAssetPropertyValueEntry {
  if (!ENTRY_ID.test(effect.entryId)) throw new ActionDeliveryError(`iotSiteWise entryId '${effect.entryId}' must be 1-64 letters, digits, '_' or '-'`, 'InvalidEntry', false);
  if (effect.propertyAlias === undefined && (effect.assetId === undefined || effect.propertyId === undefined)) {
    throw new ActionDeliveryError('iotSiteWise action needs a propertyAlias, or both assetId and propertyId', 'InvalidEntry', false);
  }
  const { value, timestamp, quality } = effect.propertyValue;
  return {
    entryId: effect.entryId,
    ...(effect.assetId === undefined ? {} : { assetId: effect.assetId }),
    ...(effect.propertyId === undefined ? {} : { propertyId: effect.propertyId }),
    ...(effect.propertyAlias === undefined ? {} : { propertyAlias: effect.propertyAlias }),
    propertyValues: [{ value: variant(value), timestamp: { timeInSeconds: timestamp.timeInSeconds, offsetInNanos: timestamp.offsetInNanos }, ...(quality === undefined ? {} : { quality }) }],
  };
}

/** The one value variant the engine set, without the unset keys. */
function variant(value: SiteWiseValue['value']): Variant {
  if (value.stringValue !== undefined) return { stringValue: value.stringValue };
  if (value.integerValue !== undefined) return { integerValue: value.integerValue };
  if (value.doubleValue !== undefined) return { doubleValue: value.doubleValue };
  return { booleanValue: value.booleanValue };
}
