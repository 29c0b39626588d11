import type { CreateInputRequest } from '../model';
import { formatRate } from './alarm-models';
import type { ModelNames } from './detector-model';
import { robustSigma, type Choice, type Proposal } from './proposal';
import { quantile } from './reservoir';

/** The CreateInput body of the history's input: the key and every numeric attribute. */
export function inputDefinition(proposal: Proposal, names: ModelNames): CreateInputRequest {
  const paths = [...(names.keyAttribute ? [names.keyAttribute] : []), ...proposal.attributes.map((attribute) => attribute.name)];
  return {
    inputName: names.inputName,
    inputDescription: 'Telemetry, as vigil infer read it.',
    inputDefinition: { attributes: paths.map((jsonPath) => ({ jsonPath })) },
  };
}

/**
 * The report `vigil infer` prints: one row per attribute with its fleet baseline (the median of
 * the keys' medians and robust deviations) and each proposed threshold with the alarms it would
 * have raised on the history and their rate; then the heartbeat. A `!` marks a threshold that
 * could not keep within the rate asked for (the strictest candidate was taken).
 */
export function reportLines(proposal: Proposal): string[] {
  const header = ['attribute', 'readings', 'median', 'robust σ', 'spike |z| >', 'alarms', 'rate ≤', 'drift >', 'alarms', 'rate ≤', 'flat ≥', 'alarms', 'rate ≤', 'high/low k', 'rate ≤'];
  const rows = proposal.attributes.map((attribute) => {
    const baselines = [...attribute.baselines.values()];
    const median = quantile(baselines.map((b) => b.median).sort((a, b) => a - b), 0.5);
    const sigma = quantile(baselines.map(robustSigma).sort((a, b) => a - b), 0.5);
    return [
      attribute.name, String(attribute.readings), number(median), number(sigma),
      ...cells(attribute.spike), ...cells(attribute.drift), ...cells(attribute.flat),
      `${attribute.high.threshold}${attribute.high.withinRate ? '' : '!'}/${attribute.low.threshold}${attribute.low.withinRate ? '' : '!'}`, `${formatRate(attribute.high.bound)}/${formatRate(attribute.low.bound)}`,
    ];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const { heartbeat } = proposal;
  return [
    `${proposal.readings} readings of ${proposal.keys} key(s), ${new Date(proposal.start).toISOString()} to ${new Date(proposal.end).toISOString()};` +
      ` each threshold keeps its alarm rate within ${formatRate(proposal.maxRate)} of readings.`,
    '(! = its bound could not: the history is too short to show so low a rate, or even the strictest candidate fires more often)',
    line(header),
    ...rows.map(line),
    `silence: heartbeat ${heartbeat.threshold} s (99% of gaps ≤ ${number(proposal.gapP99 / 1000)} s): ${heartbeat.alarms} alarm(s), rate ≤ ${formatRate(heartbeat.bound)} of gaps${heartbeat.withinRate ? '' : ' !'}`,
    '"rate ≤" is the 95% upper bound of alarms per reading on this history (Poisson), its real anomalies counted as false alarms:',
    'an upper bound of the false-alarm rate on data like it.',
  ];
}

/**
 * The proposal as JSON (`<input>.inference.json`): every chosen threshold with its alarms on the
 * history, rate and bound, for tools and tests to read instead of the table.
 */
export function proposalSummary(proposal: Proposal): Record<string, unknown> {
  return {
    readings: proposal.readings, keys: proposal.keys, start: proposal.start, end: proposal.end, maxRate: proposal.maxRate,
    heartbeat: proposal.heartbeat, gapP99Ms: Number.isFinite(proposal.gapP99) ? proposal.gapP99 : null,
    attributes: proposal.attributes.map(({ name, readings, varianceFloor, spike, drift, flat, high, low }) => ({ name, readings, varianceFloor, spike, drift, flat, high, low })),
  };
}

function cells(choice: Choice): string[] {
  return [`${choice.threshold}${choice.withinRate ? '' : '!'}`, String(choice.alarms), formatRate(choice.bound)];
}

function number(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : '-';
}
