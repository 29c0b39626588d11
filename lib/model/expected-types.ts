import { TYPE, type TypeSet } from '../expression';
import type { ExpressionSite } from './walk';

const NUMERIC = TYPE.Integer | TYPE.Decimal;

/**
 * The value slots of an iotSiteWise `propertyValue.value` and the types each accepts. An Integer is
 * a valid double, and booleanValue is documented as the text 'TRUE' or 'FALSE', so a String fits it.
 */
export const SITEWISE_SLOT_TYPES: Readonly<Record<string, TypeSet>> = {
  stringValue: TYPE.String,
  integerValue: TYPE.Integer,
  doubleValue: NUMERIC,
  booleanValue: TYPE.Boolean | TYPE.String,
};

const SITEWISE_SLOT = /\.iotSiteWise\.propertyValue\.value\.(\w+)$/;

/** The SiteWise value slot an expression fills (`integerValue`…), or undefined when it fills none. */
export function siteWiseSlot(site: ExpressionSite): string | undefined {
  const slot = site.role === 'field' ? SITEWISE_SLOT.exec(site.path)?.[1] : undefined;
  return slot !== undefined && Object.prototype.hasOwnProperty.call(SITEWISE_SLOT_TYPES, slot) ? slot : undefined;
}

/**
 * The result types an expression's role accepts: a Boolean condition, a numeric duration, the type
 * of a SiteWise value slot. Undefined when the role takes any type.
 */
export function expectedType(site: ExpressionSite): TypeSet | undefined {
  if (site.role === 'condition') return TYPE.Boolean;
  if (site.role === 'duration') return NUMERIC;
  const slot = siteWiseSlot(site);
  return slot === undefined ? undefined : SITEWISE_SLOT_TYPES[slot];
}
