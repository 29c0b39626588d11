import { deserializeSnapshot, serializeSnapshot, step } from '../../lib/engine';
import { MAX_JSON_DEPTH } from '../../lib/expression';
import { message, model } from '../helpers/engine';

describe('snapshot codec and nesting', () => {
  it('stores and reads back a retained payload nested as deeply as a payload may be', () => {
    // Arrange: a payload of exactly MAX_JSON_DEPTH levels, retained in the snapshot's own levels
    const payload = `{"id": "k1", "deep": ${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    const compiled = model([{ stateName: 'S', onInput: { events: [{ eventName: 'e', condition: 'currentInput("In")' }] } }], { key: 'id' });
    const { snapshot } = step(compiled, undefined, message('In', payload, 'm1'), 1_700_000_000_000);

    // Act
    const back = deserializeSnapshot(serializeSnapshot(snapshot!));

    // Assert
    expect(back).toEqual(snapshot);
  });
});
