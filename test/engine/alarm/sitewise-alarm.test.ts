import { parseTypedJson } from '../../../lib/expression';
import { transitionAlarm, type ActionEffect, type AlarmMessage, type AlarmResult, type AlarmSnapshot, type AlarmTrigger, type OperatorAction } from '../../../lib/engine';
import { normalizeSiteWiseNotification } from '../../../lib/lifecycle';
import { compileAlarmModel, type CreateAlarmModelRequest } from '../../../lib/model';
import { NOW } from '../../helpers/alarm';

const M = 'm-1';
const value = (property: string) => `$sitewise.assetModel.\`${M}\`.\`${property}\`.propertyValue.value`;

/** The SiteWise user guide's alarm: temperature over a threshold, its state written back to the asset's AWS/ALARM_STATE property. */
function siteWiseAlarm(threshold: string, extra: Partial<CreateAlarmModelRequest> = {}) {
  return compileAlarmModel({
    alarmModelName: 'boilerTemperature',
    roleArn: 'arn:aws:iam::123456789012:role/alarms',
    severity: 3,
    alarmRule: { simpleRule: { inputProperty: value('temp'), comparisonOperator: 'GREATER', threshold } },
    alarmEventActions: { alarmActions: [{ iotSiteWise: { assetId: `$sitewise.assetModel.\`${M}\`.\`temp\`.assetId`, propertyId: "'alarm-state'" } }] },
    alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: true } },
    ...extra,
  } as CreateAlarmModelRequest);
}

let sent = 0;
/** A SiteWise notification of `property` for asset boiler-7, through the same mapping the runtime uses. */
function notification(property: string, variant: string, seconds = NOW / 1000): AlarmMessage {
  const output = parseTypedJson(`{"type": "PropertyValueUpdate", "payload": {"assetId": "boiler-7", "propertyId": "${property}", "values": [{"timestamp": {"timeInSeconds": ${seconds}, "offsetInNanos": ${++sent}}, "quality": "GOOD", "value": {${variant}}}]}}`);
  const result = normalizeSiteWiseNotification(`$aws/sitewise/asset-models/${M}/assets/boiler-7/properties/${property}`, output as Record<string, unknown>);
  if (!result.ok) throw new Error(result.error);
  return { type: 'message', ...result.message };
}
const temp = (degrees: number | string) => notification('temp', `"doubleValue": ${degrees}`);
function operator(action: OperatorAction['action'], note?: string, snoozeDuration?: number): OperatorAction {
  return { type: 'operator', requestId: `req-${++sent}`, keyValue: 'boiler-7', action, ...(note === undefined ? {} : { note }), ...(snoozeDuration === undefined ? {} : { snoozeDuration }) } as OperatorAction;
}

function apply(model: ReturnType<typeof siteWiseAlarm>, snapshot: AlarmSnapshot | undefined, trigger: AlarmTrigger, now = NOW): AlarmResult {
  const result = transitionAlarm(model, snapshot, trigger, now);
  if (result.refused) throw new Error(result.message);
  return result;
}

