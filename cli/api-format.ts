import type { AnalysisResult, DetectorModel, DetectorModelSummary, DetectorModelVersionSummary, Input, InputConfiguration, InputSummary } from '@aws-sdk/client-iot-events';
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

/** One line per version, newest first as the API lists them: version, status, evaluation, last update. */
export function formatModelVersionSummaries(summaries: readonly DetectorModelVersionSummary[]): string[] {
  const width = Math.max(2, ...summaries.map((s) => `v${s.detectorModelVersion}`.length));
  return summaries.map((s) => `${`v${s.detectorModelVersion}`.padEnd(width)}  ${(s.status ?? '').padEnd(10)}  ${(s.evaluationMethod ?? 'BATCH').padEnd(6)}  updated ${time(s.lastUpdateTime)}`);
}

/** An input: status, description, the attributes models may read. */
export function formatInput(input: Input): string[] {
  const c: Partial<InputConfiguration> = input.inputConfiguration ?? {};
  const attributes = (input.inputDefinition?.attributes ?? []).map((a) => a.jsonPath);
  return [
    `${c.inputName} (${c.status})`,
    ...(c.inputDescription ? [`  ${c.inputDescription}`] : []),
    `  attributes: ${attributes.join(', ') || 'none'}`,
    `  arn: ${c.inputArn}`,
    `  created ${time(c.creationTime)}, updated ${time(c.lastUpdateTime)}`,
  ];
}

/** One line per input: name, status, creation time, description. */
export function formatInputSummaries(summaries: readonly InputSummary[]): string[] {
  const width = Math.max(4, ...summaries.map((s) => (s.inputName ?? '').length));
  return summaries.map((s) => `${(s.inputName ?? '').padEnd(width)}  ${(s.status ?? '').padEnd(8)}  created ${time(s.creationTime)}${s.inputDescription ? `  ${s.inputDescription}` : ''}`);
}

/** An analysis finding as `LEVEL path: message` (the path left out when it has none). */
export function formatAnalysisResult(result: AnalysisResult): string {
  const paths = (result.locations ?? []).flatMap((location) => (location.path ? [location.path] : []));
  return `${result.level} ${paths.length ? `${paths.join(', ')}: ` : ''}${result.message}`;
}
