import type { CompiledAlarmModel } from '../../model';
import { detectorKey, type KeyResult } from '../routing';

/** One alarm model a message reaches, with the instance key or the reason it cannot be routed. */
export interface AlarmRoute {
  readonly model: CompiledAlarmModel;
  readonly key: KeyResult;
}

/**
 * The alarm models a message of `inputName` reaches — every model whose rule reads the input (its
 * input property, or a threshold kept from it) — each with its own instance key, read as a
 * detector's is (docs/decisions.md D8; a model without a key has one instance).
 */
export function routeAlarmMessage(models: Iterable<CompiledAlarmModel>, inputName: string, payload: unknown): AlarmRoute[] {
  const routes: AlarmRoute[] = [];
  for (const model of models) if (model.inputs.has(inputName)) routes.push({ model, key: detectorKey(model, payload, 'alarm model') });
  return routes;
}
