import type { CreateDetectorModelRequest, CreateInputRequest } from '../../lib/model';
import type { CreateAlarmModelRequest } from '../../lib/model/alarm';
import { ModelConflictError, type AlarmModelVersionRecord, type CatalogIndex, type InputRecord, type ModelsTable, type ModelVersionRecord, type Page, type WrittenOrigin } from '../../lib/ports';
import { Faults } from './faults';
import { MemoryVersions } from './memory-versions';

type Operation = 'index' | 'putModel' | 'getModel' | 'putInput' | 'getInput' | 'putAlarmModel' | 'getAlarmModel';

/**
 * The models table ({@link ModelsTable}: detector models, alarm models and inputs) in memory with
 * the DynamoDB one's rules: versions numbered from 1, conflicts as {@link ModelConflictError}, a
 * revision bumped by every write, requests stored as copies (as JSON in the table), each version
 * created when it was put while the latest carries the model's first creation time, each version's
 * origin, and the same paging. It counts reads, so tests can see what a cache asked for.
 */
export class MemoryModelRepository implements ModelsTable {
  private readonly models = new MemoryVersions<CreateDetectorModelRequest>(() => this.revision++);
  private readonly alarms = new MemoryVersions<CreateAlarmModelRequest>(() => this.revision++);
  private readonly inputs = new Map<string, InputRecord>();
  private revision = 0;
  readonly calls = { index: 0, getModel: [] as string[], getInput: [] as string[], putModel: [] as string[], putInput: [] as string[], getAlarmModel: [] as string[], putAlarmModel: [] as string[] };
  readonly faults = new Faults<Operation>();

  async index(): Promise<CatalogIndex> {
    this.calls.index++;
    this.faults.check('index');
    return { revision: String(this.revision), models: this.models.latestVersions(), alarmModels: this.alarms.latestVersions(), inputs: new Set(this.inputs.keys()) };
  }

  async putModel(request: CreateDetectorModelRequest, previous: number | undefined, now: number, origin: WrittenOrigin): Promise<ModelVersionRecord> {
    this.calls.putModel.push(request.detectorModelName);
    this.faults.check('putModel');
    return this.models.put(request.detectorModelName, request, previous, now, origin);
  }

  async getModel(name: string, version?: string): Promise<ModelVersionRecord | undefined> {
    this.calls.getModel.push(version === undefined ? name : `${name}@${version}`);
    this.faults.check('getModel');
    return this.models.get(name, version);
  }

  async listModels(limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>> {
    return this.models.list(limit, nextToken);
  }

  async listVersions(name: string, limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>> {
    return this.models.listVersions(name, limit, nextToken);
  }

  async deleteModel(name: string): Promise<boolean> {
    return this.models.delete(name);
  }

  async putAlarmModel(request: CreateAlarmModelRequest, previous: number | undefined, now: number, origin: WrittenOrigin): Promise<AlarmModelVersionRecord> {
    this.calls.putAlarmModel.push(request.alarmModelName);
    this.faults.check('putAlarmModel');
    return this.alarms.put(request.alarmModelName, request, previous, now, origin);
  }

  async getAlarmModel(name: string, version?: string): Promise<AlarmModelVersionRecord | undefined> {
    this.calls.getAlarmModel.push(version === undefined ? name : `${name}@${version}`);
    this.faults.check('getAlarmModel');
    return this.alarms.get(name, version);
  }

  async listAlarmModels(limit: number, nextToken?: string): Promise<Page<AlarmModelVersionRecord>> {
    return this.alarms.list(limit, nextToken);
  }

  async listAlarmModelVersions(name: string, limit: number, nextToken?: string): Promise<Page<AlarmModelVersionRecord>> {
    return this.alarms.listVersions(name, limit, nextToken);
  }

  async deleteAlarmModel(name: string): Promise<boolean> {
    return this.alarms.delete(name);
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

  /** Makes every stored version of model or alarm model `name` (or input `name`) read back as items written before Vigil recorded origins do. */
  forgetOrigins(name: string): void {
    this.models.forgetOrigins(name);
    this.alarms.forgetOrigins(name);
    const input = this.inputs.get(name);
    if (input) this.inputs.set(name, { name, request: input.request, creationTime: input.creationTime, lastUpdateTime: input.lastUpdateTime, origin: { kind: 'unknown' } });
  }
}
