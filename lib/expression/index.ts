/**
 * The AWS IoT Events expression language: parse, compile to closures, evaluate, analyse.
 * Pure: no I/O, no clock, no environment.
 */
export type { BinaryOperator, Node, PathSegment, UnaryOperator } from './ast';
export { walk } from './ast';
export type { EvalContext, Evaluator, TriggerType } from './context';
export { convertTarget, convertValue, type ConvertTarget } from './convert';
export { ExpressionCompileError, ExpressionError, ExpressionSyntaxError } from './errors';
export { compileExpression, type CompiledExpression } from './expression';
export { BUILT_INS } from './functions';
export { CONTEXT_FUNCTIONS, FUNCTIONS } from './function-table';
export { VIGIL_FUNCTIONS, VIGIL_PREFIX, isVigilFunction } from './vigil-functions';
export { ewma, ewmvar, ratePerSecond, zscore } from './vigil-statistics';
export { ANY_TYPE, TYPE, describeTypes, inferType, type TypeEnvironment, type TypeFinding, type TypeInference, type TypeSet } from './infer-types';
export { JsonNestingError, MAX_JSON_DEPTH, MAX_STORED_JSON_DEPTH, checkJsonTextNesting, checkJsonValueNesting } from './json-nesting';
export { MAX_EXPRESSION_LENGTH, parseExpression } from './parser';
export { collectReferences, type ExpressionReferences, type InputReference, type NamedReference } from './references';
export { SITEWISE_MEMBERS, isSiteWiseInputName, siteWiseIdProblem, siteWiseInputName, siteWiseProperty, type SiteWiseProperty } from './sitewise-input';
export { span, type Span } from './span';
export { parseJsonNumber, parseTypedJson, stringifyTypedJson } from './typed-json';
export { Fault, INT64_MAX, INT64_MIN, formatDecimal, formatValue, fromPayload, isNumeric, typeName, wrapInt64, type TypeName, type Value } from './values';
export { utf8Length } from './utf8-length';
