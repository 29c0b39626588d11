import { ALARM_ACTION, ALARM_ACTION_TYPES, ALARM_CONTROL_PLANE_SHAPES } from '../../../lib/model';
import { memberNames } from '../../../lib/model/shape';
import { differencesFromSdk } from '../../support/sdk-schema';

// The schemas @aws-sdk/client-iot-events is generated from (the AWS API model of IoT Events).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SDK_SCHEMAS = require('@aws-sdk/client-iot-events/dist-cjs/schemas/schemas_0.js') as Record<string, unknown>;

describe('the AWS IoT Events alarm model shapes', () => {
  it.each(ALARM_CONTROL_PLANE_SHAPES.map((shape) => [shape.name, shape]))('declares %s with exactly the members of the AWS SDK, all the way down', (_name, shape) => {
    // Act
    const differences = differencesFromSdk(shape, SDK_SCHEMAS);

    // Assert
    expect(differences).toEqual([]);
  });

  it('lists the nine alarm action types in the order of the AlarmAction shape', () => {
    // Act
    const names = memberNames(ALARM_ACTION);

    // Assert
    expect(names).toEqual([...ALARM_ACTION_TYPES]);
  });
});
