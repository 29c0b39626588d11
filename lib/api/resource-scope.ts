/** The partition, region and account that ARNs in responses name. */
export interface ResourceScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** The scope of the local emulators (and of tests). */
export const LOCAL_SCOPE: ResourceScope = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };

/**
 * The scope of a Lambda function, read from its own ARN (`arn:<partition>:lambda:<region>:<account>:function:…`);
 * the local scope when the ARN is missing or not one.
 */
export function scopeFromFunctionArn(functionArn: string | undefined): ResourceScope {
  const [arn, partition, service, region, accountId] = (functionArn ?? '').split(':');
  if (arn !== 'arn' || service !== 'lambda' || !partition || !region || !accountId) return LOCAL_SCOPE;
  return { partition, region, accountId };
}

/** `arn:aws:iotevents:<region>:<account>:input/<name>`, as AWS named inputs. */
export function inputArn(scope: ResourceScope, name: string): string {
  return `arn:${scope.partition}:iotevents:${scope.region}:${scope.accountId}:input/${name}`;
}

/** `arn:aws:iotevents:<region>:<account>:detectorModel/<name>`, as AWS named detector models. */
export function detectorModelArn(scope: ResourceScope, name: string): string {
  return `arn:${scope.partition}:iotevents:${scope.region}:${scope.accountId}:detectorModel/${name}`;
}

/** `arn:aws:iotevents:<region>:<account>:alarmModel/<name>`, as AWS named alarm models. */
export function alarmModelArn(scope: ResourceScope, name: string): string {
  return `arn:${scope.partition}:iotevents:${scope.region}:${scope.accountId}:alarmModel/${name}`;
}
