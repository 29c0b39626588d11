import { readFileSync } from 'node:fs';
import path from 'node:path';
import { engineOptions } from '../../lib/engine';
import { compileModel, validateModel } from '../../lib/model';
import { Simulator, parseMessagesFile } from '../../lib/simulation';
import { AnomalySimulation, recordHistory } from '../../local/devices/anomaly-simulation';
import { seededRandom } from '../../local/devices/random';

const FOLDER = path.resolve(__dirname, '../../models/examples/inference');
const read = (name: string) => readFileSync(path.join(FOLDER, name), 'utf8');
const START = Date.UTC(2026, 0, 1);

describe('the shipped event-inference example (models/examples/inference)', () => {
  it('records exactly what `npm run devices -- --profile anomalies` publishes (seeds 1, calm, and 2)', () => {
    expect(read('training.jsonl')).toBe(recordHistory(new AnomalySimulation(seededRandom(1), { anomalies: false }), 600, 2000, START));
    expect(read('recorded.jsonl')).toBe(recordHistory(new AnomalySimulation(seededRandom(2)), 900, 2000, START + 86_400_000));
  });

  it('fires on the recorded data: spikes of the spiky sensor, drift of the drifting one, silence of the silent one', () => {
    // Arrange
    const inputs = JSON.parse(read('PressureInput.inputs.json'));
    const model = JSON.parse(read('PressureInput_anomalies.json').replaceAll('${AWS::Partition}', 'aws').replaceAll('${AWS::AccountId}', '123456789012').replaceAll('${Vigil::Stage}', 'dev'));
    expect(validateModel(model, { inputs }).filter((issue) => issue.level === 'ERROR')).toEqual([]);
    const simulator = new Simulator([compileModel(model)], engineOptions({ traces: false }));

    // Act
    const alarms = new Set<string>();
    for (const message of parseMessagesFile(read('recorded.jsonl'), START)) {
      for (const event of simulator.send(message)) {
        if (event.type === 'action' && event.effect.type === 'iotTopicPublish') {
          const payload = JSON.parse(event.effect.payload.text) as { key: string; kind: string };
          alarms.add(`${payload.key} ${payload.kind}`);
        }
      }
    }

    // Assert: each sensor raises its own anomaly, and the spiky and silent ones nothing else (the
    // drifting one also dips when its drift starts over: a sudden drop of 18 psi).
    expect([...alarms].sort()).toEqual(['sensor-drifting drift', 'sensor-drifting spike', 'sensor-silent silent', 'sensor-spiky spike']);
  });
});
