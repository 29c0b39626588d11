import fc from 'fast-check';
import { stringifyTypedJson } from '../../lib/expression';
import { step, type DetectorSnapshot } from '../../lib/engine';
import { compileModel, type CreateDetectorModelRequest } from '../../lib/model';
import { example } from '../helpers/engine';

// Arbitrary JSON, including the edge values the typed parser produces (bigint, decimals, null).
const leaf = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean(), fc.constant(null));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 5 })),
})).value;
const payload = fc.record({
  motorid: fc.oneof(fc.constant('Fulton-A32'), fc.string({ maxLength: 6 }), leaf),
  sensorData: fc.oneof(fc.record({ pressure: fc.oneof(leaf, json), temperature: json }), json),
});

describe('step properties', () => {
  it('never throws, whatever the payloads and the order of messages and wake-ups', () => {
    const motor = compileModel(example<CreateDetectorModelRequest>('motorDetectorModel.json'));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(payload, json), fc.boolean(), fc.nat(400_000)), { minLength: 1, maxLength: 12 }), (steps) => {
        let snapshot: DetectorSnapshot | undefined;
        let now = 0;
        steps.forEach(([body, wake, gap], i) => {
          now += gap;
          const trigger = wake
            ? ({ type: 'wake' } as const)
            : ({ type: 'message', inputName: 'PressureInput', messageId: `m${i}`, payload: body, raw: stringifyTypedJson(body) } as const);
          const result = step(motor, snapshot, trigger, now);
          expect(result.effects.every((e) => typeof e.actionExecutionId === 'string')).toBe(true);
          snapshot = result.snapshot ?? snapshot;
        });
      }),
      { numRuns: 1500 },
    );
  });
});
