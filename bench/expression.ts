import { compileExpression, parseTypedJson, type EvalContext } from '../lib/expression';
import { count, loadAverage, measureRates, median, printTable } from './measure';

/** Evaluations per second of representative compiled expressions (issue floor: 5 million/s for the first). */
export async function run(): Promise<void> {
  const cases: { name: string; source: string }[] = [
    { name: 'pressure condition', source: '$input.PressureInput.sensorData.pressure > 70 && $variable.count <= 1' },
    { name: 'command guard', source: 'currentInput("Command") && $input.Command.value == "Abort"' },
    { name: 'blueprint unset test', source: '$variable.threshold != $variable.threshold || $input.Alarm.value > $variable.threshold' },
    {
      name: 'JSON payload template',
      source: `'{"sensor_id":"\${$input.GreenhouseInput.sensors[0].sensor1}","temperature":"\${$input.GreenhouseInput.temperature*9/5+32}"}'`,
    },
  ];
  // 1,000 distinct contexts so the branch predictor cannot learn a single answer.
  const contexts: EvalContext[] = Array.from({ length: 1000 }, (_, i) => ({
    inputs: {
      PressureInput: parseTypedJson(`{"motorid": "m${i}", "sensorData": {"pressure": ${40 + (i % 60)}, "temperature": 39}}`),
      Command: parseTypedJson(`{"value": "${i % 2 ? 'Abort' : 'Run'}"}`),
      Alarm: parseTypedJson(`{"value": ${i % 100}}`),
      GreenhouseInput: parseTypedJson(`{"temperature": ${10 + (i % 7) / 10}, "sensors": [{"sensor1": "Sensor_${i}"}]}`),
    },
    variables: { count: BigInt(i % 3), threshold: 50n },
    currentInput: i % 2 ? 'Command' : 'PressureInput',
    trigger: 'Message',
    timeout: () => false,
  }));

  const loadBefore = loadAverage();
  const rows = cases.map(({ name, source }) => {
    const { evaluate } = compileExpression(source);
    let sink = 0;
    const rates = measureRates((iterations) => {
      for (let i = 0; i < iterations; i++) if (evaluate(contexts[i % 1000]) !== undefined) sink++;
    }, 2_000_000);
    if (sink < 0) console.log(sink); // keeps the loop from being optimised away
    const rate = median(rates.wall);
    return [name, count(rate), (1e9 / rate).toFixed(1), count(median(rates.cpu))];
  });
  printTable('Expression evaluation (median of 7 rounds of 2,000,000)', ['expression', 'evaluations/s', 'ns/eval', 'evaluations/s of CPU time'], rows);
  console.log(`  pressure condition: ${cases[0].source}`);
  console.log(`  load average before ${loadBefore}, after ${loadAverage()}`);
}
