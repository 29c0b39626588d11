import type { CreateDetectorModelRequest, CreateInputRequest } from '../../lib/model';
import { ModelConflictError, type CatalogIndex, type InputRecord, type ModelRepository, type ModelVersionRecord, type Page, type WrittenOrigin } from '../../lib/ports';
import { Faults } from './faults';

type Operation = 'index' | 'putModel' | 'getModel' | 'putInput' | 'getInput';

/**
 * A {@link ModelRepository} in memory with the DynamoDB one's rules: versions numbered from 1,
 * conflicts as {@link ModelConflictError}, a revision bumped by every write, requests stored as
 * copies (as JSON in the table), each version created when it was put while the latest carries the
 * model's first creation time, each version's origin, and the same paging. It counts reads, so
 * tests can see what a cache asked for.
 */
export class MemoryModelRepository implements ModelRepository {
  private readonly versions = new Map<string, ModelVersionRecord[]>();
  private readonly inputs = new Map<string, InputRecord>();
  private revision = 0;
  readonly calls = { index: 0, getModel: [] as string[], getInput: [] as string[], putModel: [] as string[], putInput: [] as string[] };
  readonly faults = new Faults<Operation>();

  async index(): Promise<CatalogIndex> {
    this.calls.index++;
    this.faults.check('index');
    const models = new Map([...this.versions].map(([name, list]) => [name, list[list.length - 1].version]));
    return { revision: String(this.revision), models, inputs: new Set(this.inputs.keys()) };
  }

  async putModel(request: CreateDetectorModelRequest, previous: number | undefined, now: number, origin: WrittenOrigin): Promise<ModelVersionRecord> {
    const name = request.detectorModelName;
    this.calls.putModel.push(name);
    this.faults.check('putModel');
    const list = this.versions.get(name) ?? [];
    if (list.length !== (previous ?? 0)) throw new ModelConflictError(name, `${name} already exists or was changed by another request`);
    const record: ModelVersionRecord = { name, version: String(list.length + 1), request: structuredClone(request), creationTime: now, lastUpdateTime: now, origin: structuredClone(origin) };
    this.versions.set(name, [...list, record]);
    this.revision++;
    return record;
  }

  async getModel(name: string, version?: string): Promise<ModelVersionRecord | undefined> {
    this.calls.getModel.push(version === undefined ? name : `${name}@${version}`);
    this.faults.check('getModel');
    const list = this.versions.get(name) ?? [];
    if (version !== undefined) return list.find((record) => record.version === version);
    return list.length ? this.latest(name) : undefined;
  }

  async listModels(limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>> {
    const names = [...this.versions.keys()].sort().filter((name) => nextToken === undefined || name > nextToken);
    const items = names.slice(0, limit).map((name) => this.latest(name));
    return { items, nextToken: names.length > limit ? items[items.length - 1].name : undefined };
  }

  async listVersions(name: string, limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>> {
    const list = [...(this.versions.get(name) ?? [])].reverse().filter((record) => nextToken === undefined || Number(record.version) < Number(nextToken));
    const items = list.slice(0, limit);
    return { items, nextToken: list.length > limit ? items[items.length - 1].version : undefined };
  }

  async deleteModel(name: string): Promise<boolean> {
    const existed = this.versions.delete(name);
    if (existed) this.revision++;
    return existed;
  }

  async putInput(request: CreateInputRequest, create: boolean, now: number, origin: WrittenOrigin): Promise<InputRecord> {
    const name = request.inputName;
    this.calls.putInput.push(name);
    this.faults.check('putInput');
    const existing = this.inputs.get(name);
    if (create === (existing !== undefined)) throw new ModelConflictError(name, `${name} already exists or does not exist`);
    const fileDigest = origin.kind === 'file' ? origin.digest : existing?.fileDigest;
    const record: InputRecord = { name, request: structuredClone(request), creationTime: existing?.creationTime ?? now, lastUpdateTime: now, origin: structuredClone(origin), ...(fileDigest ? { fileDigest } : {}) };
    this.inputs.set(name, record);
    this.revision++;
    return record;
  }

  async getInput(name: string): Promise<InputRecord | undefined> {
    this.calls.getInput.push(name);
    this.faults.check('getInput');
    return this.inputs.get(name);
  }

  async listInputs(limit: number, nextToken?: string): Promise<Page<InputRecord>> {
    const all = [...this.inputs.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).filter((record) => nextToken === undefined || record.name > nextToken);
    const items = all.slice(0, limit);
    return { items, nextToken: all.length > limit ? items[items.length - 1].name : undefined };
  }

  async deleteInput(name: string): Promise<boolean> {
    const existed = this.inputs.delete(name);
    if (existed) this.revision++;
    return existed;
  }

  /** Makes every stored version of model `name` (or input `name`) read back as items written before Vigil recorded origins do. */
  forgetOrigins(name: string): void {
    this.versions.set(name, (this.versions.get(name) ?? []).map((record) => ({ ...record, origin: { kind: 'unknown' } })));
    const input = this.inputs.get(name);
    if (input) this.inputs.set(name, { name, request: input.request, creationTime: input.creationTime, lastUpdateTime: input.lastUpdateTime, origin: { kind: 'unknown' } });
  }

  /** Like the `latest` item: the model's first creation time, the latest version's update time. */
  private latest(name: string): ModelVersionRecord {
    const list = this.versions.get(name) as ModelVersionRecord[];
    return { ...list[list.length - 1], creationTime: list[0].creationTime };
  }
}
