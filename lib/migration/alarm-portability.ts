import type { CreateAlarmModelRequest } from '../model';
import type { PortabilityFinding } from './portability';

/**
 * The portability report of an alarm model: its default action payload and its notifications are
 * the parts AWS documented least, so Vigil's choices there are worth a re-test.
 */
export function alarmPortability(body: CreateAlarmModelRequest): PortabilityFinding[] {
  const found: PortabilityFinding[] = [];
  const actions = body.alarmEventActions?.alarmActions ?? [];
  const defaults = actions.flatMap((action, i) => (Object.values(action).some((value) => (value as { payload?: unknown } | undefined)?.payload) ? [] : [i]));
  if (defaults.length) {
    found.push({ path: `alarmEventActions.alarmActions[${defaults[0]}]`, message: `${defaults.length} alarm action(s) send the default payload, whose shape AWS left undocumented`, decision: 'AL5' });
  }
  if (body.alarmNotification?.notificationActions?.length) {
    found.push({ path: 'alarmNotification', message: "notifications go to the Lambda function with AWS's event, recipients resolved by Vigil; check the function and the recipients", decision: 'AL6' });
  }
  return found;
}
