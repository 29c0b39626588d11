import { readHistoryLines, type HistoryOptions, type Problem } from '../lib/inference';
import type { Reading } from '../lib/inference';
import { textLines } from './text-lines';

export type { HistoryOptions, Problem } from '../lib/inference';

/** The readings of a history file (JSON lines or CSV), streamed a chunk at a time: the file is never held whole. */
export function readHistory(path: string, options: HistoryOptions, problem: Problem, found: { inputName?: string } = {}): Generator<Reading> {
  return readHistoryLines(textLines(path), options, problem, found);
}
