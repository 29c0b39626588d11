import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../model';
import type { CreateAlarmModelRequest } from '../../model/alarm';
import type { AlarmModelVersionRecord, CatalogIndex, InputRecord, ModelsTable, ModelVersionRecord, Page, WrittenOrigin } from '../../ports';
import { CATALOG_PREFIX, catalogUpdate, conditionalTransact, pageOf, readCatalog } from './catalog-item';
import type { Item } from './detector-item';
import { VersionedModels } from './model-versions';
import { originAttribute, originFromItem } from './origin-attribute';
import { transactWrite } from './transact-write';
import { batchGet } from './batch';

/**
 * Detector models and alarm models (every version) and inputs in one DynamoDB table. Items:
 * `model#<name>` (detector models) and `alarm#<name>` (alarm models, a namespace of their own) with
 * `v#<n>` per version and `latest` for the current one ({@link VersionedModels}),
 * `input#<name>`/`input`, and one catalog item whose attributes `m_<name>`, `a_<name>` and
 * `i_<name>` list what exists and whose `revision` changes with every write, in the same
 * transaction. Version items carry their `origin` (`{ kind, digest? }`); items written before
 * origins were recorded read as `unknown`.
 */
export class DynamoModelRepository implements ModelsTable {
  private readonly detectorModels: VersionedModels<CreateDetectorModelRequest>;
  private readonly alarmModels: VersionedModels<CreateAlarmModelRequest>;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {
    this.detectorModels = new VersionedModels(client, table, { partition: 'model#', catalog: CATALOG_PREFIX.model, indexed: 'models' });
    this.alarmModels = new VersionedModels(client, table, { partition: 'alarm#', catalog: CATALOG_PREFIX.alarmModel, indexed: 'alarmModels' });
  }

  index(): Promise<CatalogIndex> {
    return readCatalog(this.client, this.table);
  }

  putModel(request: CreateDetectorModelRequest, previous: number | undefined, now: number, origin: WrittenOrigin): Promise<ModelVersionRecord> {
    return this.detectorModels.put(request.detectorModelName, request, previous, now, origin);
  }

  getModel(name: string, version?: string): Promise<ModelVersionRecord | undefined> {
    return this.detectorModels.get(name, version);
  }

  listModels(limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>> {
    return this.detectorModels.list(limit, nextToken);
  }

  listVersions(name: string, limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>> {
    return this.detectorModels.listVersions(name, limit, nextToken);
  }

  deleteModel(name: string): Promise<boolean> {
    return this.detectorModels.delete(name);
  }

  putAlarmModel(request: CreateAlarmModelRequest, previous: number | undefined, now: number, origin: WrittenOrigin): Promise<AlarmModelVersionRecord> {
    return this.alarmModels.put(request.alarmModelName, request, previous, now, origin);
  }

  getAlarmModel(name: string, version?: string): Promise<AlarmModelVersionRecord | undefined> {
    return this.alarmModels.get(name, version);
  }

  listAlarmModels(limit: number, nextToken?: string): Promise<Page<AlarmModelVersionRecord>> {
    return this.alarmModels.list(limit, nextToken);
  }

  listAlarmModelVersions(name: string, limit: number, nextToken?: string): Promise<Page<AlarmModelVersionRecord>> {
    return this.alarmModels.listVersions(name, limit, nextToken);
  }

  deleteAlarmModel(name: string): Promise<boolean> {
    return this.alarmModels.delete(name);
  }

  async putInput(request: CreateInputRequest, create: boolean, now: number, origin: WrittenOrigin): Promise<InputRecord> {
    const name = request.inputName;
    const file = origin.kind === 'file';
    await conditionalTransact(this.client, name, [
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
      catalogUpdate(this.table, CATALOG_PREFIX.input + name, { N: String(now) }),
    ]);
    return (await this.getInput(name)) as InputRecord;
  }

  async getInput(name: string): Promise<InputRecord | undefined> {
    const response = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: `input#${name}` }, sk: { S: 'input' } }, ConsistentRead: true }));
    return response.Item ? inputFromItem(name, response.Item) : undefined;
  }

  async listInputs(limit: number, nextToken?: string): Promise<Page<InputRecord>> {
    const names = [...(await readCatalog(this.client, this.table)).inputs].sort();
    const page = pageOf(names, limit, nextToken);
    const items = await batchGet(this.client, this.table, page.items.map((name) => ({ pk: { S: `input#${name}` }, sk: { S: 'input' } })), { ConsistentRead: true });
    return { items: items.map((item) => inputFromItem((item.pk.S as string).slice(6), item)).sort((a, b) => (a.name < b.name ? -1 : 1)), nextToken: page.nextToken };
  }

  async deleteInput(name: string): Promise<boolean> {
    if (!(await this.getInput(name))) return false;
    await transactWrite(this.client, [{ Delete: { TableName: this.table, Key: { pk: { S: `input#${name}` }, sk: { S: 'input' } } } }, catalogUpdate(this.table, CATALOG_PREFIX.input + name, undefined)]);
    return true;
  }
}

function inputFromItem(name: string, item: Item): InputRecord {
  const request = JSON.parse(item.request.S as string) as CreateInputRequest;
  const fileDigest = item.fileDigest?.S;
  return { name, request, creationTime: Number(item.created.N), lastUpdateTime: Number(item.updated.N), origin: originFromItem(item), ...(fileDigest ? { fileDigest } : {}) };
}
