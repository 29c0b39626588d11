import {
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../model';
import { ModelConflictError, type CatalogIndex, type InputRecord, type ModelRepository, type ModelVersionRecord, type Page, type WrittenOrigin } from '../../ports';
import type { Item } from './detector-item';
import { originAttribute, originFromItem } from './origin-attribute';
import { transactWrite } from './transact-write';
import { batchGet, batchWrite } from './batch';

const CATALOG: Item = { pk: { S: 'catalog' }, sk: { S: 'catalog' } };

/**
 * Detector models (every version) and inputs in one DynamoDB table. Items: `model#<name>`/`v#<n>`
 * per version, `model#<name>`/`latest` for the current one, `input#<name>`/`input`, and one
 * catalog item whose attributes `m_<name>` and `i_<name>` list what exists and whose `revision`
 * changes with every write, in the same transaction. Model items carry their version's `origin`
 * (`{ kind, digest? }`); items written before origins were recorded read as `unknown`.
 */
export class DynamoModelRepository implements ModelRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async index(): Promise<CatalogIndex> {
    const response = await this.client.send(new GetItemCommand({ TableName: this.table, Key: CATALOG, ConsistentRead: true }));
    const item = response.Item ?? {};
    const models = new Map<string, string>();
    const inputs = new Set<string>();
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith('m_')) models.set(name.slice(2), value.N as string);
      if (name.startsWith('i_')) inputs.add(name.slice(2));
    }
    return { revision: item.revision?.N ?? '0', models, inputs };
  }

  async putModel(request: CreateDetectorModelRequest, previous: number | undefined, now: number, origin: WrittenOrigin): Promise<ModelVersionRecord> {
    const name = request.detectorModelName;
    const version = (previous ?? 0) + 1;
    const body = { S: JSON.stringify(request) };
    const source = originAttribute(origin);
    await this.transact(name, [
      {
        Update: {
          TableName: this.table,
          Key: { pk: { S: `model#${name}` }, sk: { S: 'latest' } },
          UpdateExpression: 'SET #version = :version, #request = :request, #origin = :origin, #updated = :now, #created = if_not_exists(#created, :now)',
          ConditionExpression: previous === undefined ? 'attribute_not_exists(#pk)' : '#version = :previous',
          ExpressionAttributeNames: { '#version': 'version', '#request': 'request', '#origin': 'origin', '#updated': 'updated', '#created': 'created', ...(previous === undefined ? { '#pk': 'pk' } : {}) },
          ExpressionAttributeValues: { ':version': { N: String(version) }, ':request': body, ':origin': source, ':now': { N: String(now) }, ...(previous === undefined ? {} : { ':previous': { N: String(previous) } }) },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { pk: { S: `model#${name}` }, sk: { S: versionKey(version) }, version: { N: String(version) }, request: body, origin: source, created: { N: String(now) }, updated: { N: String(now) } },
        },
      },
      this.catalogUpdate(`m_${name}`, { N: String(version) }),
    ]);
    return { name, version: String(version), request, creationTime: now, lastUpdateTime: now, origin };
  }

  async getModel(name: string, version?: string): Promise<ModelVersionRecord | undefined> {
    const sk = version === undefined ? 'latest' : versionKey(Number(version));
    if (version !== undefined && !/^[1-9]\d{0,9}$/.test(version)) return undefined;
    const response = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: `model#${name}` }, sk: { S: sk } }, ConsistentRead: true }));
    return response.Item ? modelFromItem(name, response.Item) : undefined;
  }

  async listModels(limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>> {
    const names = [...(await this.index()).models.keys()].sort();
    const page = pageOf(names, limit, nextToken);
    const items = await batchGet(this.client, this.table, page.items.map((name) => ({ pk: { S: `model#${name}` }, sk: { S: 'latest' } })), { ConsistentRead: true });
    return { items: items.map((item) => modelFromItem((item.pk.S as string).slice(6), item)).sort((a, b) => (a.name < b.name ? -1 : 1)), nextToken: page.nextToken };
  }

  async listVersions(name: string, limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>> {
    const response = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :v)',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': { S: `model#${name}` }, ':v': { S: 'v#' } },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: nextToken ? { pk: { S: `model#${name}` }, sk: { S: versionKey(Number(nextToken)) } } : undefined,
      }),
    );
    const items = (response.Items ?? []).map((item) => modelFromItem(name, item));
    return { items, nextToken: response.LastEvaluatedKey ? items[items.length - 1]?.version : undefined };
  }

  async deleteModel(name: string): Promise<boolean> {
    const keys: Item[] = [];
    let after: Item | undefined;
    do {
      const response = await this.client.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'pk' }, ExpressionAttributeValues: { ':pk': { S: `model#${name}` } }, ProjectionExpression: 'pk, sk', ExclusiveStartKey: after }),
      );
      keys.push(...(response.Items ?? []));
      after = response.LastEvaluatedKey;
    } while (after);
    if (!keys.length) return false;
    await transactWrite(this.client, [this.catalogUpdate(`m_${name}`, undefined)]);
    await batchWrite(this.client, this.table, keys.map((Key) => ({ DeleteRequest: { Key } })));
    return true;
  }

  async putInput(request: CreateInputRequest, create: boolean, now: number, origin: WrittenOrigin): Promise<InputRecord> {
    const name = request.inputName;
    const file = origin.kind === 'file';
    await this.transact(name, [
      {
        Update: {
          TableName: this.table,
          Key: { pk: { S: `input#${name}` }, sk: { S: 'input' } },
          // Only a file sets fileDigest: an API write leaves the digest of the file last loaded.
          UpdateExpression: `SET #request = :request, #origin = :origin, #updated = :now, #created = if_not_exists(#created, :now)${file ? ', #fileDigest = :digest' : ''}`,
          ConditionExpression: create ? 'attribute_not_exists(#pk)' : 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': 'pk', '#request': 'request', '#origin': 'origin', '#updated': 'updated', '#created': 'created', ...(file ? { '#fileDigest': 'fileDigest' } : {}) },
          ExpressionAttributeValues: { ':request': { S: JSON.stringify(request) }, ':origin': originAttribute(origin), ':now': { N: String(now) }, ...(file ? { ':digest': { S: origin.digest } } : {}) },
        },
      },
      this.catalogUpdate(`i_${name}`, { N: String(now) }),
    ]);
    return (await this.getInput(name)) as InputRecord;
  }

  async getInput(name: string): Promise<InputRecord | undefined> {
    const response = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: `input#${name}` }, sk: { S: 'input' } }, ConsistentRead: true }));
    return response.Item ? inputFromItem(name, response.Item) : undefined;
  }

  async listInputs(limit: number, nextToken?: string): Promise<Page<InputRecord>> {
    const names = [...(await this.index()).inputs].sort();
    const page = pageOf(names, limit, nextToken);
    const items = await batchGet(this.client, this.table, page.items.map((name) => ({ pk: { S: `input#${name}` }, sk: { S: 'input' } })), { ConsistentRead: true });
    return { items: items.map((item) => inputFromItem((item.pk.S as string).slice(6), item)).sort((a, b) => (a.name < b.name ? -1 : 1)), nextToken: page.nextToken };
  }

  async deleteInput(name: string): Promise<boolean> {
    if (!(await this.getInput(name))) return false;
    await transactWrite(this.client, [{ Delete: { TableName: this.table, Key: { pk: { S: `input#${name}` }, sk: { S: 'input' } } } }, this.catalogUpdate(`i_${name}`, undefined)]);
    return true;
  }

  /** Sets (or, with no value, removes) one catalog attribute and bumps the revision. */
  private catalogUpdate(attribute: string, value: { N: string } | undefined): TransactWriteItem {
    return {
      Update: {
        TableName: this.table,
        Key: CATALOG,
        UpdateExpression: value ? 'SET #entry = :value ADD #revision :one' : 'REMOVE #entry ADD #revision :one',
        ExpressionAttributeNames: { '#entry': attribute, '#revision': 'revision' },
        ExpressionAttributeValues: { ':one': { N: '1' }, ...(value ? { ':value': value } : {}) },
      },
    };
  }

  private async transact(resource: string, items: TransactWriteItem[]): Promise<void> {
    try {
      await transactWrite(this.client, items);
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new ModelConflictError(resource, `${resource} already exists or was changed by another request`, { cause: error });
      }
      throw error;
    }
  }
}

function versionKey(version: number): string {
  return `v#${String(version).padStart(10, '0')}`;
}

function modelFromItem(name: string, item: Item): ModelVersionRecord {
  return {
    name,
    version: item.version.N as string,
    request: JSON.parse(item.request.S as string) as CreateDetectorModelRequest,
    creationTime: Number(item.created.N),
    lastUpdateTime: Number(item.updated.N),
    origin: originFromItem(item),
  };
}

function inputFromItem(name: string, item: Item): InputRecord {
  const request = JSON.parse(item.request.S as string) as CreateInputRequest;
  const fileDigest = item.fileDigest?.S;
  return { name, request, creationTime: Number(item.created.N), lastUpdateTime: Number(item.updated.N), origin: originFromItem(item), ...(fileDigest ? { fileDigest } : {}) };
}

/** A page of sorted names: after the token (a name), at most `limit`. */
function pageOf(names: string[], limit: number, nextToken: string | undefined): Page<string> {
  const start = nextToken === undefined ? 0 : names.findIndex((name) => name > nextToken);
  const items = start < 0 ? [] : names.slice(start, start + limit);
  const more = start >= 0 && start + limit < names.length;
  return { items, nextToken: more ? items[items.length - 1] : undefined };
}
