import { collectReferences, compileExpression, type CompiledExpression } from '../expression';
import type { CompiledAction, CompiledEvent, CompiledField, CompiledModel, CompiledState, CompiledTransition } from './compiled';
import { ModelValidationError } from './errors';
import { parseAttributeJsonPath } from './key-path';
import type { Action, CreateDetectorModelRequest, Event, ExternalActionType, TransitionEvent } from './types';
import { validateModel, type ValidationOptions } from './validate';
import { EXPRESSION_FIELDS, TARGET_FIELDS, looksLikeExpression, readField } from './walk';

/** Options of {@link compileModel}. */
export interface CompileOptions extends ValidationOptions {
  /** The version being compiled; defaults to "1". */
  readonly version?: string;
}

/**
 * Validates a CreateDetectorModel body and compiles it for the engine: every expression is parsed
 * and compiled exactly once, states are indexed by name. Pure.
 *
 * @throws ModelValidationError listing every ERROR-level issue, with JSON paths and positions.
 */
export function compileModel(request: CreateDetectorModelRequest, options: CompileOptions = {}): CompiledModel {
  const issues = validateModel(request, options);
  if (issues.some((issue) => issue.level === 'ERROR')) throw new ModelValidationError(issues);

  const definition = request.detectorModelDefinition;
  const cache = new Map<string, CompiledExpression>();
  // Every input an expression reads routes messages to this model (spec §2.3).
  const inputs = new Set<string>();
  const compile = (source: string) => {
    let compiled = cache.get(source);
    if (!compiled) {
      cache.set(source, (compiled = compileExpression(source)));
      const references = collectReferences(compiled.ast);
      for (const input of references.inputs) inputs.add(input.input);
      for (const current of references.currentInputs) inputs.add(current.name);
    }
    return compiled;
  };

  const states = new Map<string, CompiledState>();
  definition.states.forEach((state, stateIndex) => {
    const base = `states[${stateIndex}]`;
    const events = (list: Event[] | undefined, lifecycle: string) =>
      (list ?? []).map((event, i) => compileEvent(event, `${base}.${lifecycle}.events[${i}]`, compile));
    states.set(state.stateName, {
      name: state.stateName,
      onEnter: events(state.onEnter?.events, 'onEnter'),
      onInput: events(state.onInput?.events, 'onInput'),
      transitions: (state.onInput?.transitionEvents ?? []).map((event, i) =>
        compileTransition(event, `${base}.onInput.transitionEvents[${i}]`, compile),
      ),
      onExit: events(state.onExit?.events, 'onExit'),
    });
  });

  return {
    name: request.detectorModelName,
    version: options.version ?? '1',
    evaluationMethod: request.evaluationMethod ?? 'BATCH',
    key: request.key === undefined ? undefined : { path: request.key, segments: parseAttributeJsonPath(request.key) },
    initialState: definition.initialStateName,
    states,
    inputs,
    request,
  };
}

/** Compiles expression text once per model (a shared cache, which also records the inputs read). */
export type Compile = (source: string) => CompiledExpression;

/** An ARN, URL or name is literal text unless it looks like an expression and parses as one (spec §5.0). */
function targetField(text: string, compile: Compile): CompiledField {
  if (!looksLikeExpression(text)) return { literal: text };
  try {
    return { expression: compile(text) };
  } catch {
    return { literal: text };
  }
}

function compileEvent(event: Event, path: string, compile: Compile): CompiledEvent {
  return {
    name: event.eventName,
    path,
    condition: event.condition === undefined ? undefined : compile(event.condition),
    actions: (event.actions ?? []).map((action, i) => compileAction(action, `${path}.actions[${i}]`, compile)),
  };
}

function compileTransition(event: TransitionEvent, path: string, compile: Compile): CompiledTransition {
  return { ...compileEvent(event, path, compile), nextState: event.nextState };
}

/** Compiles one action (of a detector model, or an alarm model's action, whose kinds are a subset). */
export function compileAction(action: Action, path: string, compile: Compile): CompiledAction {
  if (action.setVariable) {
    return { kind: 'setVariable', path, name: action.setVariable.variableName, value: compile(action.setVariable.value) };
  }
  if (action.setTimer) {
    const { timerName, seconds, durationExpression } = action.setTimer;
    return { kind: 'setTimer', path, name: timerName, seconds, duration: durationExpression === undefined ? undefined : compile(durationExpression) };
  }
  if (action.resetTimer) return { kind: 'resetTimer', path, name: action.resetTimer.timerName };
  if (action.clearTimer) return { kind: 'clearTimer', path, name: action.clearTimer.timerName };

  const type = (Object.keys(action) as (keyof Action)[]).find((member) => action[member] !== undefined) as ExternalActionType;
  const body = action[type] as unknown as Record<string, unknown>;
  const fields: Record<string, CompiledField> = {};
  const target = TARGET_FIELDS[type];
  if (target) {
    fields[target] = targetField(body[target] as string, compile);
  }
  for (const field of EXPRESSION_FIELDS[type] ?? []) {
    const text = readField(body, field);
    if (typeof text === 'string') fields[field] = { expression: compile(text) };
  }
  const payload = body.payload as { contentExpression: string; type: 'STRING' | 'JSON' } | undefined;
  return {
    kind: 'external',
    path,
    type,
    fields,
    options: { useBase64: body.useBase64 as boolean | undefined, separator: body.separator as string | undefined },
    payload: payload ? { type: payload.type, content: compile(payload.contentExpression) } : undefined,
  };
}
