import { describeDetector, step } from '../../lib/engine';
import { message, model, setVariable } from '../helpers/engine';

describe('describeDetector', () => {
  it('formats variables as literal text and timers in epoch seconds, as DescribeDetector did', () => {
    // Arrange: the value kinds of the HVAC DescribeDetector dump.
    const compiled = model(
      [
        {
          stateName: 'idle',
          onEnter: {
            events: [
              {
                eventName: 'init',
                actions: [
                  setVariable('sensorCount', '10'),
                  setVariable('rangeHigh', '15.0'),
                  setVariable('averageTemperature', '19.572'),
                  setVariable('resetMe', 'false'),
                  setVariable('sensorId', '"01"'),
                  { setTimer: { timerName: 'idleTimer', seconds: 180 } },
                ],
              },
            ],
          },
          onInput: { events: [{ eventName: 'e', condition: '$input.In.x > 0' }] },
        },
      ],
      { key: 'area' },
    );
    const { snapshot } = step(compiled, undefined, message('In', '{"area": "Area51"}'), 1_557_520_274_729);
    // Act
    const description = describeDetector(snapshot!);
    // Assert
    expect(description).toEqual({
      detectorModelName: 'test',
      keyValue: 'Area51',
      detectorModelVersion: '1',
      state: {
        stateName: 'idle',
        variables: [
          { name: 'sensorCount', value: '10' },
          { name: 'rangeHigh', value: '15.0' },
          { name: 'averageTemperature', value: '19.572' },
          { name: 'resetMe', value: 'false' },
          { name: 'sensorId', value: '"01"' },
        ],
        timers: [{ name: 'idleTimer', timestamp: 1_557_520_454.729 }],
      },
      creationTime: 1_557_520_274.729,
      lastUpdateTime: 1_557_520_274.729,
    });
  });

  it('leaves keyValue out for a singleton model', () => {
    const compiled = model([{ stateName: 'S', onInput: { events: [{ eventName: 'e', condition: '$input.In.x > 0' }] } }]);
    expect(describeDetector(step(compiled, undefined, message('In', '{}'), 0).snapshot!)).not.toHaveProperty('keyValue');
  });
});
