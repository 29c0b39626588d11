import { ACTION, CONTROL_PLANE_SHAPES } from '../../lib/model/api-shapes';
import { SCALAR, listOf, memberNames, structure } from '../../lib/model/shape';
import { ACTION_TYPES } from '../../lib/model/types';
import { differencesFromSdk } from '../support/sdk-schema';

// The schemas @aws-sdk/client-iot-events is generated from (the AWS API model of IoT Events).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SDK_SCHEMAS = require('@aws-sdk/client-iot-events/dist-cjs/schemas/schemas_0.js') as Record<string, unknown>;

describe('the AWS IoT Events shapes', () => {
  it.each(CONTROL_PLANE_SHAPES.map((shape) => [shape.name, shape]))('declares %s with exactly the members of the AWS SDK, all the way down', (_name, shape) => {
    // Act
    const differences = differencesFromSdk(shape, SDK_SCHEMAS);

    // Assert
    expect(differences).toEqual([]);
  });

  it('lists the action types in the order of the Action shape', () => {
    // Act
    const names = memberNames(ACTION);

    // Assert
    expect(names).toEqual([...ACTION_TYPES]);
  });

  it('finds a member the SDK does not declare, deep inside a request', () => {
    // Arrange: the transition event of a copy of CreateDetectorModelRequest gains a member
    const transition = structure('TransitionEvent', { eventName: SCALAR, condition: SCALAR, nextState: SCALAR, actions: listOf(ACTION), priority: SCALAR });
    const onInput = structure('OnInputLifecycle', { events: listOf(structure('Event', { eventName: SCALAR, condition: SCALAR, actions: listOf(ACTION) })), transitionEvents: listOf(transition) });
    const state = structure('State', { stateName: SCALAR, onInput, onEnter: structure('OnEnterLifecycle', {}), onExit: structure('OnExitLifecycle', {}) });
    const request = structure('StartDetectorModelAnalysisRequest', { detectorModelDefinition: structure('DetectorModelDefinition', { states: listOf(state), initialStateName: SCALAR }) });

    // Act
    const differences = differencesFromSdk(request, SDK_SCHEMAS);

    // Assert
    expect(differences).toEqual([
      'TransitionEvent: members [eventName, condition, nextState, actions, priority] vs SDK [eventName, condition, nextState, actions]',
      'OnEnterLifecycle: members [] vs SDK [events]',
      'OnExitLifecycle: members [] vs SDK [events]',
    ]);
  });
});
