import { formatDecimal } from '../expression';
import type { Action, CreateDetectorModelRequest, Event, State, TransitionEvent } from '../model';
import { MODEL_PARAMETERS } from './parameters';
import type { AttributeProposal, Proposal } from './proposal';

/** The most attributes one model watches: 6 events each and 1 more fit AWS's 20 events per state. */
export const ATTRIBUTES_PER_MODEL = 3;

/** Where the models and inputs come from: the input's name and its key attribute. */
export interface ModelNames {
  readonly inputName: string;
  /** Undefined: one detector for the whole history (no `key`). */
  readonly keyAttribute?: string;
}

/**
 * The detector models of a proposal, at most {@link ATTRIBUTES_PER_MODEL} attributes each, named
 * `<input>_anomalies`, `<input>_anomalies_2`, …: states WarmUp (learn a baseline), Monitoring (spike
 * and dip against the running average, drift away from the baseline, flat line) and Silent (no
 * reading within the heartbeat). Every alarm is an `iotTopicPublish` to `vigil/anomalies/<model>`
 * with a JSON payload naming the key, the kind, the attribute and the value. Uses the Vigil
 * extension functions: not portable to AWS IoT Events.
 */
export function detectorModels(proposal: Proposal, names: ModelNames): CreateDetectorModelRequest[] {
  const models: CreateDetectorModelRequest[] = [];
  for (let i = 0; i < proposal.attributes.length; i += ATTRIBUTES_PER_MODEL) {
    const name = `${names.inputName}_anomalies${i ? `_${i / ATTRIBUTES_PER_MODEL + 1}` : ''}`;
    models.push(detectorModel(name, proposal, proposal.attributes.slice(i, i + ATTRIBUTES_PER_MODEL), names));
  }
  return models;
}

function detectorModel(modelName: string, proposal: Proposal, attributes: readonly AttributeProposal[], names: ModelNames): CreateDetectorModelRequest {
  const { warmUp } = MODEL_PARAMETERS;
  const heartbeat = proposal.heartbeat.threshold;
  const w = new Writer(modelName, names);
  const tick = w.event('tick', w.current, [setVariable('n', '$variable.n + 1'), setTimer(heartbeat)]);
  const silent = transition('silent', 'timeout("heartbeat")', 'Silent', [w.publish('silent', undefined, `, "heartbeatSeconds": ${heartbeat}`)]);
  const states: State[] = [
    {
      stateName: 'WarmUp',
      onEnter: { events: [{ eventName: 'start', condition: 'true', actions: [setVariable('n', '0')] }] },
      onInput: {
        events: [...attributes.flatMap((attribute) => [...w.track(attribute), w.learn(attribute)]), tick],
        transitionEvents: [silent, transition('warmedUp', `${w.current} && $variable.n >= ${warmUp}`, 'Monitoring', attributes.flatMap((attribute) => w.freeze(attribute)))],
      },
      onExit: { events: [] },
    },
    {
      stateName: 'Monitoring',
      onEnter: { events: [] },
      onInput: {
        events: [...attributes.flatMap((attribute) => [w.spike(attribute), ...w.track(attribute), w.learnClamped(attribute), w.drift(attribute)]), tick],
        transitionEvents: [silent],
      },
      onExit: { events: [] },
    },
    {
      stateName: 'Silent',
      onEnter: { events: [] },
      onInput: {
        events: [],
        transitionEvents: [
          transition('back', `${w.current} && $variable.n >= ${warmUp}`, 'Monitoring', [setTimer(heartbeat)]),
          transition('backToWarmUp', w.current, 'WarmUp', [setTimer(heartbeat)]),
        ],
      },
      onExit: { events: [] },
    },
  ];
  return {
    detectorModelName: modelName,
    detectorModelDescription: `Proposed by vigil infer from ${proposal.readings} readings: spikes, dips, drift, flat lines and silence of ${attributes.map((a) => a.name).join(', ')}. Uses Vigil extension functions (not portable to AWS IoT Events).`,
    detectorModelDefinition: { states, initialStateName: 'WarmUp' },
    ...(names.keyAttribute ? { key: names.keyAttribute } : {}),
    evaluationMethod: 'SERIAL',
  };
}

/** Writes the expressions of one model: names its variables and reads its input. */
class Writer {
  readonly current: string;

  constructor(
    private readonly modelName: string,
    private readonly names: ModelNames,
  ) {
    this.current = `currentInput("${names.inputName}")`;
  }

  /** `$input.<input>.<attribute>`. */
  read(attribute: AttributeProposal): string {
    return `$input.${this.names.inputName}.${attribute.name}`;
  }

  event(eventName: string, condition: string, actions: Action[]): Event {
    return { eventName, condition, actions };
  }

  /** Run length of identical readings, and the flat-line alarm when it reaches its threshold. */
  track(attribute: AttributeProposal): Event[] {
    const [x, v, present] = [this.read(attribute), this.variable(attribute), `${this.current} && !isUndefined(${this.read(attribute)})`];
    return [
      this.event(`${attribute.name} same`, `${present} && ${x} == $variable.${v}_last`, [setVariable(`${v}_run`, `$variable.${v}_run + 1`)]),
      this.event(`${attribute.name} changed`, `${present} && ${x} != $variable.${v}_last`, [setVariable(`${v}_run`, '1')]),
      this.event(`${attribute.name} flat`, `${present} && $variable.${v}_run == ${attribute.flat.threshold}`, [this.publish('flat', attribute, `, "readings": ${attribute.flat.threshold}`)]),
    ];
  }

