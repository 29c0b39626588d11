import { isCfnObject, member, type CfnObject, type CfnValue } from './template';

/**
 * Where the template refers to the resource `logicalId` outside the resource itself: `Ref`,
 * `Fn::GetAtt` (long or dotted form), `Fn::Sub` (`${Id}`, `${Id.Attr}`) and `DependsOn`, as
 * template paths. Taking out a resource something refers to would make the template fail to deploy.
 */
export function referencesTo(root: CfnObject, logicalId: string): string[] {
  const found: string[] = [];
  const sub = new RegExp(`\\$\\{${logicalId.replace(/[^A-Za-z0-9]/g, '\\$&')}(\\.[^}]*)?\\}`);
  const visit = (value: CfnValue | undefined, path: string): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (!isCfnObject(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key === 'Ref' && inner === logicalId) found.push(at);
      else if (key === 'Fn::GetAtt' && (Array.isArray(inner) ? inner[0] === logicalId : typeof inner === 'string' && inner.split('.')[0] === logicalId)) found.push(at);
      else if (key === 'Fn::Sub' && sub.test(typeof inner === 'string' ? inner : Array.isArray(inner) && typeof inner[0] === 'string' ? inner[0] : '')) found.push(at);
      else if (key === 'DependsOn' && (inner === logicalId || (Array.isArray(inner) && inner.includes(logicalId)))) found.push(at);
      else visit(inner, at);
    }
  };
  for (const [key, value] of Object.entries(root)) {
    if (key !== 'Resources') visit(value, key);
  }
  for (const [id, resource] of Object.entries(member(root, 'Resources') as CfnObject)) {
    if (id !== logicalId) visit(resource, `Resources.${id}`);
  }
  return found;
}
