import { compileAlarmModel, type CompiledAlarmModel, type CreateAlarmModelRequest } from '../../../lib/model';
import type { Catalog } from '../../../lib/ports';
import type { Runtime } from '../../../lib/wiring';
import type { RuntimeOverrides, TestStack } from '../stack';

/**
 * The alarm models a test runs, compiled as the catalog will carry them once the alarm model
 * registry stores them (until then the runtime's catalog has none): version by version, so a test
 * can move a model to a new version (UpdateAlarmModel) and see its instances adopted.
 */
export class AlarmModels {
  private readonly compiled = new Map<string, CompiledAlarmModel>();

  constructor(bodies: readonly CreateAlarmModelRequest[] = []) {
    for (const body of bodies) this.put(body);
  }

  /** Stores a new version of `body` (version 1, then 2, …) and returns it. */
  put(body: CreateAlarmModelRequest): CompiledAlarmModel {
    const previous = this.compiled.get(body.alarmModelName);
    const model = compileAlarmModel(body, { version: String(previous ? Number(previous.version) + 1 : 1) });
    this.compiled.set(body.alarmModelName, model);
    return model;
  }

  /** Forgets a model (DeleteAlarmModel). */
  delete(name: string): void {
    this.compiled.delete(name);
  }

  /** The latest versions. */
  all(): CompiledAlarmModel[] {
    return [...this.compiled.values()];
  }

  /** A runtime of `stack` whose catalog also carries these alarm models (their latest versions, at each call). */
  runtime(stack: TestStack, overrides?: RuntimeOverrides): Runtime {
    const runtime = stack.runtime(overrides);
    const models = runtime.models;
    const catalog = async (): Promise<Catalog> => {
      const base = await models.catalog();
      return { ...base, revision: `${base.revision}+${this.all().map((model) => `${model.name}@${model.version}`).join(',')}`, alarmModels: this.all() };
    };
    // The models cache keeps its other methods; only what it hands out gains the alarm models.
    return { ...runtime, models: Object.assign(Object.create(models) as typeof models, { catalog }) };
  }
}
