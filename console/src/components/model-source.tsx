import type { Problem } from '../api/types';
import { lineColumn } from '../model/line-column';

/** A problem with its line and column in the text (when the validator placed it). */
export interface PlacedProblem extends Problem {
  readonly level: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * Adds line and column to the validator's problems. The console server places each problem in the
 * text it was given (`position`: an expression's characters, a member's value, or the object that
 * lacks a member), so the text shown must be the text validated.
 */
export function placeProblems(text: string, problems: readonly Problem[], defaultLevel: string): PlacedProblem[] {
  return problems.map((problem) => {
    const level = problem.level ?? defaultLevel;
    return problem.position ? { ...problem, level, ...lineColumn(text, problem.position.start) } : { ...problem, level };
  });
}

const problemId = (index: number) => `problem-${index}`;

function reveal(index: number) {
  const target = document.getElementById(problemId(index));
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}

/**
 * The problems as a list; each one with a position takes the reader to it in the source (`offset`:
 * where these problems start in the list the source view was given).
 */
export function ProblemList({ problems, label, offset = 0 }: { problems: readonly PlacedProblem[]; label: string; offset?: number }) {
  if (!problems.length) return <p class="notice ok" role="status">{label}: none.</p>;
  return (
    <ol class="problems" aria-label={label}>
      {problems.map((problem, index) => (
        <li key={index} class={`problem level-${problem.level.toLowerCase()}`}>
          <span class="badge">{problem.level}</span>{' '}
          {problem.line !== undefined && (
            <button type="button" class="link" onClick={() => reveal(offset + index)}>line {problem.line}, column {problem.column}</button>
          )}{' '}
          <code>{problem.path || '(the model)'}</code>: {problem.message}
        </li>
      ))}
    </ol>
  );
}

interface Piece {
  readonly text: string;
  readonly problem?: number;
}

/** Splits one line (from `start` in the text) into pieces, marking the characters a problem covers. */
function pieces(line: string, start: number, problems: readonly PlacedProblem[]): Piece[] {
  const result: Piece[] = [];
  let current: Piece | undefined;
  for (let i = 0; i < line.length; i++) {
    const at = start + i;
    const index = problems.findIndex((problem) => problem.position !== undefined && at >= problem.position.start && at < Math.max(problem.position.end, problem.position.start + 1));
    const problem = index < 0 ? undefined : index;
    if (current && current.problem === problem) current = { text: current.text + line[i], problem };
    else {
      if (current) result.push(current);
      current = { text: line[i], problem };
    }
  }
  if (current) result.push(current);
  return result;
}

/**
 * The model text with line numbers, each problem's characters marked and its message written
 * under the line where it starts.
 */
export function SourceView({ text, problems, label }: { text: string; problems: readonly PlacedProblem[]; label: string }) {
  const lines = text.split('\n');
  let offset = 0;
  return (
    <div class="source" role="region" aria-label={label} tabIndex={0}>
      {lines.map((line, n) => {
        const start = offset;
        offset += line.length + 1;
        const here = problems.map((problem, index) => ({ problem, index })).filter(({ problem }) => problem.line === n + 1);
        return (
          <div key={n}>
            <div class="source-line">
              <span class="ln" aria-hidden="true">{n + 1}</span>
              <code>
                {pieces(line, start, problems).map((piece, i) =>
                  piece.problem === undefined ? piece.text : <mark key={i} class={`level-${problems[piece.problem].level.toLowerCase()}`} data-problem={piece.problem}>{piece.text}</mark>,
                )}
              </code>
            </div>
            {here.map(({ problem, index }) => (
              <p key={index} id={problemId(index)} tabIndex={-1} class={`inline-problem level-${problem.level.toLowerCase()}`}>
                {problem.level} at line {problem.line}, column {problem.column}: {problem.message}
              </p>
            ))}
          </div>
        );
      })}
    </div>
  );
}
