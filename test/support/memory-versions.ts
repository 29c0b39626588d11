import { ModelConflictError, type Page, type StoredVersion, type WrittenOrigin } from '../../lib/ports';

/**
 * Every version of models of one kind, in memory, with the DynamoDB store's rules: versions
 * numbered from 1, conflicts as {@link ModelConflictError}, requests stored as copies, each version
 * created when it was put while the latest carries the model's first creation time, the same paging.
 * `onWrite` is told of every change (the repository bumps its revision).
 */
export class MemoryVersions<R> {
  private readonly versions = new Map<string, StoredVersion<R>[]>();

  constructor(private readonly onWrite: () => void) {}

  /** The latest version of every model, by name. */
  latestVersions(): Map<string, string> {
    return new Map([...this.versions].map(([name, list]) => [name, list[list.length - 1].version]));
  }

  put(name: string, request: R, previous: number | undefined, now: number, origin: WrittenOrigin): StoredVersion<R> {
    const list = this.versions.get(name) ?? [];
    if (list.length !== (previous ?? 0)) throw new ModelConflictError(name, `${name} already exists or was changed by another request`);
    const record: StoredVersion<R> = { name, version: String(list.length + 1), request: structuredClone(request), creationTime: now, lastUpdateTime: now, origin: structuredClone(origin) };
    this.versions.set(name, [...list, record]);
    this.onWrite();
    return record;
  }

  get(name: string, version?: string): StoredVersion<R> | undefined {
    const list = this.versions.get(name) ?? [];
    if (version !== undefined) return list.find((record) => record.version === version);
    return list.length ? this.latest(name) : undefined;
  }

  list(limit: number, nextToken?: string): Page<StoredVersion<R>> {
    const names = [...this.versions.keys()].sort().filter((name) => nextToken === undefined || name > nextToken);
    const items = names.slice(0, limit).map((name) => this.latest(name));
    return { items, nextToken: names.length > limit ? items[items.length - 1].name : undefined };
  }

  listVersions(name: string, limit: number, nextToken?: string): Page<StoredVersion<R>> {
    const list = [...(this.versions.get(name) ?? [])].reverse().filter((record) => nextToken === undefined || Number(record.version) < Number(nextToken));
    const items = list.slice(0, limit);
    return { items, nextToken: list.length > limit ? items[items.length - 1].version : undefined };
  }

  delete(name: string): boolean {
    const existed = this.versions.delete(name);
    if (existed) this.onWrite();
    return existed;
  }

  /** Makes every stored version of `name` read back as items written before Vigil recorded origins do. */
  forgetOrigins(name: string): void {
    if (!this.versions.has(name)) return;
    this.versions.set(name, (this.versions.get(name) ?? []).map((record) => ({ ...record, origin: { kind: 'unknown' } })));
  }

  /** Like the `latest` item: the model's first creation time, the latest version's update time. */
  private latest(name: string): StoredVersion<R> {
    const list = this.versions.get(name) as StoredVersion<R>[];
    return { ...list[list.length - 1], creationTime: list[0].creationTime };
  }
}
