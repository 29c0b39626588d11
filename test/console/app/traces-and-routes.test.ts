import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TraceRecord } from '../../../console/src/api/types';
import { lineColumn } from '../../../console/src/model/line-column';
import { explainTrace } from '../../../console/src/model/explain-trace';
import { replayKeys, replayPath } from '../../../console/src/model/replay-path';
import { parseRoute, routeHref, type Route } from '../../../console/src/route';
import { engineOptions, traceRecord } from '../../../lib/engine';
import { stringifyTypedJson } from '../../../lib/expression';
import { compileModel, type CreateDetectorModelRequest } from '../../../lib/model';
import { Simulator } from '../../../lib/simulation';

const motor = JSON.parse(readFileSync(path.join(__dirname, '../../../models/motor-detector-model.json'), 'utf8')) as CreateDetectorModelRequest;
const definition = motor.detectorModelDefinition;

/** The traces the real simulator records for these pressures of one motor, as the API answers them (JSON). */
function tracesOf(readings: readonly [string, number][]): (TraceRecord & { keyValue?: string })[] {
  const simulator = new Simulator([compileModel(motor)], engineOptions({ traces: true }));
  const start = Date.now();
  return readings.flatMap(([motorid, pressure], i) => {
    const raw = JSON.stringify({ motorid, sensorData: { pressure } });
    return simulator.send({ messageId: `m${i + 1}`, inputName: 'PressureInput', raw, timestamp: start + i * 1000 })
      .flatMap((event) => (event.type === 'trace' ? [JSON.parse(stringifyTypedJson(traceRecord(event.trace))) as TraceRecord & { keyValue?: string }] : []));
  });
}

describe('explainTrace', () => {
  it('says which transition a detector took and the condition that was true', () => {
    const [created, breach] = tracesOf([['m-1', 50], ['m-1', 90]]);

    const first = explainTrace(created, definition);
    const second = explainTrace(breach, definition);

    expect(first).toMatchObject({ trigger: 'message m1 on PressureInput', change: 'created in Normal' });
    expect(second).toMatchObject({
      change: 'Normal → Dangerous',
      transition: { from: 'Normal', to: 'Dangerous', eventName: 'Overpressurized', condition: '$input.PressureInput.sensorData.pressure > 70', edgeId: 'Normal#0' },
      why: 'Took the transition Overpressurized from Normal to Dangerous because its condition $input.PressureInput.sensorData.pressure > 70 was true.',
    });
    expect(second.conditions.find((result) => result.eventName === 'Overpressurized' && result.state === 'Normal')).toMatchObject({ result: 'True', condition: '$input.PressureInput.sensorData.pressure > 70' });
  });

  it('says that a new detector left its initial state in its first evaluation, and why', () => {
    const [created] = tracesOf([['m-9', 88]]);

    const explained = explainTrace(created, definition);

    expect(explained).toMatchObject({
      change: 'created in Normal → Dangerous',
      transition: { from: 'Normal', to: 'Dangerous', edgeId: 'Normal#0' },
      why: 'A new detector started in the initial state Normal and took the transition Overpressurized from Normal to Dangerous because its condition $input.PressureInput.sensorData.pressure > 70 was true.',
    });
  });

  it('says why nothing moved: the transition conditions of its state that were false', () => {
    const [, calm] = tracesOf([['m-1', 50], ['m-1', 60]]);

    const explained = explainTrace(calm, definition);

    expect(explained.change).toBe('stayed in Normal');
    expect(explained.transition).toBeUndefined();
    expect(explained.why).toBe('No transition: Overpressurized was false.');
  });
});

describe('replayPath', () => {
  it('follows one detector of a replay through the states it visited and the transitions it took', () => {
    const traces = tracesOf([['m-1', 50], ['m-2', 90], ['m-1', 90], ['m-1', 10], ['m-1', 10], ['m-1', 10]]);

    expect(replayKeys(traces)).toEqual(['m-1', 'm-2']);
    const path1 = replayPath(traces, 'm-1', definition);
    expect(path1.visited).toEqual(['Normal', 'Dangerous', 'Normal']);
    expect([...path1.taken]).toEqual([['Normal#0', 1], ['Dangerous#0', 1]]);
    // m-2 was created by a breach: it was in Normal first.
    expect(replayPath(traces, 'm-2', definition)).toEqual({ visited: ['Normal', 'Dangerous'], taken: new Map([['Normal#0', 1]]) });
  });
});

describe('routes', () => {
  it.each<[string, Route]>([
    ['', { view: 'models' }],
    ['#/models', { view: 'models' }],
    ['#/models/motorDetectorModel?version=2', { view: 'detector-model', name: 'motorDetectorModel', version: '2' }],
    ['#/alarm-models/motorPressureAlarm', { view: 'alarm-model', name: 'motorPressureAlarm' }],
    ['#/detectors/motorDetectorModel?state=Dangerous&key=m', { view: 'detectors', model: 'motorDetectorModel', state: 'Dangerous', key: 'm' }],
    ['#/detector/motorDetectorModel?key=plant%2F7+a', { view: 'detector', model: 'motorDetectorModel', key: 'plant/7 a' }],
    ['#/detector/singleton', { view: 'detector', model: 'singleton' }],
    ['#/alarms/motorPressureAlarm', { view: 'alarms', model: 'motorPressureAlarm' }],
    ['#/try?model=motorDetectorModel', { view: 'try', model: 'motorDetectorModel' }],
    ['#/validate', { view: 'validate' }],
    ['#/infer', { view: 'infer' }],
  ])('reads %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('writes every route so that it reads back the same, a key with any character included', () => {
    const routes: Route[] = [
      { view: 'detector', model: 'm', key: 'a/b?c&d=#e|%' },
      { view: 'detector', model: 'm', key: '' },
      { view: 'detectors', model: 'odd name', state: 'S 1' },
      { view: 'detector-model', name: 'x', version: '3' },
    ];

    expect(routes.map((route) => parseRoute(routeHref(route)))).toEqual(routes);
  });

  it('sends an unknown or malformed hash to not-found', () => {
    expect(parseRoute('#/nowhere').view).toBe('not-found');
    expect(parseRoute('#/models/a/b').view).toBe('not-found');
    expect(parseRoute('#/models/%E0%A4%A').view).toBe('not-found');
  });
});

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    const text = '{\n  "a": 1,\n  "b": 2\n}';

    expect(lineColumn(text, text.indexOf('"b"'))).toEqual({ line: 3, column: 3 });
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
  });
});
