import type { ActionEffect } from '../../lib/engine';
import type { ActionDispatchers, ActionIdentity } from '../../lib/ports';

/** Dispatchers that record which identity performed which effects, and deliver everything. */
export function recordingDispatchers(): ActionDispatchers & { calls: { identity: ActionIdentity; effects: ActionEffect[] }[] } {
  const calls: { identity: ActionIdentity; effects: ActionEffect[] }[] = [];
  return {
    calls,
    forIdentity: (identity) => ({
      async dispatch(effects) {
        calls.push({ identity, effects: [...effects] });
        return effects.map((effect) => ({ effect, ok: true, attempts: 1 }));
      },
    }),
  };
}
