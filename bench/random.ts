/** The seeded PRNG of the simulated devices (mulberry32), so benchmark inputs are the same on every run. */
export { seededRandom as seeded } from '../local/devices/random';
