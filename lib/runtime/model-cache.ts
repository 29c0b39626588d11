import { compileModel, type CreateInputRequest } from '../model';
import { compileAlarmModel } from '../model/alarm';
import type { Catalog, Clock, ModelSource, ModelsTable, Telemetry } from '../ports';
import { compileLatest } from './compile-latest';

/** How soon a failed refresh is tried again. */
const RETRY_AFTER_FAILURE_MS = 1000;

/** Options of {@link ModelCache}. */
export interface ModelCacheOptions {
  /** How long a catalog is used before the repository's revision is checked again. */
  readonly refreshMs: number;
  /** Inputs that always exist (Vigil's built-in lifecycle inputs). */
  readonly builtInInputs: readonly CreateInputRequest[];
  /** Shortest timer allowed when compiling (the runtime setting). */
  readonly minTimerSeconds: number;
  readonly clock: Clock;
  readonly telemetry: Telemetry;
}

/**
 * The compiled detector and alarm models of one container. The repository's revision is checked
 * at most every `refreshMs` (one small read); only models whose version changed are compiled
 * again. Concurrent callers share one refresh.
 */
export class ModelCache implements ModelSource {
  private current: Catalog | undefined;
  private checkedAt = -Infinity;
  private refreshing: Promise<Catalog> | undefined;

  constructor(
    private readonly repository: ModelsTable,
    private readonly options: ModelCacheOptions,
  ) {}

  catalog(): Promise<Catalog> {
    if (this.current && this.options.clock.now() - this.checkedAt < this.options.refreshMs) return Promise.resolve(this.current);
    this.refreshing ??= this.refresh()
      .catch((error: unknown) => {
        // A throttled or failed refresh must not stop the container: keep running the models it
        // has (they were current a moment ago) and try again after a second. Without any, fail.
        if (!this.current) throw error;
        this.options.telemetry.log('warn', 'could not refresh detector models; running the cached ones', { error: (error as Error).message });
        this.checkedAt = this.options.clock.now() - Math.max(0, this.options.refreshMs - RETRY_AFTER_FAILURE_MS);
        return this.current;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /** Forgets the cached catalog, so the next call reads the repository (after a local change). */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  private async refresh(): Promise<Catalog> {
    const index = await this.repository.index();
    this.checkedAt = this.options.clock.now();
    if (this.current?.revision === index.revision) return this.current;
    const log = (message: string, fields: Record<string, unknown>) => this.options.telemetry.log('error', message, fields);
    const { minTimerSeconds } = this.options;
    const detectors = await compileLatest(index.models, this.current?.models ?? [], {
      label: 'detector model',
      nameField: 'detectorModelName',
      read: (name, version) => this.repository.getModel(name, version),
      compile: (request, version) => compileModel(request, { version, minTimerSeconds }),
    }, log);
    const alarms = await compileLatest(index.alarmModels ?? new Map<string, string>(), this.current?.alarmModels ?? [], {
      label: 'alarm model',
      nameField: 'alarmModelName',
      read: (name, version) => this.repository.getAlarmModel(name, version),
      compile: (request, version) => compileAlarmModel(request, { version }),
    }, log);
    const inputs = new Map<string, CreateInputRequest>(this.options.builtInInputs.map((input) => [input.inputName, input]));
    for (const name of index.inputs) {
      const record = await this.repository.getInput(name);
      if (record) inputs.set(name, record.request);
    }
    const models = detectors.compiled;
    const alarmModels = alarms.compiled;
    this.current = { revision: index.revision, models, alarmModels, inputs, unavailable: detectors.unavailable, unavailableAlarmModels: alarms.unavailable };
    this.options.telemetry.log('info', 'detector models loaded', {
      revision: index.revision,
      models: models.map((m) => `${m.name}@${m.version}`),
      ...(alarmModels.length ? { alarmModels: alarmModels.map((m) => `${m.name}@${m.version}`) } : {}),
    });
    return this.current;
  }
}
