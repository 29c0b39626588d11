import { GetItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { effectTarget } from '../../engine';
import { fnv1a64 } from '../../hash';
import { SYSTEM_CLOCK, alarmId, detectorId, type ActionFailureSink, type AlarmKey, type Clock, type DetectorKey, type FailedAction } from '../../ports';
import { batchWrite } from './batch';

/** An action that failed for good, as `vigil trace` and `vigil tail` show it. */
export interface FailureNote {
  /** The detector (`<model>|<key>`), or the alarm instance (`alarm:<model>|<key>`). */
  readonly detector: string;
  readonly actionExecutionId: string;
  readonly action: string;
  readonly eventName: string;
  /** Where it was sent: topic ARN, queue URL, function ARN… */
  readonly target: string;
  /** `<error name>: <message>`. */
  readonly error: string;
  readonly attempts: number;
  /** Epoch ms the failure was noted. */
  readonly failedAt: number;
}

/** Options of {@link DynamoFailureNotes}. */
export interface DynamoFailureNotesOptions {
  readonly client: DynamoDBClient;
  /** The traces table: the notes live beside the traces they annotate, and expire with them. */
  readonly tableName: string;
  readonly retentionMs?: number;
  readonly clock?: Clock;
}

/** The partition of a detector's failure notes in the traces table. */
export const FAILURE_PREFIX = 'failed#';
/** An error message is cut to this many characters: the note says why, the dead letter keeps everything. */
const MAX_ERROR_CHARS = 1000;

/**
 * Notes of the actions that failed for good, one item per action in the traces table (`pk` =
 * `failed#<detector>`, or `failed#alarm:<model>|<key>` for an alarm instance's — alarm models have
 * their own namespace, so an alarm model and a detector model may share a name and a key value —,
 * `slot` = a hash of the actionExecutionId, so a failure noted again
 * overwrites itself). The actions dead-letter queue stays the record to redrive from; a queue
 * cannot be asked "did this action fail?", these notes can: `vigil trace` marks the actions they
 * name as failed, and `vigil tail` follows them on the table's stream.
 */
export class DynamoFailureNotes implements ActionFailureSink {
  private readonly retentionMs: number;
  private readonly clock: Clock;

  constructor(private readonly options: DynamoFailureNotesOptions) {
    this.retentionMs = options.retentionMs ?? 30 * 24 * 3_600_000;
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  async record(failures: readonly FailedAction[]): Promise<void> {
    const failedAt = this.clock.now();
    const ttl = { N: String(Math.floor((failedAt + this.retentionMs) / 1000)) };
    const requests: WriteRequest[] = failures.map(({ effect, error, attempts, alarm }) => {
      const key = { model: effect.detectorModelName, keyValue: effect.keyValue };
      const note: FailureNote = {
        detector: alarm ? alarmId(key) : detectorId(key),
        actionExecutionId: effect.actionExecutionId,
        action: effect.type,
        eventName: effect.eventName,
        target: effectTarget(effect),
        error: `${error.name}: ${error.message}`.slice(0, MAX_ERROR_CHARS),
        attempts,
        failedAt,
      };
      return { PutRequest: { Item: { ...noteKey(note.detector, note.actionExecutionId), note: { S: JSON.stringify(note) }, ttl } } };
    });
    // One item per action: a batch may name the same action twice only if the stream repeated it.
    const unique = [...new Map(requests.map((request) => [JSON.stringify(request.PutRequest?.Item?.slot), request])).values()];
    await batchWrite(this.options.client, this.options.tableName, unique);
  }

  /** The failure notes of a detector, by actionExecutionId (expired ones left out). */
  async of(key: DetectorKey): Promise<Map<string, FailureNote>> {
    return this.notesOf(detectorId(key));
  }

  /** The failure notes of an alarm instance, by actionExecutionId (expired ones left out). */
  async ofAlarm(key: AlarmKey): Promise<Map<string, FailureNote>> {
    return this.notesOf(alarmId(key));
  }

  private async notesOf(id: string): Promise<Map<string, FailureNote>> {
    const now = Math.floor(this.clock.now() / 1000);
    const notes = new Map<string, FailureNote>();
    let after: Record<string, AttributeValue> | undefined;
    do {
      const response = await this.options.client.send(
        new QueryCommand({ TableName: this.options.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: FAILURE_PREFIX + id } }, ExclusiveStartKey: after }),
      );
      for (const item of response.Items ?? []) {
        if (Number(item.ttl?.N ?? Infinity) <= now) continue;
        const note = noteOf(item);
        if (note) notes.set(note.actionExecutionId, note);
      }
      after = response.LastEvaluatedKey;
    } while (after);
    return notes;
  }

  /** The note under a key of the table (what its stream names), or undefined when it is not a failure note. */
  async at(keys: Record<string, AttributeValue>): Promise<FailureNote | undefined> {
    if (!keys.pk?.S?.startsWith(FAILURE_PREFIX)) return undefined;
    const { Item } = await this.options.client.send(new GetItemCommand({ TableName: this.options.tableName, Key: keys, ConsistentRead: true }));
    return Item && noteOf(Item);
  }
}

function noteKey(detector: string, actionExecutionId: string): Record<string, AttributeValue> {
  const { high, low } = fnv1a64(actionExecutionId);
  // 53 bits of the hash: a whole number DynamoDB and JavaScript both keep exactly.
  return { pk: { S: FAILURE_PREFIX + detector }, slot: { N: String((high & 0x1fffff) * 2 ** 32 + low) } };
}

function noteOf(item: Record<string, AttributeValue>): FailureNote | undefined {
  try {
    return JSON.parse(item.note?.S ?? '') as FailureNote;
  } catch {
    return undefined;
  }
}
