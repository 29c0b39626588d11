import type { CreateAlarmModelRequest } from '../../lib/model';

/** The asset model, asset and properties of the SiteWise examples. */
export const SITEWISE = { assetModelId: 'a1b2c3d4-5678-90ab-cdef-11111EXAMPLE', assetId: 'boiler-7', temperature: 'temperature', alarmState: 'alarm-state' } as const;

/** `$sitewise.assetModel.`m`.`p`.<member>` of the example asset model. */
export function siteWiseRead(propertyId: string, member: 'propertyValue.value' | 'assetId' = 'propertyValue.value'): string {
  return `$sitewise.assetModel.\`${SITEWISE.assetModelId}\`.\`${propertyId}\`.${member}`;
}

/**
 * A SiteWise-backed alarm model as the SiteWise user guide defines one: temperature over 70, its
 * state written back to the asset's AWS/ALARM_STATE property (an iotSiteWise action without
 * propertyValue), new instances NORMAL.
 */
export function siteWiseAlarmBody(alarmModelName = 'boilerTemperature'): CreateAlarmModelRequest {
  return {
    alarmModelName,
    roleArn: 'arn:aws:iam::000000000000:role/alarms',
    severity: 3,
    alarmRule: { simpleRule: { inputProperty: siteWiseRead(SITEWISE.temperature), comparisonOperator: 'GREATER', threshold: '70' } },
    alarmEventActions: { alarmActions: [{ iotSiteWise: { assetId: siteWiseRead(SITEWISE.temperature, 'assetId'), propertyId: `'${SITEWISE.alarmState}'` } }] },
    alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: true } },
  };
}

/** The topic SiteWise publishes the temperature of the example asset on. */
export const TEMPERATURE_TOPIC = `$aws/sitewise/asset-models/${SITEWISE.assetModelId}/assets/${SITEWISE.assetId}/properties/${SITEWISE.temperature}`;

/** A property value notification of the example asset's temperature, as SiteWise publishes it. */
export function temperatureNotification(degrees: number, timeInSeconds: number): Record<string, unknown> {
  return {
    type: 'PropertyValueUpdate',
    payload: { assetId: SITEWISE.assetId, propertyId: SITEWISE.temperature, values: [{ timestamp: { timeInSeconds, offsetInNanos: 0 }, quality: 'GOOD', value: { doubleValue: degrees } }] },
  };
}
