import fc from 'fast-check';
import type { ModelIssue } from '../../lib/model/issues';
import { validateModel } from '../../lib/model/validate';
import { SENSOR_INPUT, loadExample } from './helpers';

const LEVELS = ['ERROR', 'WARNING', 'INFO'];
const TYPES = ['supported-actions', 'service-limits', 'structure', 'expression-syntax', 'data-type', 'referenced-data', 'referenced-resource'];

const EXAMPLES = [
  loadExample('motorDetectorModel.json'),
  loadExample('craneDetectorModel.json'),
  { detectorModelName: 'update', ...(loadExample('craneDetectorModel.update.json') as object) },
  { detectorModelName: 'alarm', ...(loadExample('simpleAlarmBlueprint.json') as object) },
  { detectorModelName: 'heartbeat', ...(loadExample('deviceHeartbeatBlueprint.json') as object) },
];

type Path = (string | number)[];

/** Every position in a JSON tree, the root included. */
function positions(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, i) => positions(item, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [prefix, ...Object.entries(value).flatMap(([key, item]) => positions(item, [...prefix, key]))];
  return [prefix];
}

/** A copy of `value` with the node at `path` replaced (or removed, when `replacement` is undefined). */
function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const next = replaceAt(copy[head], rest, replacement);
  if (next === undefined && !Array.isArray(copy)) delete copy[head];
  else copy[head] = next;
  return copy;
}

// Replacements biased toward what the validator looks at: expressions, names, numbers, and shapes.
const FRAGMENTS = ['$input.', '$variable.', 'PressureInput', 'sensorData', 'pressure', 'x', '.', '[0]', '(', ')', ' > ', ' && ', '==', "'", '"',
  '${', '}', 'timeout(', 'currentInput(', 'triggerType(', 'true', 'false', '1', '60', '3.5', '-', '+', ' ', 'Normal', 'Dangerous'];
const expressionLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join(''));
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  expressionLike,
  fc.constantFrom(undefined, null, [], {}, 0, -1, 0.5, Number.MAX_VALUE, 31622401, 'Normal', '', { setTimer: { timerName: 't', seconds: 1 } }, { sns: {}, lambda: {} }),
);

const mutatedExample = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 6 }))
  .map(([example, mutations]) => mutations.reduce<unknown>((model, [pick, value]) => {
    const all = positions(model);
    return replaceAt(model, all[pick % all.length], value);
  }, example));

function assertWellFormed(issues: ModelIssue[]): void {
  expect(Array.isArray(issues)).toBe(true);
  for (const found of issues) {
    expect(LEVELS).toContain(found.level);
    expect(TYPES).toContain(found.type);
    expect(typeof found.path).toBe('string');
    expect(typeof found.message).toBe('string');
    if (found.span) expect(found.span.start).toBeLessThanOrEqual(found.span.end);
  }
  const ranks = issues.map((found) => LEVELS.indexOf(found.level));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
}

describe('validateModel properties', () => {
  it('never throws for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (request) => {
      assertWellFormed(validateModel(request));
      assertWellFormed(validateModel({ detectorModelName: 'm', detectorModelDefinition: request }, { inputs: [SENSOR_INPUT] }));
    }), { numRuns: 500 });
  });

  it('never throws for mutated example models, leaves them unchanged, and gives the same answer twice', () => {
    fc.assert(fc.property(mutatedExample, fc.option(fc.jsonValue()), fc.integer({ min: -5, max: 120 }), (model, inputs, minTimerSeconds) => {
      // Arrange
      const before = JSON.stringify(model);
      const options = { inputs: (inputs ?? [SENSOR_INPUT]) as never, minTimerSeconds };

      // Act
      const first = validateModel(model, options);
      const second = validateModel(model, options);

      // Assert
      assertWellFormed(first);
      expect(second).toEqual(first);
      expect(JSON.stringify(model)).toBe(before);
    }), { numRuns: 1000 });
  });
});
