/**
 * Alarm models: the AWS shapes, validation with every problem reported by JSON path, and
 * compilation for the alarm engine. Pure.
 */
export { ALARM_ACTION, ALARM_CONTROL_PLANE_SHAPES, CREATE_ALARM_MODEL_REQUEST, UPDATE_ALARM_MODEL_REQUEST } from './api-shapes';
export { compileAlarmModel, type AlarmCompileOptions } from './compile';
export type { CompiledAlarmModel, CompiledAlarmRule, CompiledEmail, CompiledNotification, CompiledOperand, CompiledSiteWise, CompiledSms } from './compiled';
export * from './types';
export { isAlarmModelBody, validateAlarmModel, type AlarmValidationOptions } from './validate';
