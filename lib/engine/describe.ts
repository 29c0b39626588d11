import { formatValue } from '../expression';
import type { DetectorSnapshot } from './snapshot';

/** A detector as the DescribeDetector API returns it (iotevents-data, spec §6). */
export interface DetectorDescription {
  readonly detectorModelName: string;
  readonly keyValue?: string;
  readonly detectorModelVersion: string;
  readonly state: {
    readonly stateName: string;
    /** Values as IoT Events literal text: `"10"`, `"15.0"`, `"false"`, `"\"01\""`. */
    readonly variables: readonly { readonly name: string; readonly value: string }[];
    /** Expiry time in epoch seconds. */
    readonly timers: readonly { readonly name: string; readonly timestamp: number }[];
  };
  /** Epoch seconds with a fraction. */
  readonly creationTime: number;
  readonly lastUpdateTime: number;
}

/** Formats a snapshot the way DescribeDetector does; `keyValue` is left out for a singleton. */
export function describeDetector(snapshot: DetectorSnapshot): DetectorDescription {
  const description: DetectorDescription = {
    detectorModelName: snapshot.detectorModelName,
    keyValue: snapshot.keyValue,
    detectorModelVersion: snapshot.detectorModelVersion,
    state: {
      stateName: snapshot.stateName,
      variables: Object.keys(snapshot.variables).map((name) => ({ name, value: formatValue(snapshot.variables[name]) })),
      timers: Object.keys(snapshot.timers).map((name) => ({ name, timestamp: snapshot.timers[name].dueAt / 1000 })),
    },
    creationTime: snapshot.creationTime / 1000,
    lastUpdateTime: snapshot.lastUpdateTime / 1000,
  };
  if (snapshot.keyValue === undefined) delete (description as { keyValue?: string }).keyValue;
  return description;
}
