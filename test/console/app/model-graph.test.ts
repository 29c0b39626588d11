import { readFileSync } from 'node:fs';
import path from 'node:path';
import { layoutDiagram, wrapCondition } from '../../../console/src/diagram/layout';
import { eventCondition, modelGraph } from '../../../console/src/model/model-graph';

const shipped = (file: string) => JSON.parse(readFileSync(path.join(__dirname, '../../../models', file), 'utf8')) as { detectorModelDefinition: unknown };

/** A chain of `count` states, each with a transition to the next and one back to the first. */
function chain(count: number) {
  const states = Array.from({ length: count }, (_, i) => ({
    stateName: `S${i}`,
    onInput: {
      transitionEvents: [
        ...(i + 1 < count ? [{ eventName: `next${i}`, condition: `$input.In.step == ${i + 1}`, nextState: `S${i + 1}` }] : []),
        { eventName: `reset${i}`, condition: '$input.In.reset', nextState: 'S0' },
      ],
    },
  }));
  return { initialStateName: 'S0', states };
}

describe('modelGraph', () => {
  it('reads the motor model: two states, the initial one marked, its transitions with event name and condition', () => {
    const graph = modelGraph(shipped('motor-detector-model.json').detectorModelDefinition);

    expect(graph.states.map((state) => [state.name, state.initial])).toEqual([['Normal', true], ['Dangerous', false]]);
    expect(graph.transitions).toEqual([
      { id: 'Normal#0', from: 'Normal', to: 'Dangerous', eventName: 'Overpressurized', condition: '$input.PressureInput.sensorData.pressure > 70' },
      { id: 'Dangerous#0', from: 'Dangerous', to: 'Normal', eventName: 'BackToNormal', condition: '$input.PressureInput.sensorData.pressure <= 70 && $variable.pressureThresholdBreached <= 1' },
    ]);
  });

  it('lists the timers a state sets on that state, with their duration', () => {
    const graph = modelGraph(shipped('device-connectivity.json').detectorModelDefinition);

    expect(graph.states.find((state) => state.name === 'Offline')?.timers).toEqual([{ name: 'grace', duration: '300 s' }]);
    expect(graph.states.find((state) => state.name === 'Online')?.timers).toEqual([]);
  });

  it('draws what is sound of a broken model: a transition to an undeclared state and a nameless state are left out', () => {
    const graph = modelGraph({ initialStateName: 'A', states: [{ stateName: 'A', onInput: { transitionEvents: [{ eventName: 'e', condition: 'true', nextState: 'Nowhere' }, { eventName: 'f', condition: 'true', nextState: 'A' }] } }, { onEnter: {} }, 'junk'] });

    expect(graph.states.map((state) => state.name)).toEqual(['A']);
    expect(graph.transitions.map((transition) => transition.id)).toEqual(['A#1']);
  });

  it('gives nothing for something that is not a definition', () => {
    expect(modelGraph(undefined)).toEqual({ states: [], transitions: [] });
    expect(modelGraph([1, 2])).toEqual({ states: [], transitions: [] });
  });

  it('finds the condition of an event a trace names, in the right lifecycle and list', () => {
    const definition = shipped('motor-detector-model.json').detectorModelDefinition;

    expect(eventCondition(definition, 'Dangerous', 'OnInput', 'Overpressurized')).toBe('$input.PressureInput.sensorData.pressure > 70');
    expect(eventCondition(definition, 'Dangerous', 'OnInput', 'BackToNormal', true)).toMatch(/<= 1$/);
    expect(eventCondition(definition, 'Dangerous', 'OnExit', 'Normal Pressure Restored')).toBe('true');
    expect(eventCondition(definition, 'Nowhere', 'OnInput', 'x')).toBeUndefined();
  });
});

describe('layoutDiagram', () => {
  it('places every state and routes every transition of a 24-state model without two states overlapping', () => {
    const layout = layoutDiagram(modelGraph(chain(24)));

    expect(layout.states).toHaveLength(24);
    expect(layout.transitions).toHaveLength(47);
    expect(layout.transitions.every((transition) => transition.points.length >= 2)).toBe(true);
    for (const [i, a] of layout.states.entries()) {
      for (const b of layout.states.slice(i + 1)) {
        const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width || Math.abs(a.y - b.y) * 2 >= a.height + b.height;
        expect({ a: a.name, b: b.name, apart }).toEqual({ a: a.name, b: b.name, apart: true });
      }
    }
    expect(Math.max(...layout.states.map((state) => state.x + state.width / 2))).toBeLessThanOrEqual(layout.width);
    expect(Math.max(...layout.states.map((state) => state.y + state.height / 2))).toBeLessThanOrEqual(layout.height);
  });

  it('keeps parallel transitions between two states apart, each with its own label', () => {
    const graph = modelGraph({ initialStateName: 'A', states: [
      { stateName: 'A', onInput: { transitionEvents: [{ eventName: 'hot', condition: '$input.T.t > 30', nextState: 'B' }, { eventName: 'cold', condition: '$input.T.t < 0', nextState: 'B' }] } },
      { stateName: 'B' },
    ] });

    const [hot, cold] = layoutDiagram(graph).transitions;

    expect(hot.label.lines).toEqual(['hot', '$input.T.t > 30']);
    expect(cold.label.lines).toEqual(['cold', '$input.T.t < 0']);
    expect(hot.label.x === cold.label.x && hot.label.y === cold.label.y).toBe(false);
  });

  it('cuts long event names and conditions short on the label (the full text is kept on the transition)', () => {
    const condition = `$input.Sensor.${'a'.repeat(80)} > 1`;
    const layout = layoutDiagram(modelGraph({ initialStateName: 'A', states: [{ stateName: 'A', onInput: { transitionEvents: [{ eventName: 'x'.repeat(60), condition, nextState: 'A' }] } }] }));

    const [loop] = layout.transitions;

    expect(loop.label.lines.map((line) => [line.length, line.endsWith('…')])).toEqual([[28, true], [34, false], [34, true]]);
    expect(loop.condition).toBe(condition);
  });

  it('wraps a condition at a space or before a path segment, two lines at most', () => {
    expect(wrapCondition('$input.PressureInput.sensorData.pressure > 70')).toEqual(['$input.PressureInput.sensorData', '.pressure > 70']);
    expect(wrapCondition('$variable.count >= 3 && $variable.armed == true')).toEqual(['$variable.count >= 3 &&', '$variable.armed == true']);
    expect(wrapCondition('true')).toEqual(['true']);
    expect(wrapCondition('')).toEqual([]);
  });
});
