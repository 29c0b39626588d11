import { TARGETS_ROUTE } from '../targets/emulator-targets';
import { mapTarget, type TargetKind } from '../targets/target-rules';

/** The local name a foreign target goes to, or undefined for a target that is not mapped. */
export type TargetLookup = (type: string, target: string) => Promise<string | undefined>;

/**
 * Asks the running stack's SNS/SQS emulator where a migrated model's topic or queue goes (the
 * mapping the stack applies, `local-targets.json` read by the stack itself, so tail never shows a
 * mapping the stack does not use). Only foreign topic ARNs and queue URLs are asked about; an
 * emulator that cannot answer leaves the target shown as it is.
 */
export function localTargetLookup(sqsEndpoint: string): TargetLookup {
  return async (type, target) => {
    if (type !== 'sns' && type !== 'sqs') return undefined;
    // No rules: undefined exactly for the local targets, which are never mapped.
    if (!mapTarget([], type as TargetKind, target)) return undefined;
    try {
      const response = await fetch(`${sqsEndpoint}${TARGETS_ROUTE}?${new URLSearchParams({ kind: type, target })}`);
      if (!response.ok) return undefined;
      const answer = (await response.json()) as { local?: unknown };
      return typeof answer.local === 'string' ? answer.local : undefined;
    } catch {
      return undefined;
    }
  };
}
