import type { CreateInputRequest } from '../../model';
import type { AlarmInstanceRemover, AlarmModelRepository, AnalysisStore, Clock, DetectorStore, ModelRepository, ModelSource, RolePassCheck, Telemetry } from '../../ports';

/** What the control-plane API uses. */
export interface ControlApiDeps {
  readonly repository: ModelRepository;
  /** Alarm models and their versions (the same models table, a namespace of their own). */
  readonly alarmModels: AlarmModelRepository;
  /**
   * DeleteAlarmModel deletes the alarm model's instances and their snooze wake-ups, as AWS did.
   * Absent where no alarm runtime is wired: there are then no instances to delete.
   */
  readonly alarmInstances?: AlarmInstanceRemover;
  /** DeleteDetectorModel deletes the model's detectors, as AWS did. */
  readonly detectors: DetectorStore;
  readonly analyses: AnalysisStore;
  /** The running catalog (ListInputRoutings reads which models each input reaches). */
  readonly models: ModelSource;
  readonly clock: Clock;
  /** The deployment's stage: what `${Vigil::Stage}` becomes in a model or input sent to the API. */
  readonly stage: string;
  readonly telemetry: Telemetry;
  /** Inputs that always exist (Vigil's lifecycle inputs): models may read them, nobody may create them. */
  readonly builtInInputs: readonly CreateInputRequest[];
  /** Shortest timer a model may set (the runtime setting; AWS: 60 s). */
  readonly minTimerSeconds: number;
  /** How long a model version takes to reach every container: it is ACTIVATING until then. */
  readonly modelRefreshMs: number;
  /** Called after every change of a model or input, so this container's own cache sees it at once. */
  readonly onCatalogChange?: () => void;
  /**
   * Whether the caller may pass a model's role (`iam:PassRole`), checked on every Create and Update
   * of a model, which must then name a role. Absent when model roles are ignored (MODEL_ROLES=ignore,
   * the local stack): roles are then neither required nor checked.
   */
  readonly rolePassCheck?: RolePassCheck;
  /** New analysis ids; random UUIDs unless a test fixes them. */
  readonly newId?: () => string;
}
