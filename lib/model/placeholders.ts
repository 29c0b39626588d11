/**
 * Values substituted into model files (`models/*.json`) when they are loaded, so one file works in
 * any account, region and stage: `${AWS::AccountId}`, `${AWS::Region}`, `${AWS::Partition}`,
 * `${Vigil::Stage}`. The deploy and local seeders fill them, and so does the control API in the
 * bodies of CreateDetectorModel, UpdateDetectorModel, CreateInput and UpdateInput (a Vigil
 * convenience: a body without placeholders, as every AWS one is, is stored verbatim).
 */
export interface Placeholders {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly stage: string;
}

/** Each placeholder as written in a file, and the value it stands for. */
export const PLACEHOLDERS: Readonly<Record<string, keyof Placeholders>> = {
  '${AWS::AccountId}': 'accountId',
  '${AWS::Region}': 'region',
  '${AWS::Partition}': 'partition',
  '${Vigil::Stage}': 'stage',
};

/** The account and region of the local emulators. */
export const LOCAL_PLACEHOLDERS: Placeholders = { accountId: '000000000000', region: 'us-east-1', partition: 'aws', stage: 'local' };

/** Replaces the placeholders in a model file's text; one without a value given stays as it is. */
export function fillPlaceholders(text: string, values: Partial<Placeholders>): string {
  return Object.entries(PLACEHOLDERS).reduce((filled, [placeholder, name]) => {
    const value = values[name];
    return value === undefined ? filled : filled.replaceAll(placeholder, value);
  }, text);
}

/**
 * Replaces the placeholders in every string of a parsed JSON value (object keys are left alone),
 * returning a copy; one without a value given stays as it is.
 */
export function fillPlaceholdersIn<T>(value: T, values: Partial<Placeholders>): T {
  if (typeof value === 'string') return fillPlaceholders(value, values) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => fillPlaceholdersIn(item, values)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholdersIn(item, values)])) as T;
  }
  return value;
}

/** The placeholders of a Lambda function, from its own ARN (`arn:aws:lambda:<region>:<account>:function:…`). */
export function placeholdersFromArn(functionArn: string, stage: string): Placeholders {
  const [, partition, , region, accountId] = functionArn.split(':');
  return { accountId, region, partition, stage };
}
