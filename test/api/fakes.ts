import type { DataApiDeps } from '../../lib/api/data/deps';
import type { ControlApiDeps } from '../../lib/api/control/deps';
import { engineOptions } from '../../lib/engine';
import { builtInInputs } from '../../lib/lifecycle';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../lib/model';
import {
  ModelConflictError,
  SILENT,
  StaleDetectorError,
  detectorId,
  type AnalysisRecord,
  type AnalysisStore,
  type CatalogIndex,
  type Clock,
  type DetectorKey,
  type DetectorStore,
  type DetectorSummary,
  type DetectorWrite,
  type InputRecord,
  type ModelRepository,
  type ModelVersionRecord,
  type Page,
  type StoredDetector,
  type Wakeup,
  type WakeupStore,
} from '../../lib/ports';
import { ModelCache } from '../../lib/runtime/model-cache';

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  constructor(public time = Date.UTC(2026, 0, 1)) {}
  now = () => this.time;
  sleep = async (ms: number) => {
    this.time += ms;
  };
}

/** Detectors in a map, with the same conditional-write contract as the DynamoDB store. */
export class MemoryDetectorStore implements DetectorStore {
  readonly items = new Map<string, StoredDetector & { effects: DetectorWrite['effects'] }>();
  async getMany(keys: readonly DetectorKey[]) {
    return new Map(keys.flatMap((key) => (this.items.has(detectorId(key)) ? [[detectorId(key), this.items.get(detectorId(key)) as StoredDetector] as const] : [])));
  }
  async get(key: DetectorKey) {
    return this.items.get(detectorId(key));
  }
  async put(write: DetectorWrite) {
    const current = this.items.get(detectorId(write.key));
    if (current?.version !== write.expectedVersion) throw new StaleDetectorError(write.key, current);
    this.items.set(detectorId(write.key), { key: write.key, version: (current?.version ?? 0) + 1, snapshot: write.snapshot, recentIds: write.recentIds, traceCount: write.traceCount, effects: write.effects });
  }
  async delete(key: DetectorKey) {
    return this.items.delete(detectorId(key));
  }
  async list(model: string, options: { stateName?: string; limit: number; nextToken?: string }): Promise<Page<DetectorSummary>> {
    const start = options.nextToken === undefined ? 0 : Number(options.nextToken);
    if (!Number.isInteger(start)) throw Object.assign(new Error(`nextToken '${options.nextToken}' is not valid`), { name: 'InvalidTokenError' });
    const all = [...this.items.values()]
      .filter((item) => item.key.model === model && (options.stateName === undefined || item.snapshot.stateName === options.stateName))
      .sort((a, b) => ((a.key.keyValue ?? '') < (b.key.keyValue ?? '') ? -1 : 1));
    const items = all.slice(start, start + options.limit).map((item) => ({
      key: item.key,
      modelVersion: item.snapshot.detectorModelVersion,
      stateName: item.snapshot.stateName,
      creationTime: item.snapshot.creationTime,
      lastUpdateTime: item.snapshot.lastUpdateTime,
    }));
    return { items, nextToken: start + options.limit < all.length ? String(start + options.limit) : undefined };
  }
}

