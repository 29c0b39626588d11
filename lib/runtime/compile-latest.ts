import type { StoredVersion } from '../ports';

/** Models of one kind compiled for one revision, and those that could not be. */
export interface CompiledLatest<C> {
  readonly compiled: C[];
  /** Names listed by the index whose version could not be read or no longer compiles. */
  readonly unavailable: Set<string>;
}

/** How to load and compile one kind of model (detector or alarm). */
export interface LatestKind<R, C> {
  /** `detector model` or `alarm model`, for the log. */
  readonly label: string;
  /** The log field that names the model (`detectorModelName`, `alarmModelName`). */
  readonly nameField: string;
  read(name: string, version: string): Promise<StoredVersion<R> | undefined>;
  compile(request: R, version: string): C;
}

/**
 * The latest version of every model the index lists (`name → version`), compiled: a compilation of
 * the same name and version in `previous` is reused, every other version read and compiled. A
 * version that cannot be read, or no longer compiles (Vigil's validation grew stricter since it
 * was stored), is logged and listed as unavailable, never fatal: one broken model must not stop
 * every other model from running.
 */
export async function compileLatest<R, C extends { readonly name: string; readonly version: string }>(
  index: ReadonlyMap<string, string>,
  previous: readonly C[],
  kind: LatestKind<R, C>,
  log: (message: string, fields: Record<string, unknown>) => void,
): Promise<CompiledLatest<C>> {
  const reusable = new Map(previous.map((model) => [`${model.name}@${model.version}`, model]));
  const compiled: C[] = [];
  const unavailable = new Set<string>();
  for (const [name, version] of index) {
    const reused = reusable.get(`${name}@${version}`);
    if (reused) {
      compiled.push(reused);
      continue;
    }
    const record = await kind.read(name, version);
    if (!record) {
      unavailable.add(name);
      continue;
    }
    try {
      compiled.push(kind.compile(record.request, version));
    } catch (error) {
      log(`stored ${kind.label} does not compile; it is not run`, { [kind.nameField]: name, version, error: (error as Error).message });
      unavailable.add(name);
    }
  }
  return { compiled, unavailable };
}
