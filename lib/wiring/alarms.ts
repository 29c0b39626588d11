import type { DynamoDBClient } from '../adapters/clients';
import type { Config } from '../config';
import type { AlarmInstanceRemover, Clock, Telemetry } from '../ports';
import { AlarmInstances } from '../runtime/remove-alarm-instances';
import { alarmStore, wakeupStore } from './stores';

/**
 * What DeleteAlarmModel needs of the alarm instances (the control API's wiring injects it): their
 * removal from the detectors table, with their pending snooze wake-ups from the timers table.
 */
export function alarmInstanceRemover(config: Config, dynamodb: DynamoDBClient, telemetry: Telemetry, clock: Clock): AlarmInstanceRemover {
  return new AlarmInstances({ alarms: alarmStore(config, dynamodb), wakeups: wakeupStore(config, dynamodb, clock), telemetry });
}
