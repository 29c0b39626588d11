import type { Route } from '../router';
import { batchAlarmOperation } from './alarm-operations';
import { describeAlarmOperation, listAlarmsOperation } from './alarm-queries';
import { batchDeleteDetector, readBatchDeleteDetector } from './batch-delete-detector';
import { batchUpdateDetector, readBatchUpdateDetector } from './batch-update-detector';
import { describeDetectorOperation, detectorTracesOperation, listDetectorsOperation } from './detector-queries';
import type { DataApiDeps } from './deps';
import { putMessages } from './put-messages';

/** The iotevents-data operations Vigil serves, by method and path (restJson1, as the AWS SDK calls them). */
export function dataRoutes(deps: DataApiDeps): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/inputs/messages',
      handle: (request) => putMessages(request, deps),
    },
    { method: 'POST', pattern: '/detectors', handle: (request) => batchUpdateDetector(readBatchUpdateDetector(request.body), deps) },
    { method: 'POST', pattern: '/detectors/delete', handle: (request) => batchDeleteDetector(readBatchDeleteDetector(request.body), deps) },
    { method: 'GET', pattern: '/detectors/{detectorModelName}/keyValues', handle: (request, params) => describeDetectorOperation(request, params.detectorModelName, deps) },
    // Not an AWS operation: Vigil keeps each detector's last evaluation traces.
    { method: 'GET', pattern: '/detectors/{detectorModelName}/traces', handle: (request, params) => detectorTracesOperation(request, params.detectorModelName, deps) },
    { method: 'GET', pattern: '/detectors/{detectorModelName}', handle: (request, params) => listDetectorsOperation(request, params.detectorModelName, deps) },
    { method: 'POST', pattern: '/alarms/acknowledge', handle: (request) => batchAlarmOperation('ACKNOWLEDGE', request.body, deps) },
    { method: 'POST', pattern: '/alarms/disable', handle: (request) => batchAlarmOperation('DISABLE', request.body, deps) },
    { method: 'POST', pattern: '/alarms/enable', handle: (request) => batchAlarmOperation('ENABLE', request.body, deps) },
    { method: 'POST', pattern: '/alarms/reset', handle: (request) => batchAlarmOperation('RESET', request.body, deps) },
    { method: 'POST', pattern: '/alarms/snooze', handle: (request) => batchAlarmOperation('SNOOZE', request.body, deps) },
    { method: 'GET', pattern: '/alarms/{alarmModelName}/keyValues', handle: (request, params) => describeAlarmOperation(request, params.alarmModelName, deps) },
    { method: 'GET', pattern: '/alarms/{alarmModelName}', handle: (request, params) => listAlarmsOperation(request, params.alarmModelName, deps) },
  ];
}
