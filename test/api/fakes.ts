import type { DataApiDeps } from '../../lib/api/data/deps';
import type { ControlApiDeps } from '../../lib/api/control/deps';
import { engineOptions } from '../../lib/engine';
import { builtInInputs } from '../../lib/lifecycle';
import { VirtualClock } from '../../local/virtual-clock';
import { SILENT } from '../../lib/ports';
import { ModelCache } from '../../lib/runtime/model-cache';
import { LOCAL_PLACEHOLDERS } from '../../lib/model/placeholders';
import { MemoryAnalysisStore } from '../support/memory-analysis-store';
import { MemoryDetectorStore } from '../support/memory-detector-store';
import { MemoryModelRepository } from '../support/memory-model-repository';
import { MemoryWakeupStore } from '../support/memory-wakeup-store';

/** Where the API tests' clock starts. */
const START = Date.UTC(2026, 0, 1);

/**
 * A whole in-memory back end: the data and control API dependencies over shared stores (the
 * runtime tests' fakes), and a clock that moves only when a test advances it.
 */
export function memoryBackend(options: { minTimerSeconds?: number } = {}) {
  const clock = new VirtualClock(START);
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
    settings: { engine: engineOptions({ minTimerSeconds }), duplicateWindowMs: 300_000, maxRecentIds: 256, maxMessageBytes: 131_072, concurrency: 4 },
  };
  const control: ControlApiDeps = {
    repository,
    alarmModels: repository,
    detectors,
    analyses,
    models,
    clock,
    stage: LOCAL_PLACEHOLDERS.stage,
    telemetry: SILENT,
    builtInInputs: builtInInputs(),
    minTimerSeconds,
    modelRefreshMs: 5000,
    onCatalogChange: () => models.invalidate(),
    newId: () => `analysis-${++ids}`,
  };
  return { clock, repository, detectors, wakeups, analyses, models, data, control };
}
