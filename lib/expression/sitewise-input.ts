/**
 * AWS IoT SiteWise asset properties as inputs. An alarm model reads SiteWise data as
 * `$sitewise.assetModel.`<assetModelId>`.`<propertyId>`.propertyValue.value` (and `.assetId`);
 * the parser turns each into an `$input` read of the property's own built-in input, named here,
 * whose messages are SiteWise's property value notifications (see `lib/lifecycle/sitewise-notification.ts`).
 * The name starts with `$`, which no input the API creates can (`^[a-zA-Z][a-zA-Z0-9_]*$`), so it
 * never meets an operator's input, and holds `/`, which an asset model or property id cannot.
 */
const PREFIX = '$sitewise/';

/** What `$sitewise.assetModel.<m>.<p>` may be followed by: the property's value, or the asset's id. */
export const SITEWISE_MEMBERS = ['propertyValue.value', 'assetId'] as const;

/** The asset model and property a SiteWise input is for. */
export interface SiteWiseProperty {
  readonly assetModelId: string;
  readonly propertyId: string;
}

/** Characters an id may not hold: they would end a topic level or a name part. */
const NOT_IN_ID = /[/+#]/;

/** Why `id` cannot name an asset model or property, or undefined when it can. */
export function siteWiseIdProblem(id: string): string | undefined {
  return NOT_IN_ID.test(id) ? `'${id}' cannot name a SiteWise asset model or property: ids hold no '/', '+' or '#'` : undefined;
}

/** The built-in input of an asset model's property: `$sitewise/<assetModelId>/<propertyId>`. */
export function siteWiseInputName(property: SiteWiseProperty): string {
  return `${PREFIX}${property.assetModelId}/${property.propertyId}`;
}

/** The property a SiteWise input name is for, or undefined when `inputName` is not one. */
export function siteWiseProperty(inputName: string): SiteWiseProperty | undefined {
  if (!inputName.startsWith(PREFIX)) return undefined;
  const parts = inputName.slice(PREFIX.length).split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { assetModelId: parts[0], propertyId: parts[1] };
}

/** True when `inputName` is a SiteWise property's built-in input. */
export function isSiteWiseInputName(inputName: string): boolean {
  return siteWiseProperty(inputName) !== undefined;
}
