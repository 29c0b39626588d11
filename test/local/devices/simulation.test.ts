import { seededRandom } from '../../../local/devices/random';
import { DEFAULT_SETTINGS, DeviceSimulation, type DeviceAction } from '../../../local/devices/simulation';

/** Runs a simulation for `ticks` ticks of 2 s and returns every action with its tick. */
function run(seed: number, ticks: number, settings = DEFAULT_SETTINGS): { tick: number; action: DeviceAction }[] {
  const simulation = new DeviceSimulation(seededRandom(seed), settings);
  const actions: { tick: number; action: DeviceAction }[] = [];
  for (let tick = 0; tick < ticks; tick++) for (const action of simulation.tick(tick * 2000)) actions.push({ tick, action });
  return actions;
}

describe('the simulated motor fleet', () => {
  it('publishes the motor model’s PressureInput for every device on its own topic', () => {
    // Arrange
    const simulation = new DeviceSimulation(seededRandom(1), { ...DEFAULT_SETTINGS, disconnectChance: 0 });

    // Act
    const actions = simulation.tick(0);

    // Assert
    expect(simulation.deviceIds).toEqual(['motor-01', 'motor-02', 'motor-03', 'motor-04', 'motor-05']);
    expect(actions).toHaveLength(5);
    expect(actions[0]).toEqual({
      type: 'publish',
      deviceId: 'motor-01',
      topic: 'vigil/motors/motor-01/pressure',
      payload: { motorid: 'motor-01', sensorData: { pressure: expect.any(Number), temperature: expect.any(Number) } },
    });
  });

  it('does the same thing again for the same seed', () => {
    // Arrange
    const seed = 42;

    // Act
    const first = run(seed, 200);
    const second = run(seed, 200);

    // Assert
    expect(second).toEqual(first);
  });

  it('surges above the 70 threshold now and then and comes back below it', () => {
    // Arrange
    const settings = { ...DEFAULT_SETTINGS, disconnectChance: 0 };

    // Act
    const pressures = run(7, 300, settings).flatMap(({ action }) => (action.type === 'publish' && action.deviceId === 'motor-01' ? [action.payload.sensorData.pressure] : []));

    // Assert
    const high = pressures.findIndex((pressure) => pressure > 70);
    expect(high).toBeGreaterThanOrEqual(0);
    expect(pressures.slice(high).some((pressure) => pressure <= 70)).toBe(true);
    expect(Math.min(...pressures)).toBeGreaterThanOrEqual(40);
  });

  it('takes devices offline, some past the 5-minute grace period, publishes nothing from them, and brings them back', () => {
    // Arrange
    const ticks = 1000;

    // Act
    const actions = run(3, ticks, { ...DEFAULT_SETTINGS, disconnectChance: 0.02 });

    // Assert
    const outages = actions.filter(({ action }) => action.type === 'disconnect');
    expect(outages.length).toBeGreaterThan(0);
    expect(outages.some(({ action }) => action.type === 'disconnect' && action.offlineMs > 300_000)).toBe(true);
    expect(new Set(outages.map(({ action }) => (action.type === 'disconnect' ? action.style : '')))).toEqual(new Set(['clean', 'abrupt']));
    for (const { tick, action } of outages) {
      if (action.type !== 'disconnect') continue;
      const back = actions.find((later) => later.tick > tick && later.action.deviceId === action.deviceId && later.action.type === 'connect');
      const silent = actions.filter((later) => later.tick > tick && later.action.deviceId === action.deviceId && (back === undefined || later.tick < back.tick));
      expect(silent).toEqual([]);
      if (back) expect(back.tick * 2000).toBeGreaterThanOrEqual(tick * 2000 + action.offlineMs);
    }
  });
});
