import type { CompiledAlarmModel } from '../model/alarm';
import type { CompiledModel, CreateInputRequest } from '../model';

/** Every detector and alarm model ready to run (latest versions) and every input, at one revision. */
export interface Catalog {
  /** Changes whenever a model or input is created, updated or deleted. */
  readonly revision: string;
  readonly models: readonly CompiledModel[];
  /**
   * Alarm models, latest versions. Their names live apart from detector models' (AWS keeps two
   * namespaces): an alarm model may share a detector model's name. Absent: none.
   */
  readonly alarmModels?: readonly CompiledAlarmModel[];
  /** Inputs by name (including Vigil's built-in lifecycle inputs). */
  readonly inputs: ReadonlyMap<string, CreateInputRequest>;
  /**
   * Models that exist but could not be loaded (a stored version that no longer compiles, or a
   * version not readable yet). Their timers wait for them rather than being dropped as if the
   * model had been deleted.
   */
  readonly unavailable?: ReadonlySet<string>;
  /**
   * Alarm models that exist but could not be loaded (a stored version that no longer compiles, or
   * one not readable yet): their instances and snooze wake-ups wait for them.
   */
  readonly unavailableAlarmModels?: ReadonlySet<string>;
}

/** Where the running side gets detector and alarm models from (cached per container, refreshed on change). */
export interface ModelSource {
  catalog(): Promise<Catalog>;
}
