import type { CreateDetectorModelRequest, CreateInputRequest } from '../../lib/model';
import { ModelConflictError, type CatalogIndex, type InputRecord, type ModelRepository, type ModelVersionRecord, type Page } from '../../lib/ports';
import { Faults } from './faults';

type Operation = 'index' | 'putModel' | 'getModel' | 'putInput' | 'getInput';

/**
 * A {@link ModelRepository} in memory with the DynamoDB one's rules: versions numbered from 1,
 * conflicts as {@link ModelConflictError}, a revision bumped by every write. It counts reads, so
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

  async putModel(request: CreateDetectorModelRequest, previous: number | undefined, now: number): Promise<ModelVersionRecord> {
    const name = request.detectorModelName;
    this.calls.putModel.push(name);
    this.faults.check('putModel');
    const list = this.versions.get(name) ?? [];
    if (list.length !== (previous ?? 0)) throw new ModelConflictError(name, `${name} already exists or was changed by another request`);
    const record = { name, version: String(list.length + 1), request, creationTime: list[0]?.creationTime ?? now, lastUpdateTime: now };
    this.versions.set(name, [...list, record]);
    this.revision++;
    return record;
  }

  async getModel(name: string, version?: string): Promise<ModelVersionRecord | undefined> {
    this.calls.getModel.push(version === undefined ? name : `${name}@${version}`);
    this.faults.check('getModel');
    const list = this.versions.get(name) ?? [];
    return version === undefined ? list[list.length - 1] : list.find((record) => record.version === version);
  }

  async listModels(limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>> {
    const names = [...this.versions.keys()].sort().filter((name) => nextToken === undefined || name > nextToken);
    const items = names.slice(0, limit).map((name) => this.versions.get(name)!.at(-1)!);
    return { items, nextToken: names.length > limit ? items[items.length - 1].name : undefined };
  }

  async listVersions(name: string, limit: number): Promise<Page<ModelVersionRecord>> {
    return { items: [...(this.versions.get(name) ?? [])].reverse().slice(0, limit), nextToken: undefined };
  }

  async deleteModel(name: string): Promise<boolean> {
    const existed = this.versions.delete(name);
    if (existed) this.revision++;
    return existed;
  }

  async putInput(request: CreateInputRequest, create: boolean, now: number): Promise<InputRecord> {
    const name = request.inputName;
    this.calls.putInput.push(name);
    this.faults.check('putInput');
    const existing = this.inputs.get(name);
    if (create === (existing !== undefined)) throw new ModelConflictError(name, `${name} already exists or does not exist`);
    const record = { name, request, creationTime: existing?.creationTime ?? now, lastUpdateTime: now };
    this.inputs.set(name, record);
    this.revision++;
    return record;
  }

  async getInput(name: string): Promise<InputRecord | undefined> {
    this.calls.getInput.push(name);
    this.faults.check('getInput');
    return this.inputs.get(name);
  }

  async listInputs(limit: number): Promise<Page<InputRecord>> {
    return { items: [...this.inputs.values()].slice(0, limit), nextToken: undefined };
  }

  async deleteInput(name: string): Promise<boolean> {
    const existed = this.inputs.delete(name);
    if (existed) this.revision++;
    return existed;
  }
}