/** Models (every version) and inputs in maps, with the DynamoDB repository's contract. */
export class MemoryModelRepository implements ModelRepository {
  private revision = 0;
  readonly versions = new Map<string, ModelVersionRecord[]>();
  readonly inputs = new Map<string, InputRecord>();
  async index(): Promise<CatalogIndex> {
    return {
      revision: String(this.revision),
      models: new Map([...this.versions].map(([name, list]) => [name, list[list.length - 1].version])),
      inputs: new Set(this.inputs.keys()),
    };
  }
  async putModel(request: CreateDetectorModelRequest, previous: number | undefined, now: number) {
    const list = this.versions.get(request.detectorModelName) ?? [];
    if ((previous ?? 0) !== list.length) throw new ModelConflictError(request.detectorModelName, 'conflict');
    const record = { name: request.detectorModelName, version: String(list.length + 1), request: structuredClone(request), creationTime: now, lastUpdateTime: now };
    this.versions.set(request.detectorModelName, [...list, record]);
    this.revision++;
    return record;
  }
  async getModel(name: string, version?: string) {
    const list = this.versions.get(name);
    if (!list) return undefined;
    if (version !== undefined) return list.find((record) => record.version === version);
    // Like the `latest` item: the model's first creation time, the latest version's update time.
    return { ...list[list.length - 1], creationTime: list[0].creationTime };
  }
  async listModels(limit: number, nextToken?: string) {
    const names = [...this.versions.keys()].sort().filter((name) => nextToken === undefined || name > nextToken);
    const items = await Promise.all(names.slice(0, limit).map(async (name) => (await this.getModel(name)) as ModelVersionRecord));
    return { items, nextToken: names.length > limit ? items[items.length - 1].name : undefined };
  }
  async listVersions(name: string, limit: number, nextToken?: string) {
    const list = [...(this.versions.get(name) ?? [])].reverse().filter((record) => nextToken === undefined || Number(record.version) < Number(nextToken));
    const items = list.slice(0, limit);
    return { items, nextToken: list.length > limit ? items[items.length - 1].version : undefined };
  }
  async deleteModel(name: string) {
    this.revision++;
    return this.versions.delete(name);
  }
  async putInput(request: CreateInputRequest, create: boolean, now: number) {
    const existing = this.inputs.get(request.inputName);
    if (create === Boolean(existing)) throw new ModelConflictError(request.inputName, 'conflict');
    const record = { name: request.inputName, request: structuredClone(request), creationTime: existing?.creationTime ?? now, lastUpdateTime: now };
    this.inputs.set(request.inputName, record);
    this.revision++;
    return record;
  }
  async getInput(name: string) {
    return this.inputs.get(name);
  }
  async listInputs(limit: number, nextToken?: string) {
    const all = [...this.inputs.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).filter((item) => nextToken === undefined || item.name > nextToken);
    const items = all.slice(0, limit);
    return { items, nextToken: all.length > limit ? items[items.length - 1].name : undefined };
  }
  async deleteInput(name: string) {
    this.revision++;
    return this.inputs.delete(name);
  }
}

/** Wake-ups in a list. */
export class MemoryWakeupStore implements WakeupStore {
  readonly wakeups: Wakeup[] = [];
  async schedule(wakeups: readonly Wakeup[]) {
    this.wakeups.push(...wakeups);
  }
  async due(since: number, until: number) {
    return this.wakeups.filter((w) => w.dueAt >= since && w.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt);
  }
  async remove(wakeups: readonly Wakeup[]) {
    for (const wakeup of wakeups) this.wakeups.splice(this.wakeups.indexOf(wakeup), 1);
  }
}

/** Analyses in a map, expiring like the DynamoDB store. */
export class MemoryAnalysisStore implements AnalysisStore {
  readonly records = new Map<string, AnalysisRecord>();
  async put(record: AnalysisRecord) {
    this.records.set(record.analysisId, record);
  }
  async get(id: string, now: number) {
    const record = this.records.get(id);
    return record && record.expiresAt > now ? record : undefined;
  }
}

/** A whole in-memory back end: the data and control API dependencies over shared stores. */
export function memoryBackend(options: { minTimerSeconds?: number } = {}) {
  const clock = new ManualClock();
  const repository = new MemoryModelRepository();
  const detectors = new MemoryDetectorStore();
  const wakeups = new MemoryWakeupStore();
  const analyses = new MemoryAnalysisStore();
  const minTimerSeconds = options.minTimerSeconds ?? 60;
  const models = new ModelCache(repository, { refreshMs: 0, builtInInputs: builtInInputs(), minTimerSeconds, clock, telemetry: SILENT });
  let ids = 0;
  const data: DataApiDeps = {
    detectors,
    wakeups,
    models,
    clock,
    telemetry: SILENT,
    random: () => 0,
    settings: { engine: engineOptions({ minTimerSeconds }), duplicateWindowMs: 300_000, maxRecentIds: 256, maxPayloadBytes: 131_072, concurrency: 4 },
  };
  const control: ControlApiDeps = {
    repository,
    detectors,
    analyses,
    models,
    clock,
    telemetry: SILENT,
    builtInInputs: builtInInputs(),
    minTimerSeconds,
    modelRefreshMs: 5000,
    onCatalogChange: () => models.invalidate(),
    newId: () => `analysis-${++ids}`,
  };
  return { clock, repository, detectors, wakeups, analyses, models, data, control };
}
