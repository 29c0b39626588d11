import { formatDecimal } from '../expression';
import type { CreateInputRequest } from '../model';
import type { CreateAlarmModelRequest } from '../model/alarm/types';
import { flatName, type ModelNames } from './detector-model';
import type { AttributeProposal, Proposal } from './proposal';
import { robustSigma } from './proposal';

/** The alarm models of a proposal, and what per-key thresholds need besides them. */
export interface AlarmModels {
  readonly models: CreateAlarmModelRequest[];
  /** With a key: the input carrying each key's thresholds, and one message per key to send it once. */
  readonly baselineInput?: CreateInputRequest;
  readonly baselineMessages?: readonly { messageId: string; inputName: string; payload: Record<string, string | number> }[];
}

/** The name of the input that carries per-key thresholds. */
export const baselineInputName = (inputName: string): string => `${inputName}Baseline`;

/**
 * Two alarm models per attribute, `<input>_<attribute>_high` (GREATER) and `_low` (LESS), at the
 * chosen number of robust deviations from the median. With a key, each key's thresholds come from
 * an input attribute (`$input.<input>Baseline.<attribute>_high`), sent once per key (an alarm keeps
 * the last threshold it received, AL3); without one, the thresholds are literal numbers. Portable to
 * AWS IoT Events: no extension function is used.
 */
export function alarmModels(proposal: Proposal, names: ModelNames): AlarmModels {
  const perKey = names.keyAttribute !== undefined;
  const baseline = baselineInputName(names.inputName);
  const models = proposal.attributes.flatMap((attribute) => (['high', 'low'] as const).map((side): CreateAlarmModelRequest => ({
    alarmModelName: `${names.inputName}_${flatName(attribute.name)}_${side}`,
    alarmModelDescription: `Proposed by vigil infer: ${attribute.name} ${side === 'high' ? 'above' : 'below'} the median by ${attribute[side].threshold} robust deviations` +
      ` (${formatRate(attribute[side].rate)} of the history's readings).`,
    ...(names.keyAttribute ? { key: names.keyAttribute } : {}),
    severity: 2,
    alarmRule: {
      simpleRule: {
        inputProperty: `$input.${names.inputName}.${attribute.name}`,
        comparisonOperator: side === 'high' ? 'GREATER' : 'LESS',
        threshold: perKey ? `$input.${baseline}.${flatName(attribute.name)}_${side}` : formatDecimal(thresholdOf(attribute, '', side)),
      },
    },
    alarmEventActions: { alarmActions: [{ iotTopicPublish: { mqttTopic: `vigil/alarms/${names.inputName}_${flatName(attribute.name)}_${side}` } }] },
    alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: false } },
  })));
  if (!names.keyAttribute) return { models };
  const keyAttribute = names.keyAttribute;
  return {
    models,
    baselineInput: {
      inputName: baseline,
      inputDescription: 'Per-key alarm thresholds proposed by vigil infer: send one message per key once (vigil batch-put-message).',
      inputDefinition: { attributes: [keyAttribute, ...proposal.attributes.flatMap((a) => [`${flatName(a.name)}_high`, `${flatName(a.name)}_low`])].map((jsonPath) => ({ jsonPath })) },
    },
    baselineMessages: [...keysOf(proposal)].map((key, i) => {
      const payload: Record<string, string | number> = { [keyAttribute]: key };
      for (const attribute of proposal.attributes) {
        if (!attribute.baselines.has(key)) continue;
        payload[`${flatName(attribute.name)}_high`] = thresholdOf(attribute, key, 'high');
        payload[`${flatName(attribute.name)}_low`] = thresholdOf(attribute, key, 'low');
      }
      return { messageId: `baseline-${i + 1}`, inputName: baseline, payload };
    }),
  };
}

/** `median ± k·σ` of a key (`''`: the only key of a model without one), as the replay counted it. */
export function thresholdOf(attribute: AttributeProposal, key: string, side: 'high' | 'low'): number {
  const baseline = attribute.baselines.get(key) ?? [...attribute.baselines.values()][0];
  const sigma = robustSigma(baseline);
  const k = attribute[side].threshold;
  return side === 'high' ? baseline.median + k * sigma : baseline.median - k * sigma;
}

function keysOf(proposal: Proposal): Set<string> {
  return new Set(proposal.attributes.flatMap((attribute) => [...attribute.baselines.keys()]));
}

/** A rate as a percentage with 3 significant digits: `0.0120%`. */
export function formatRate(rate: number): string {
  return `${(rate * 100).toPrecision(3)}%`;
}
