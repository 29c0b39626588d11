import { isVigilFunction, parseExpression, walk, type Node } from '../expression';
import { isAlarmModelBody, listActions, listEvents, listExpressions, type CreateAlarmModelRequest, type DetectorModelDefinition, type ExpressionSite } from '../model';
import { alarmPortability } from './alarm-portability';

/** Something a model uses that behaves differently on Vigil than on AWS IoT Events: re-test it. */
export interface PortabilityFinding {
  /** The JSON path in the model (inside the definition relative to it, as validation reports). */
  readonly path: string;
  readonly message: string;
  /** The entry of docs/decisions.md that says what Vigil does (`D5`, `E7`, `AL5`). */
  readonly decision: string;
}

/** AWS's minimum timer: shorter ones were not guaranteed (D6). */
const MIN_TIMER_SECONDS = 60;

/** `path: message (docs/decisions.md D5)`, as the commands print a finding. */
export function formatPortability(finding: PortabilityFinding): string {
  return `${finding.path ? `${finding.path}: ` : ''}${finding.message} (docs/decisions.md ${finding.decision})`;
}

/**
 * The portability report of a detector model or alarm model body: what it uses whose behaviour
 * AWS left undocumented and Vigil chose ([UNDOC], docs/decisions.md), timers under AWS's 60 s
 * minimum, functions AWS IoT Events does not have — what a team moving from AWS should re-test,
 * and what cannot go back. One finding per kind and place; each names its decision. Pure; a model
 * that does not validate gives what can be read of it.
 */
export function portabilityReport(body: unknown): PortabilityFinding[] {
  if (isAlarmModelBody(body)) return alarmPortability(body as CreateAlarmModelRequest);
  const request = (body ?? {}) as { detectorModelDefinition?: DetectorModelDefinition; evaluationMethod?: string; key?: string };
  const definition = request.detectorModelDefinition;
  if (typeof definition !== 'object' || definition === null) return [];
  const found: PortabilityFinding[] = [];
  const once = new Set<string>();
  const add = (finding: PortabilityFinding, onceKey?: string) => {
    if (onceKey !== undefined && once.has(onceKey)) return;
    if (onceKey !== undefined) once.add(onceKey);
    found.push(finding);
  };
  const inputs = new Set<string>();
  for (const site of listExpressions(definition)) expressionFindings(site, inputs, add);
  if (inputs.size > 1) add({ path: 'states', message: `reads ${inputs.size} inputs (${[...inputs].join(', ')}): $input of each keeps its last message's value between messages of the others`, decision: 'D1' });
  timerFindings(definition, add);
  orderFindings(definition, add);
  if (request.evaluationMethod !== 'SERIAL') batchFindings(definition, add);
  const defaults = listActions(definition).filter((site) => site.types.length === 1 && !['setVariable', 'setTimer', 'resetTimer', 'clearTimer'].includes(site.types[0]) && !(site.action[site.types[0]] as { payload?: unknown } | undefined)?.payload);
  if (defaults.length) {
    add({ path: defaults[0].path, message: `${defaults.length} action(s) send the default payload: its actionExecutionId (D11), eventTime (D12) and timer details (D7) are Vigil's choices${request.key === undefined ? '; keyValue is left out, the model having no key (D16)' : ''}`, decision: 'D7' });
  }
  return found;
}

function expressionFindings(site: ExpressionSite, inputs: Set<string>, add: (finding: PortabilityFinding, onceKey?: string) => void): void {
  let tree: Node;
  try {
    tree = parseExpression(site.source);
  } catch {
    return;
  }
  walk(tree, (node) => {
    if (node.kind === 'input') inputs.add(node.input);
    if (node.kind === 'call') {
      const literal = node.args[0]?.kind === 'string' ? node.args[0].value : undefined;
      if (node.callee === 'currentInput' && literal) inputs.add(literal);
      if (isVigilFunction(node.callee)) add({ path: site.path, message: `${node.callee}() is a Vigil function: AWS IoT Events has none such, so this model no longer runs there`, decision: 'M6' });
      if (node.callee === 'timeout') add({ path: site.path, message: 'timeout() stays true until a cycle that evaluates it ends', decision: 'D5' }, 'timeout');
      if (node.callee === 'convert') add({ path: site.path, message: 'convert() accepts the conversions AWS left open (Integer to String or Decimal, Boolean spellings in any case)', decision: 'E12' }, 'convert');
    }
    if (node.kind === 'binary' && node.operator === '/') add({ path: site.path, message: 'integer division truncates toward zero and dividing by zero is undefined', decision: 'E7' }, 'division');
    if (node.kind === 'template' && site.source.slice(node.span.start, node.span.start + 1) === '"') {
      add({ path: site.path, message: '${…} is substituted inside a double-quoted string too', decision: 'E3' }, 'template');
    }
  });
  if (site.role === 'target') add({ path: site.path, message: 'this target is computed from an expression, not taken as literal text', decision: 'D10' });
}

function timerFindings(definition: DetectorModelDefinition, add: (finding: PortabilityFinding) => void): void {
  for (const site of listActions(definition)) {
    const timer = site.action.setTimer as { timerName?: unknown; seconds?: unknown; durationExpression?: unknown } | undefined;
    if (!timer) continue;
    const seconds = typeof timer.seconds === 'number' ? timer.seconds : typeof timer.durationExpression === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(timer.durationExpression) ? Number(timer.durationExpression) : undefined;
    if (seconds !== undefined && seconds < MIN_TIMER_SECONDS) {
      add({ path: `${site.path}.setTimer`, message: `timer ${String(timer.timerName)} of ${seconds} s is under AWS's ${MIN_TIMER_SECONDS} s minimum: Vigil does not set it unless minTimerSeconds is lowered`, decision: 'D6' });
    }
  }
}

/** A transition with actions out of a state whose onExit has actions: the order of the two is Vigil's choice. */
function orderFindings(definition: DetectorModelDefinition, add: (finding: PortabilityFinding) => void): void {
  const events = listEvents(definition);
  for (const site of events.filter((event) => event.transition && (event.event.actions?.length ?? 0) > 0)) {
    if (events.some((other) => other.stateIndex === site.stateIndex && other.lifecycle === 'onExit' && (other.event.actions?.length ?? 0) > 0)) {
      add({ path: site.path, message: "its actions run after the state's onInput events and before its onExit and the next state's onEnter", decision: 'D2' });
    }
  }
}

/** BATCH evaluation: a condition of an onInput reads a variable that an event of the same onInput sets. */
function batchFindings(definition: DetectorModelDefinition, add: (finding: PortabilityFinding, onceKey?: string) => void): void {
  const events = listEvents(definition).filter((site) => site.lifecycle === 'onInput');
  for (const site of events) {
    const set = (site.event.actions ?? []).flatMap((action) => (action.setVariable?.variableName ? [action.setVariable.variableName] : []));
    for (const other of events) {
      const reads = set.find((name) => other !== site && other.stateIndex === site.stateIndex && typeof other.event.condition === 'string' && other.event.condition.includes(`$variable.${name}`));
      if (reads) {
        add({ path: `${other.path}.condition`, message: `BATCH evaluation: this condition sees $variable.${reads} as it was before ${site.path} set it in the same cycle`, decision: 'D3' }, `${other.path}.condition`);
        break;
      }
    }
  }
}
