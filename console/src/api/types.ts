/**
 * The shapes of the Vigil API answers the console reads (AWS IoT Events' REST shapes; times in
 * epoch seconds). Where the engine declares a shape, it is imported as a type (erased from the
 * bundle); the rest are the REST answers' own.
 */
import type { DetectorDescription } from '../../../lib/engine/describe';
import type { ConditionResult } from '../../../lib/engine/trace';

/** DescribeDetector's `detector` (times in epoch seconds). */
export type Detector = DetectorDescription;
/** One condition's result in a trace. */
export type { ConditionResult };

export interface DetectorModelSummary {
  readonly detectorModelName: string;
  readonly detectorModelDescription?: string;
  readonly creationTime?: number;
}

export interface ModelVersionSummary {
  readonly detectorModelVersion?: string;
  readonly alarmModelVersion?: string;
  readonly status?: string;
  readonly creationTime?: number;
  readonly lastUpdateTime?: number;
}

export interface DetectorModelConfiguration {
  readonly detectorModelName: string;
  readonly detectorModelVersion: string;
  readonly detectorModelDescription?: string;
  readonly key?: string;
  readonly evaluationMethod?: string;
  readonly roleArn?: string;
  readonly status?: string;
}

export interface DetectorModel {
  readonly detectorModelDefinition: { readonly states: unknown[]; readonly initialStateName: string };
  readonly detectorModelConfiguration: DetectorModelConfiguration;
}

export interface AlarmModelSummary {
  readonly alarmModelName: string;
  readonly alarmModelDescription?: string;
  readonly creationTime?: number;
}

export interface AlarmModel {
  readonly alarmModelName: string;
  readonly alarmModelVersion?: string;
  readonly alarmModelDescription?: string;
  readonly key?: string;
  readonly severity?: number;
  readonly status?: string;
  readonly alarmRule?: { readonly simpleRule?: { readonly inputProperty: string; readonly comparisonOperator: string; readonly threshold: string } };
  readonly alarmCapabilities?: { readonly acknowledgeFlow?: { readonly enabled?: boolean } };
}

export interface DetectorSummary {
  readonly detectorModelName: string;
  readonly keyValue?: string;
  readonly detectorModelVersion: string;
  readonly state: { readonly stateName: string };
  readonly creationTime: number;
  readonly lastUpdateTime: number;
}

/** One evaluation as `GET /detectors/{model}/traces` returns it (AWS's DEBUG log record plus Vigil's fields). */
export interface TraceRecord {
  readonly timestamp: string;
  readonly status?: string;
  readonly messageId?: string;
  readonly inputName?: string;
  readonly triggerType?: 'Message' | 'Timer';
  readonly timerName?: string;
  readonly message?: string;
  readonly initialState?: string;
  readonly finalState?: string;
  readonly initialVariables?: Record<string, unknown>;
  readonly finalVariables?: Record<string, unknown>;
  readonly conditionEvaluationResults?: readonly ConditionResult[];
  readonly actions?: readonly {
    readonly eventName: string;
    readonly action: string;
    readonly actionExecutionId: string;
    readonly failure?: { readonly error: string; readonly attempts: number; readonly failedAt: string; readonly target: string };
  }[];
  readonly diagnostics?: readonly { readonly level: string; readonly message: string; readonly path?: string }[];
  readonly skipReason?: string;
}

export interface AlarmSummary {
  readonly alarmModelName: string;
  readonly alarmModelVersion: string;
  readonly keyValue?: string;
  readonly stateName: string;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
}

export interface Alarm {
  readonly alarmModelName: string;
  readonly alarmModelVersion: string;
  readonly keyValue?: string;
  readonly alarmState: {
    readonly stateName: string;
    readonly ruleEvaluation?: { readonly simpleRuleEvaluation?: { readonly inputPropertyValue?: string; readonly operator?: string; readonly thresholdValue?: string } };
    readonly customerAction?: { readonly actionName?: string; readonly [action: string]: unknown };
    readonly systemEvent?: { readonly eventType?: string };
  };
  readonly severity?: number;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
}

export interface InputSummary {
  readonly inputName: string;
  readonly inputDescription?: string;
}

/** A problem of a model, as `POST /api/console/validate` reports it. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  readonly level?: string;
  readonly type?: string;
  readonly position?: { readonly start: number; readonly end: number };
}

export interface ValidationAnswer {
  readonly problems: readonly Problem[];
  readonly analysis?: readonly Problem[];
}

/** One output record of the simulator (`vigil simulate`'s JSON lines). */
export interface SimulationRecord {
  readonly type: string;
  readonly [member: string]: unknown;
}