  /** Warm-up: every reading updates the running variance, then the average (the variance needs the old average). */
  learn(attribute: AttributeProposal): Event {
    const [x, v] = [this.read(attribute), this.variable(attribute)];
    const alpha = decimal(MODEL_PARAMETERS.alpha);
    return this.event(`${attribute.name} learn`, `${this.current} && !isUndefined(${x})`, [
      setVariable(`${v}_var`, `vigil_ewmvar($variable.${v}_var, $variable.${v}_mean, ${x}, ${alpha})`),
      setVariable(`${v}_mean`, `vigil_ewma($variable.${v}_mean, ${x}, ${alpha})`),
      setVariable(`${v}_last`, x),
    ]);
  }

  /** Monitoring: the reading clamped to the average ± clamp deviations, so a spike barely moves the baseline. */
  learnClamped(attribute: AttributeProposal): Event {
    const [x, v] = [this.read(attribute), this.variable(attribute)];
    const alpha = decimal(MODEL_PARAMETERS.alpha);
    const spread = `${decimal(MODEL_PARAMETERS.clamp)} * vigil_sqrt(vigil_max($variable.${v}_var, ${decimal(attribute.varianceFloor)}))`;
    return this.event(`${attribute.name} learn`, `${this.current} && !isUndefined(${x})`, [
      setVariable(`${v}_c`, `vigil_min(vigil_max(${x}, $variable.${v}_mean - ${spread}), $variable.${v}_mean + ${spread})`),
      setVariable(`${v}_var`, `vigil_ewmvar($variable.${v}_var, $variable.${v}_mean, $variable.${v}_c, ${alpha})`),
      setVariable(`${v}_mean`, `vigil_ewma($variable.${v}_mean, $variable.${v}_c, ${alpha})`),
      setVariable(`${v}_last`, x),
      setVariable(`${v}_drift`, `$variable.${v}_drift && ${this.driftScore(attribute)} > ${decimal(attribute.drift.threshold)}`),
    ]);
  }

  /** The reading's deviation from the running average, before it is learned. */
  spike(attribute: AttributeProposal): Event {
    const [x, v] = [this.read(attribute), this.variable(attribute)];
    const z = `vigil_abs(vigil_zscore(${x}, $variable.${v}_mean, vigil_max($variable.${v}_var, ${decimal(attribute.varianceFloor)})))`;
    return this.event(`${attribute.name} spike`, `${this.current} && ${z} > ${decimal(attribute.spike.threshold)}`, [this.publish('spike', attribute, `, "z": \${${z}}`)]);
  }

  /** The running average leaving the warm-up baseline: one alarm when it leaves, none until it has come back. */
  drift(attribute: AttributeProposal): Event {
    const [x, v] = [this.read(attribute), this.variable(attribute)];
    return this.event(`${attribute.name} drift`, `${this.current} && !isUndefined(${x}) && !$variable.${v}_drift && ${this.driftScore(attribute)} > ${decimal(attribute.drift.threshold)}`, [
      setVariable(`${v}_drift`, 'true'),
      this.publish('drift', attribute, `, "mean": \${$variable.${v}_mean}, "baseline": \${$variable.${v}_ref_mean}`),
    ]);
  }

  /** At the end of the warm-up: the baseline the drift is measured from. */
  freeze(attribute: AttributeProposal): Action[] {
    const v = this.variable(attribute);
    return [setVariable(`${v}_ref_mean`, `$variable.${v}_mean`), setVariable(`${v}_ref_var`, `$variable.${v}_var`), setVariable(`${v}_drift`, 'false')];
  }

  /** An alarm: a JSON message to `vigil/anomalies/<model>`. */
  publish(kind: string, attribute: AttributeProposal | undefined, extra: string): Action {
    const key = this.names.keyAttribute ? `"key": "\${$input.${this.names.inputName}.${this.names.keyAttribute}}", ` : '';
    const about = attribute ? `, "attribute": "${attribute.name}", "value": \${${this.read(attribute)}}` : '';
    return {
      iotTopicPublish: {
        mqttTopic: `vigil/anomalies/${this.modelName}`,
        payload: { contentExpression: `'{${key}"kind": "${kind}"${about}${extra}, "time": \${vigil_timestamp()}}'`, type: 'JSON' },
      },
    };
  }

  private driftScore(attribute: AttributeProposal): string {
    const v = this.variable(attribute);
    return `vigil_abs(vigil_zscore($variable.${v}_mean, $variable.${v}_ref_mean, vigil_max($variable.${v}_ref_var, ${decimal(attribute.varianceFloor)})))`;
  }

  /** The attribute's variables are named after it: `sensorData.pressure` → `sensorData_pressure_mean`, …. */
  private variable(attribute: AttributeProposal): string {
    return flatName(attribute.name);
  }
}

const setVariable = (variableName: string, value: string): Action => ({ setVariable: { variableName, value } });
const setTimer = (seconds: number): Action => ({ setTimer: { timerName: 'heartbeat', seconds } });
const transition = (eventName: string, condition: string, nextState: string, actions: Action[]): TransitionEvent => ({ eventName, condition, actions, nextState });
/** An attribute path as one identifier: its dots become underscores. */
export const flatName = (attribute: string): string => attribute.replace(/\./g, '_');
/** A number as a Decimal literal the parser reads back to the same double (never an exponent). */
const decimal = (value: number): string => formatDecimal(value);
