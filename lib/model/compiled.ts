import type { CompiledExpression } from '../expression';
import type { CreateDetectorModelRequest, ExternalActionType } from './types';

/**
 * A detector model ready to run: validated, every expression parsed and compiled once, states
 * indexed by name. Built by `compileModel`; read by the engine on every message.
 */
export interface CompiledModel {
  readonly name: string;
  /** The version this compilation belongs to ("1", "2", …). */
  readonly version: string;
  readonly evaluationMethod: 'BATCH' | 'SERIAL';
  /** Where the detector key is in a message payload; undefined for a singleton model. */
  readonly key: { readonly path: string; readonly segments: readonly string[] } | undefined;
  readonly initialState: string;
  readonly states: ReadonlyMap<string, CompiledState>;
  /** Every input the model refers to anywhere: the inputs whose messages reach it. */
  readonly inputs: ReadonlySet<string>;
  /** The request the model was compiled from, unchanged. */
  readonly request: CreateDetectorModelRequest;
}

export interface CompiledState {
  readonly name: string;
  readonly onEnter: readonly CompiledEvent[];
  readonly onInput: readonly CompiledEvent[];
  readonly transitions: readonly CompiledTransition[];
  readonly onExit: readonly CompiledEvent[];
}

export interface CompiledEvent {
  readonly name: string;
  /** JSON path of the event, e.g. `states[1].onInput.events[0]`. */
  readonly path: string;
  /** Undefined when the event has no condition: it always fires. */
  readonly condition: CompiledExpression | undefined;
  readonly actions: readonly CompiledAction[];
}

export interface CompiledTransition extends CompiledEvent {
  readonly nextState: string;
}

/** A field of an external action: plain text, or an expression evaluated when the action runs. */
export type CompiledField = { readonly literal: string } | { readonly expression: CompiledExpression };

export interface CompiledPayload {
  readonly type: 'STRING' | 'JSON';
  readonly content: CompiledExpression;
}

export type CompiledAction =
  | { readonly kind: 'setVariable'; readonly path: string; readonly name: string; readonly value: CompiledExpression }
  | {
      readonly kind: 'setTimer';
      readonly path: string;
      readonly name: string;
      readonly seconds: number | undefined;
      readonly duration: CompiledExpression | undefined;
    }
  | { readonly kind: 'resetTimer'; readonly path: string; readonly name: string }
  | { readonly kind: 'clearTimer'; readonly path: string; readonly name: string }
  | CompiledExternalAction;

/** An action whose effect leaves the detector (SNS, SQS, Lambda, …), with its fields compiled. */
export interface CompiledExternalAction {
  readonly kind: 'external';
  readonly path: string;
  readonly type: ExternalActionType;
  /** Fields by their dotted name inside the action body (`propertyValue.value.doubleValue`). */
  readonly fields: Readonly<Record<string, CompiledField>>;
  /** Boolean and fixed options taken verbatim (`useBase64`, `separator`). */
  readonly options: { readonly useBase64?: boolean; readonly separator?: string };
  readonly payload: CompiledPayload | undefined;
}
