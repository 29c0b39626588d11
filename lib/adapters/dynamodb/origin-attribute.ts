import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ModelOrigin, WrittenOrigin } from '../../ports';
import type { Item } from './detector-item';

/** A model version's or input's origin as a map attribute: `{ kind, digest? }`. */
export function originAttribute(origin: WrittenOrigin): AttributeValue {
  return { M: { kind: { S: origin.kind }, ...(origin.kind === 'file' ? { digest: { S: origin.digest } } : {}) } };
}

/** A model version's or input's origin as read from its item; `unknown` for items stored before origins were recorded (or not understood). */
export function originFromItem(item: Item): ModelOrigin {
  const origin = item.origin?.M;
  if (origin?.kind?.S === 'api') return { kind: 'api' };
  if (origin?.kind?.S === 'file' && origin.digest?.S) return { kind: 'file', digest: origin.digest.S };
  return { kind: 'unknown' };
}
