import type { DetectorModel, DetectorModelSummary } from '@aws-sdk/client-iot-events';
import type { DetectorSummary, Detector } from '@aws-sdk/client-iot-events-data';

/**
 * Readable text for API responses (the `--json` flag prints the responses themselves). Times are
 * ISO 8601 in UTC, so a line means the same thing on every machine.
 */

const time = (date: Date | undefined) => (date ? date.toISOString() : '-');

/** A detector: its state, variables (literal text, as DescribeDetector returns them) and timers. */
export function formatDetector(detector: Detector): string[] {
  const state = detector.state;
  const lines = [`${detector.detectorModelName}${detector.keyValue === undefined ? '' : ` ${detector.keyValue}`} (version ${detector.detectorModelVersion})`, `  state: ${state?.stateName}`];
  const variables = state?.variables ?? [];
  lines.push(variables.length ? '  variables:' : '  variables: none', ...variables.map((v) => `    ${v.name} = ${v.value}`));
  const timers = state?.timers ?? [];
  lines.push(timers.length ? '  timers:' : '  timers: none', ...timers.map((t) => `    ${t.name} expires ${time(t.timestamp)}`));
  lines.push(`  created ${time(detector.creationTime)}, updated ${time(detector.lastUpdateTime)}`);
  return lines;
}

/** One line per detector: key value, state, version, last update. */
export function formatDetectorSummaries(summaries: readonly DetectorSummary[]): string[] {
  const width = Math.max(9, ...summaries.map((s) => (s.keyValue ?? '-').length));
  return summaries.map((s) => `${(s.keyValue ?? '-').padEnd(width)}  ${(s.state?.stateName ?? '').padEnd(12)}  v${s.detectorModelVersion}  updated ${time(s.lastUpdateTime)}`);
}

/** A detector model version: status, key, evaluation method, states. */
export function formatDetectorModel(model: DetectorModel): string[] {
  const c = model.detectorModelConfiguration ?? {};
  const definition = model.detectorModelDefinition;
  const states = (definition?.states ?? []).map((s) => (s.stateName === definition?.initialStateName ? `${s.stateName} (initial)` : s.stateName));
  return [
    `${c.detectorModelName} version ${c.detectorModelVersion} (${c.status})`,
    ...(c.detectorModelDescription ? [`  ${c.detectorModelDescription}`] : []),
    `  key: ${c.key ?? 'none (one detector)'}, evaluation: ${c.evaluationMethod ?? 'BATCH'}`,
    `  states: ${states.join(', ')}`,
    `  arn: ${c.detectorModelArn}`,
    `  created ${time(c.creationTime)}, updated ${time(c.lastUpdateTime)}`,
  ];
}

/** One line per model: name, creation time, description. */
export function formatModelSummaries(summaries: readonly DetectorModelSummary[]): string[] {
  const width = Math.max(4, ...summaries.map((s) => (s.detectorModelName ?? '').length));
  return summaries.map((s) => `${(s.detectorModelName ?? '').padEnd(width)}  created ${time(s.creationTime)}${s.detectorModelDescription ? `  ${s.detectorModelDescription}` : ''}`);
}