describe('SiteWise-backed alarms in the engine', () => {
  it('writes the AWS/ALARM_STATE JSON to the asset on every state change, in every state', () => {
    // Arrange: one instance walked through every state.
    const model = siteWiseAlarm('70');
    const steps: [AlarmTrigger, number][] = [
      [temp(85), NOW],
      [operator('ACKNOWLEDGE', 'on it'), NOW + 1000],
      [temp(50), NOW + 2000],
      [temp(90), NOW + 3000],
      [temp(60), NOW + 4000],
      [operator('SNOOZE', 'maintenance', 60), NOW + 5000],
      [{ type: 'wake' }, NOW + 65_000],
      [operator('DISABLE', 'off shift'), NOW + 66_000],
      [operator('ENABLE'), NOW + 67_000],
    ];
    const created = apply(model, undefined, temp(20));
    let snapshot = created.snapshot as AlarmSnapshot;

    // Act
    const written = steps.map(([trigger, now]) => {
      const result = apply(model, snapshot, trigger, now);
      snapshot = result.snapshot as AlarmSnapshot;
      const [effect] = result.effects as ActionEffect[];
      return effect?.type === 'iotSiteWise' ? { assetId: effect.assetId, propertyId: effect.propertyId, json: effect.propertyValue.value.stringValue, time: effect.propertyValue.timestamp } : undefined;
    });

    // Assert
    const rule = (input: string) => `"ruleEvaluation":{"simpleRule":{"inputProperty":${input},"operator":"GREATER","threshold":70}}`;
    expect(created.effects).toEqual([]);
    expect(written.map((write) => write?.json)).toEqual([
      `{"stateName":"ACTIVE",${rule('85.0')}}`,
      `{"stateName":"ACKNOWLEDGED",${rule('85.0')},"customerAction":{"actionName":"ACKNOWLEDGE","acknowledgeActionConfiguration":{"note":"on it"}}}`,
      `{"stateName":"NORMAL",${rule('50.0')},"customerAction":{"actionName":"ACKNOWLEDGE","acknowledgeActionConfiguration":{"note":"on it"}}}`,
      `{"stateName":"ACTIVE",${rule('90.0')},"customerAction":{"actionName":"ACKNOWLEDGE","acknowledgeActionConfiguration":{"note":"on it"}}}`,
      `{"stateName":"LATCHED",${rule('60.0')},"customerAction":{"actionName":"ACKNOWLEDGE","acknowledgeActionConfiguration":{"note":"on it"}}}`,
      `{"stateName":"SNOOZE_DISABLED",${rule('60.0')},"customerAction":{"actionName":"SNOOZE","snoozeActionConfiguration":{"snoozeDuration":60,"note":"maintenance"}}}`,
      `{"stateName":"NORMAL",${rule('60.0')},"customerAction":{"actionName":"SNOOZE","snoozeActionConfiguration":{"snoozeDuration":60,"note":"maintenance"}},"systemEvent":{"eventType":"STATE_CHANGE","stateChangeConfiguration":{"triggerType":"SNOOZE_TIMEOUT"}}}`,
      `{"stateName":"DISABLED",${rule('60.0')},"customerAction":{"actionName":"DISABLE","disableActionConfiguration":{"note":"off shift"}}}`,
      `{"stateName":"NORMAL",${rule('60.0')},"customerAction":{"actionName":"ENABLE","enableActionConfiguration":{}}}`,
    ]);
    // Operator actions and the snooze timeout have no notification: the asset is the instance's key.
    expect(written.every((write) => write?.assetId === 'boiler-7' && write.propertyId === 'alarm-state')).toBe(true);
    expect(written[1]?.time).toEqual({ timeInSeconds: (NOW + 1000) / 1000, offsetInNanos: 0 });
  });

  it('compares a double exactly as the expression language does: 70 is not over 70.0, 70.000001 is', () => {
    // Arrange
    const model = siteWiseAlarm('70.0');
    const normal = apply(model, undefined, temp(20)).snapshot;

    // Act
    const equal = apply(model, normal, temp(70));
    const over = apply(model, normal, temp('70.000001'));

    // Assert
    expect(equal.snapshot?.stateName).toBe('NORMAL');
    expect(over.snapshot).toMatchObject({ stateName: 'ACTIVE', ruleEvaluation: { inputPropertyValue: '70.000001', thresholdValue: '70.0' } });
  });

  it('waits for its threshold attribute: no evaluation, with a diagnostic, until the asset has published it', () => {
    // Arrange
    const model = siteWiseAlarm(value('max-temp'));
    const first = apply(model, undefined, temp(85));

    // Act
    const threshold = apply(model, first.snapshot, notification('max-temp', '"doubleValue": 80'));
    const next = apply(model, threshold.snapshot, temp(85));

    // Assert
    expect(first.snapshot).toMatchObject({ stateName: 'NORMAL', keyValue: 'boiler-7', ruleEvaluation: undefined });
    expect(first.diagnostics).toEqual([expect.objectContaining({ path: 'alarmRule.simpleRule.threshold', message: `the threshold ${value('max-temp')} has no value yet: no message has carried it` })]);
    expect(threshold).toMatchObject({ changed: true, effects: [], snapshot: { stateName: 'NORMAL', threshold: { value: 80 } } });
    expect(next.snapshot).toMatchObject({ stateName: 'ACTIVE', ruleEvaluation: { inputPropertyValue: '85.0', thresholdValue: '80.0' } });
  });

  it('keeps a threshold published while it is disabled, and compares with it once enabled', () => {
    // Arrange: new instances start DISABLED (AWS's default); the attribute is published meanwhile.
    const model = siteWiseAlarm(value('max-temp'), { alarmCapabilities: undefined });
    const created = apply(model, undefined, notification('max-temp', '"integerValue": 80'));

    // Act
    const enabled = apply(model, created.snapshot, operator('ENABLE'));
    const breach = apply(model, enabled.snapshot, temp(85));

    // Assert
    expect(created.snapshot).toMatchObject({ stateName: 'DISABLED', threshold: { value: 80n } });
    expect(breach.snapshot).toMatchObject({ stateName: 'ACTIVE', ruleEvaluation: { thresholdValue: '80' } });
  });
});
