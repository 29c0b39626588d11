// AWS thing names: 1–128 of letters, digits, ':', '_' and '-'.
const THING_NAME = /^[a-zA-Z0-9:_-]{1,128}$/;

/**
 * The thing name in a thing ARN, `arn:aws:iot:eu-west-1:111122223333:thing/pump-0042`, or
 * undefined when there is none. Lenient, as spec §3.11 asks: the AWS job execution example shows
 * `arn:aws:iot:us-east-1:123456789012:myThing/<uuid>`, whose name is the first resource level.
 * Only the first five ':' separate ARN fields, since thing names may themselves contain ':'.
 */
export function thingNameFromArn(arn: string): string | undefined {
  const fields = arn.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return undefined;
  const resource = fields.slice(5).join(':').split('/');
  const name = resource[0] === 'thing' ? resource[1] : resource[0];
  return name !== undefined && THING_NAME.test(name) ? name : undefined;
}
