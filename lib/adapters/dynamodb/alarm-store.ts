import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { deserializeAlarmSnapshot } from '../../engine/alarm';
import {
  ALARM_PREFIX,
  DetectorTooLargeError,
  StaleAlarmError,
  UnreadableAlarmError,
  alarmId,
  alarmStorageKey,
  type AlarmKey,
  type AlarmStore,
  type AlarmSummary,
  type AlarmWrite,
  type Page,
  type StoredAlarm,
} from '../../ports';
import { ALARM_WORKING_ATTRIBUTES, alarmFromItem, alarmKeyAttributes, alarmKeyOfItem, alarmSummaryFromItem, alarmToItem } from './alarm-item';
import { batchGet, batchWrite } from './batch';
import type { Item } from './detector-item';
import { listPartitions, type ListSource } from './list-index';

const PROJECTION = {
  ProjectionExpression: ALARM_WORKING_ATTRIBUTES.map((name) => `#${name}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(ALARM_WORKING_ATTRIBUTES.map((name) => [`#${name}`, name])),
};

/** Options of {@link DynamoAlarmStore}. */
export interface DynamoAlarmStoreOptions {
  readonly client: DynamoDBClient;
  /** The detectors table: alarm instances share it, its stream and its list index. */
  readonly tableName: string;
  readonly listIndex?: string;
}

/**
 * Alarm instances in the detectors table, one item each under `alarm:<model>|<key>`. Every put is
 * conditional on the version read (or on the item not existing), and a failed condition returns
 * the current item (`ALL_OLD`), so the caller evaluates again without another read — exactly as
 * detectors are written.
 */
export class DynamoAlarmStore implements AlarmStore {
  private readonly client: DynamoDBClient;
  private readonly table: string;
  private readonly listIndex: string;

  constructor(options: DynamoAlarmStoreOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.listIndex = options.listIndex ?? 'byModel';
  }

  async getMany(keys: readonly AlarmKey[], options: { consistent?: boolean; onUnreadable?: (error: UnreadableAlarmError) => void } = {}): Promise<Map<string, StoredAlarm>> {
    const unique = [...new Map(keys.map((key) => [alarmId(key), key])).values()];
    const items = await batchGet(this.client, this.table, unique.map(alarmKeyAttributes), { ...PROJECTION, ...(options.consistent ? { ConsistentRead: true } : {}) });
    const found = new Map<string, StoredAlarm>();
    for (const item of items) {
      let alarm: StoredAlarm;
      try {
        alarm = alarmFromItem(item);
      } catch (error) {
        const unreadable = new UnreadableAlarmError(alarmKeyOfItem(item), { cause: error });
        if (!options.onUnreadable) throw unreadable;
        options.onUnreadable(unreadable);
        continue;
      }
      found.set(alarmId(alarm.key), alarm);
    }
    return found;
  }

  async get(key: AlarmKey): Promise<StoredAlarm | undefined> {
    const response = await this.client.send(new GetItemCommand({ TableName: this.table, Key: alarmKeyAttributes(key), ConsistentRead: true, ...PROJECTION }));
    if (!response.Item) return undefined;
    try {
      return alarmFromItem(response.Item);
    } catch (error) {
      throw new UnreadableAlarmError(key, { cause: error });
    }
  }

  async put(write: AlarmWrite): Promise<void> {
    const creating = write.expectedVersion === undefined;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: alarmToItem(write, (write.expectedVersion ?? 0) + 1),
          ConditionExpression: creating ? 'attribute_not_exists(#pk)' : '#version = :expected',
          ExpressionAttributeNames: creating ? { '#pk': 'pk' } : { '#version': 'version' },
          ExpressionAttributeValues: creating ? undefined : { ':expected': { N: String(write.expectedVersion) } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        let current: StoredAlarm | undefined;
        try {
          current = error.Item ? alarmFromItem(error.Item as Item) : undefined;
        } catch (readError) {
          // Never overwrite what cannot be read.
          throw new UnreadableAlarmError(write.key, { cause: readError });
        }
        throw new StaleAlarmError(write.key, current, { cause: error });
      }
      if ((error as Error).name === 'ValidationException' && /item size/i.test((error as Error).message)) throw new DetectorTooLargeError(alarmStorageKey(write.key), { cause: error });
      throw error;
    }
  }

  list(model: string, options: { limit: number; nextToken?: string }): Promise<Page<AlarmSummary>> {
    return listPartitions(this.source(['pk', 'snapshot'], alarmSummaryFromItem), `${ALARM_PREFIX}${model}`, options);
  }

  async deleteModel(model: string): Promise<{ key: AlarmKey; snoozeDueAt: number | undefined }[]> {
    // A corrupt snapshot must not keep its item from being deleted: its snooze is then unknown.
    const source = this.source(['pk', 'snapshot'], (item) => ({ key: alarmKeyOfItem(item), snoozeDueAt: snoozeOf(item) }));
    const deleted: { key: AlarmKey; snoozeDueAt: number | undefined }[] = [];
    let nextToken: string | undefined;
    do {
      const page = await listPartitions(source, `${ALARM_PREFIX}${model}`, { limit: 100, nextToken });
      await batchWrite(this.client, this.table, page.items.map(({ key }) => ({ DeleteRequest: { Key: alarmKeyAttributes(key) } })));
      deleted.push(...page.items);
      nextToken = page.nextToken;
    } while (nextToken);
    return deleted;
  }

  private source<T>(attributes: readonly string[], summary: (item: Item) => T): ListSource<T> {
    return { client: this.client, table: this.table, index: this.listIndex, attributes, summary };
  }
}

function snoozeOf(item: Item): number | undefined {
  try {
    return deserializeAlarmSnapshot(item.snapshot?.S ?? '').snoozeDueAt;
  } catch {
    return undefined;
  }
}
