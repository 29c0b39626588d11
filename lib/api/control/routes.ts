import type { ResourceScope } from '../resource-scope';
import type { Route } from '../router';
import { describeDetectorModelAnalysis, getDetectorModelAnalysisResults, startDetectorModelAnalysis } from './analysis';
import { deleteAlarmModel, describeAlarmModel, listAlarmModelVersions, listAlarmModels } from './alarm-model-queries';
import { createAlarmModel, updateAlarmModel } from './alarm-models';
import { deleteDetectorModel } from './delete-detector-model';
import type { ControlApiDeps } from './deps';
import { createDetectorModel, updateDetectorModel } from './detector-models';
import { createInput, deleteInput, describeInput, listInputs, updateInput } from './inputs';
import { listInputRoutings } from './input-routings';
import { describeDetectorModel, listDetectorModelVersions, listDetectorModels } from './model-queries';

/**
 * The iotevents (control plane) operations Vigil serves (inputs, detector models, alarm models, analysis), by method and path (restJson1, as the
 * AWS SDK calls them). The context is the account and region that ARNs name.
 */
export function controlRoutes(deps: ControlApiDeps): Route<ResourceScope>[] {
  return [
    { method: 'POST', pattern: '/inputs', handle: (request, _params, scope) => createInput(request, deps, scope) },
    { method: 'GET', pattern: '/inputs', handle: (request, _params, scope) => listInputs(request, deps, scope) },
    { method: 'GET', pattern: '/inputs/{inputName}', handle: (_request, params, scope) => describeInput(params.inputName, deps, scope) },
    { method: 'PUT', pattern: '/inputs/{inputName}', handle: (request, params, scope) => updateInput(params.inputName, request, deps, scope) },
    { method: 'DELETE', pattern: '/inputs/{inputName}', handle: (_request, params) => deleteInput(params.inputName, deps) },
    { method: 'POST', pattern: '/input-routings', handle: (request, _params, scope) => listInputRoutings(request, deps, scope) },
    { method: 'POST', pattern: '/detector-models', handle: (request, _params, scope) => createDetectorModel(request, deps, scope) },
    { method: 'GET', pattern: '/detector-models', handle: (request) => listDetectorModels(request, deps) },
    { method: 'GET', pattern: '/detector-models/{detectorModelName}', handle: (request, params, scope) => describeDetectorModel(params.detectorModelName, request, deps, scope) },
    { method: 'POST', pattern: '/detector-models/{detectorModelName}', handle: (request, params, scope) => updateDetectorModel(params.detectorModelName, request, deps, scope) },
    { method: 'DELETE', pattern: '/detector-models/{detectorModelName}', handle: (_request, params) => deleteDetectorModel(params.detectorModelName, deps) },
    { method: 'GET', pattern: '/detector-models/{detectorModelName}/versions', handle: (request, params, scope) => listDetectorModelVersions(params.detectorModelName, request, deps, scope) },
    { method: 'POST', pattern: '/alarm-models', handle: (request, _params, scope) => createAlarmModel(request, deps, scope) },
    { method: 'GET', pattern: '/alarm-models', handle: (request) => listAlarmModels(request, deps) },
    { method: 'GET', pattern: '/alarm-models/{alarmModelName}', handle: (request, params, scope) => describeAlarmModel(params.alarmModelName, request, deps, scope) },
    { method: 'POST', pattern: '/alarm-models/{alarmModelName}', handle: (request, params, scope) => updateAlarmModel(params.alarmModelName, request, deps, scope) },
    { method: 'DELETE', pattern: '/alarm-models/{alarmModelName}', handle: (_request, params) => deleteAlarmModel(params.alarmModelName, deps) },
    { method: 'GET', pattern: '/alarm-models/{alarmModelName}/versions', handle: (request, params, scope) => listAlarmModelVersions(params.alarmModelName, request, deps, scope) },
    { method: 'POST', pattern: '/analysis/detector-models', handle: (request) => startDetectorModelAnalysis(request, deps) },
    { method: 'GET', pattern: '/analysis/detector-models/{analysisId}', handle: (_request, params) => describeDetectorModelAnalysis(params.analysisId, deps) },
    { method: 'GET', pattern: '/analysis/detector-models/{analysisId}/results', handle: (request, params) => getDetectorModelAnalysisResults(params.analysisId, request, deps) },
  ];
}
