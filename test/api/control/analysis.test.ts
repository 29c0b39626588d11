import { apis, pressureInput } from '../motor';

describe('the control-plane API: detector model analysis', () => {
  it('completes at once and returns every finding with its level and JSON path', async () => {
    // Arrange: an unknown next state and an unparsable condition.
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);
    const definition = {
      initialStateName: 'Normal',
      states: [{ stateName: 'Normal', onInput: { transitionEvents: [{ eventName: 'go', condition: '$input.PressureInput.sensorData.pressure >', nextState: 'Nowhere' }] } }],
    };
    // Act
    const started = await call('POST', '/analysis/detector-models', { detectorModelDefinition: definition });
    const id = started.body.analysisId as string;
    const status = await call('GET', `/analysis/detector-models/${id}`);
    const results = await call('GET', `/analysis/detector-models/${id}/results`);
    // Assert
    expect(status.body).toEqual({ status: 'COMPLETE' });
    const analysisResults = results.body.analysisResults as { type: string; level: string; locations: { path: string }[] }[];
    expect(analysisResults).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'expression-syntax', level: 'ERROR', locations: [{ path: 'states[0].onInput.transitionEvents[0].condition' }] }),
        expect.objectContaining({ type: 'structure', level: 'ERROR', locations: [{ path: 'states[0].onInput.transitionEvents[0].nextState' }] }),
      ]),
    );
  });

  it('pages results and forgets them after 24 hours', async () => {
    const { backend, call } = apis();
    const definition = { initialStateName: 'A', states: [{ stateName: 'A' }, { stateName: 'B' }, { stateName: 'C' }] };
    const id = (await call('POST', '/analysis/detector-models', { detectorModelDefinition: definition })).body.analysisId as string;
    const all = (await call('GET', `/analysis/detector-models/${id}/results`)).body.analysisResults as unknown[];
    const first = await call('GET', `/analysis/detector-models/${id}/results`, undefined, { maxResults: '1' });
    const second = await call('GET', `/analysis/detector-models/${id}/results`, undefined, { maxResults: '250', nextToken: first.body.nextToken as string });
    expect(all.length).toBeGreaterThan(1);
    expect([...(first.body.analysisResults as unknown[]), ...(second.body.analysisResults as unknown[])]).toEqual(all);
    backend.clock.advance(24 * 3_600_000);
    expect(await call('GET', `/analysis/detector-models/${id}`)).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });
});
