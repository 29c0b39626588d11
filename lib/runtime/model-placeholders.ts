/**
 * Values substituted into model files (`models/*.json`) when they are loaded, so one file works in
 * any account, region and stage: `${AWS::AccountId}`, `${AWS::Region}`, `${AWS::Partition}`,
 * `${Vigil::Stage}`. Models sent through the API are stored verbatim, as AWS IoT Events did.
 */
export interface Placeholders {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly stage: string;
}

/** The account and region of the local emulators. */
export const LOCAL_PLACEHOLDERS: Placeholders = { accountId: '000000000000', region: 'us-east-1', partition: 'aws', stage: 'local' };

/** Replaces the placeholders in a model file's text. */
export function fillPlaceholders(text: string, values: Placeholders): string {
  return text
    .replaceAll('${AWS::AccountId}', values.accountId)
    .replaceAll('${AWS::Region}', values.region)
    .replaceAll('${AWS::Partition}', values.partition)
    .replaceAll('${Vigil::Stage}', values.stage);
}

/** The placeholders of a Lambda function, from its own ARN (`arn:aws:lambda:<region>:<account>:function:…`). */
export function placeholdersFromArn(functionArn: string, stage: string): Placeholders {
  const [, partition, , region, accountId] = functionArn.split(':');
  return { accountId, region, partition, stage };
}
