import { compileModel, type CompiledModel, type CreateInputRequest } from '../model';
import type { Catalog, Clock, ModelRepository, ModelSource, Telemetry } from '../ports';

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
 * The compiled detector models of one container. The repository's revision is checked at most
 * every `refreshMs` (one small read); only models whose version changed are compiled again.
 * Concurrent callers share one refresh.
 */
export class ModelCache implements ModelSource {
  private current: Catalog | undefined;
  private checkedAt = -Infinity;
  private refreshing: Promise<Catalog> | undefined;

  constructor(
    private readonly repository: ModelRepository,
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
    const previous = new Map((this.current?.models ?? []).map((model) => [`${model.name}@${model.version}`, model]));
    const models: CompiledModel[] = [];
    const unavailable = new Set<string>();
    for (const [name, version] of index.models) {
      const reused = previous.get(`${name}@${version}`);
      if (reused) {
        models.push(reused);
        continue;
      }
      const record = await this.repository.getModel(name, version);
      if (!record) {
        unavailable.add(name);
        continue;
      }
      try {
        models.push(compileModel(record.request, { version, minTimerSeconds: this.options.minTimerSeconds }));
      } catch (error) {
        // One broken model must not stop every other model from running.
        this.options.telemetry.log('error', 'stored detector model does not compile; it is not run', { detectorModelName: name, version, error: (error as Error).message });
        unavailable.add(name);
      }
    }
    const inputs = new Map<string, CreateInputRequest>(this.options.builtInInputs.map((input) => [input.inputName, input]));
    for (const name of index.inputs) {
      const record = await this.repository.getInput(name);
      if (record) inputs.set(name, record.request);
    }
    this.current = { revision: index.revision, models, inputs, unavailable };
    this.options.telemetry.log('info', 'detector models loaded', { revision: index.revision, models: models.map((m) => `${m.name}@${m.version}`) });
    return this.current;
  }
}
