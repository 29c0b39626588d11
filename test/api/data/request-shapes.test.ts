import { DATA_REQUEST_SHAPES } from '../../../lib/api/data/request-shapes';
import { differencesFromSdk } from '../../support/sdk-schema';

// The schemas @aws-sdk/client-iot-events-data is generated from (the AWS API model of the data plane).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SDK_SCHEMAS = require('@aws-sdk/client-iot-events-data') as Record<string, unknown>;

describe('the AWS IoT Events data-plane shapes', () => {
  it.each(DATA_REQUEST_SHAPES.map((shape) => [shape.name, shape]))('declares %s with exactly the members of the AWS SDK, all the way down', (_name, shape) => {
    // Act
    const differences = differencesFromSdk(shape, SDK_SCHEMAS);

    // Assert
    expect(differences).toEqual([]);
  });
});
