import { HistoryProfile } from './profile';
import { propose, replaySettings, type Proposal } from './proposal';
import type { Reading } from './reading';
import { ModelReplay } from './replay';

/**
 * `vigil infer`'s two passes over a history: the first profiles it ({@link HistoryProfile}), the
 * second replays the model for every candidate threshold ({@link ModelReplay}); then the thresholds
 * are chosen. `pass(n)` reads the history afresh for pass `n` (1, then 2), so a file is streamed
 * twice and never held whole.
 *
 * @returns the proposal, or undefined when the history holds no reading.
 */
export function inferFromHistory(pass: (n: 1 | 2) => Iterable<Reading>, maxRate: number): Proposal | undefined {
  const profile = new HistoryProfile();
  for (const reading of pass(1)) profile.add(reading);
  if (!profile.readings) return undefined;
  const settings = replaySettings(profile, maxRate);
  const replay = new ModelReplay(settings);
  for (const reading of pass(2)) replay.add(reading);
  return propose(profile, replay, settings, maxRate);
}
