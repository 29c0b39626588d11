/**
 * Detector models and inputs: the AWS shapes, validation with every problem reported by JSON path,
 * and compilation for the engine. Pure.
 */
export type { CompiledAction, CompiledEvent, CompiledExternalAction, CompiledField, CompiledModel, CompiledPayload, CompiledState, CompiledTransition } from './compiled';
export {
  ACTION, CONTROL_PLANE_SHAPES, CREATE_DETECTOR_MODEL_REQUEST, CREATE_INPUT_REQUEST, LIST_INPUT_ROUTINGS_REQUEST,
  START_DETECTOR_MODEL_ANALYSIS_REQUEST, UPDATE_DETECTOR_MODEL_REQUEST, UPDATE_INPUT_REQUEST,
} from './api-shapes';
export { checkMembers, type MemberCheckOptions } from './check-members';
export { closestName } from './closest-name';
export { compileModel, type CompileOptions } from './compile';
export { ModelValidationError } from './errors';
export { formatIssue, sortIssues, type AnalysisType, type IssueLevel, type ModelIssue } from './issues';
export { isAttributeJsonPath, parseAttributeJsonPath, readPath } from './key-path';
export { SCALAR, listOf, structure, type ListShape, type MemberShape, type StructureShape } from './shape';
export * from './types';
export { validateInput } from './validate-input';
export { validateModel, type ValidationOptions } from './validate';
export { listActions, listEvents, listExpressions, looksLikeExpression, type ActionSite, type EventSite, type ExpressionSite, type LifecycleName } from './walk';
export * from './alarm';
