import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BatchPutMessageCommand, DescribeAlarmCommand, DescribeDetectorCommand, IoTEventsDataClient } from '@aws-sdk/client-iot-events-data';
import type { Browser, Page } from 'playwright-core';
import { vigilClientConfig } from '../../lib/api/client-config';
import { LOCAL_REGION } from '../../local/stack/local-identity';
import { generateHistory, jsonLines } from '../inference/telemetry-history';
import { launchChromium } from './support/chromium';
import { CONSOLE_STACK_TIMEOUT_MS, startConsoleStack, type ConsoleStack } from './support/console-stack';

/**
 * The console in real Chromium against one local stack with the shipped models: every scenario of
 * issue 17's "Done when". Selectors are roles and accessible names (what a screen reader hears);
 * waits are Playwright's own (a locator waits until it matches), never sleeps.
 */
describe('the Vigil Console in Chromium', () => {
  const MOTOR = 'console-motor-1';
  let browser: Browser | undefined;
  let consoleStack: ConsoleStack | undefined;
  let data: IoTEventsDataClient;
  let page: Page;
  let sent = 0;

  /** BatchPutMessage with the official SDK client, signed as any caller of the API. */
  const pressure = async (motorid: string, value: number) => {
    const payload = new TextEncoder().encode(JSON.stringify({ motorid, sensorData: { pressure: value } }));
    const { BatchPutMessageErrorEntries = [] } = await data.send(new BatchPutMessageCommand({ messages: [{ messageId: `browser-${++sent}`, inputName: 'PressureInput', payload }] }));
    expect(BatchPutMessageErrorEntries).toEqual([]);
  };
  const open = (hash: string) => page.goto(`${(consoleStack as ConsoleStack).consoleUrl}/${hash}`);

  beforeAll(async () => {
    browser = await launchChromium();
    consoleStack = await startConsoleStack();
    data = new IoTEventsDataClient({ ...vigilClientConfig({ endpoint: consoleStack.stack.endpoints.http, region: LOCAL_REGION }), credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    // A laptop screen.
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, CONSOLE_STACK_TIMEOUT_MS);

  afterAll(async () => {
    data?.destroy();
    await browser?.close();
    await consoleStack?.stop();
  }, 60_000);

  it('lists the shipped detector models and alarm models', async () => {
    // Arrange
    const detectorModels = page.getByRole('table', { name: 'Detector models' });
    const alarmModels = page.getByRole('table', { name: 'Alarm models' });

    // Act
    await open('#/models');

    // Assert
    await detectorModels.getByRole('link', { name: 'motorDetectorModel', exact: true }).waitFor();
    expect(await detectorModels.locator('tbody th').allTextContents()).toEqual(['deviceConnectivity', 'jobFailureWatch', 'motorDetectorModel']);
    await alarmModels.getByRole('link', { name: 'motorPressureAlarm', exact: true }).waitFor();
  });

  it("draws the motor model's diagram: its states, the initial one marked, its transitions labelled with event and condition", async () => {
    // Arrange
    const diagram = page.getByRole('group', { name: /^State diagram of motorDetectorModel: 2 states, 2 transitions/ });
    const overpressurized = diagram.getByRole('img', { name: 'Transition Normal → Dangerous on Overpressurized when $input.PressureInput.sensorData.pressure > 70' });

    // Act
    await open('#/models/motorDetectorModel');

    // Assert
    await diagram.getByRole('img', { name: 'State Normal, initial state', exact: true }).waitFor();
    await diagram.getByRole('img', { name: 'State Dangerous', exact: true }).waitFor();
    await overpressurized.waitFor();
    await diagram.getByRole('img', { name: 'Transition Dangerous → Normal on BackToNormal when $input.PressureInput.sensorData.pressure <= 70 && $variable.pressureThresholdBreached <= 1' }).waitFor();
    expect(await overpressurized.locator('text').allTextContents()).toEqual(['Overpressurized', '$input.PressureInput.sensorData', '.pressure > 70']);
  });

  it('reads a transition in full from the keyboard: Tab reaches its label, the caption says it whole', async () => {
    // Arrange
    await open('#/models/motorDetectorModel');
    const caption = page.locator('figcaption');
    await page.getByRole('img', { name: /^Transition Dangerous → Normal/ }).waitFor();
    await page.getByRole('button', { name: '100%' }).focus();

    // Act: from the zoom toolbar, Tab goes to the scrolling area, then to the transition labels in order.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');

    // Assert
    await caption.getByText('Dangerous → Normal on BackToNormal when $input.PressureInput.sensorData.pressure <= 70 && $variable.pressureThresholdBreached <= 1').waitFor();
  });

  it('shows a detector driven over BatchPutMessage live, with its state, and the counts per state', async () => {
    // Arrange: the list is open (and polling) before the detector exists.
    await open('#/detectors/motorDetectorModel');
    const detectors = page.getByRole('table', { name: 'Detectors of motorDetectorModel' });
    const row = detectors.getByRole('row', { name: new RegExp(`^${MOTOR} `) });
    await page.getByRole('status').filter({ hasText: /\d+ of \d+ detectors?/ }).waitFor();

    // Act
    await pressure(MOTOR, 50);

    // Assert: it appears without a reload, in Normal, with its variable.
    await row.getByText('Normal', { exact: true }).waitFor();
    await row.getByText('pressureThresholdBreached=0').waitFor();

    // Act: a breach moves it.
    await pressure(MOTOR, 90);

    // Assert
    await row.getByText('Dangerous', { exact: true }).waitFor();
    await row.getByText('pressureThresholdBreached=3').waitFor();

    // Act: the count of its state filters the list to that state; a key filter narrows it further.
    await page.getByRole('button', { name: 'Dangerous: 1 detector', exact: true }).click();

    // Assert
    await page.getByRole('status').getByText('1 of 1 detector', { exact: true }).waitFor();
    expect(await page.getByRole('combobox', { name: 'State', exact: true }).inputValue()).toBe('Dangerous');
    await page.getByLabel('Key contains').fill('no-such-motor');
    await page.getByRole('status').getByText('0 of 1 detector', { exact: true }).waitFor();
    expect(page.url()).toMatch(/#\/detectors\/motorDetectorModel\?state=Dangerous&key=no-such-motor$/);
  });

  it("shows on the detector's page the transition it took and why, and its current state on the diagram", async () => {
    // Arrange
    await open('#/detectors/motorDetectorModel');

    // Act
    await page.getByRole('link', { name: MOTOR, exact: true }).click();

    // Assert
    await page.getByRole('heading', { level: 1, name: `Detector ${MOTOR}` }).waitFor();
    await page.getByLabel('Latest transition').getByText('Took the transition Overpressurized from Normal to Dangerous because its condition $input.PressureInput.sensorData.pressure > 70 was true.').waitFor();
    await page.getByRole('img', { name: 'State Dangerous, current state', exact: true }).waitFor();
    await page.getByRole('img', { name: /^Transition Normal → Dangerous on Overpressurized .*, taken 1 time$/ }).waitFor();
    const latest = page.getByRole('article').first();
    await latest.getByRole('heading', { name: /Normal → Dangerous$/ }).waitFor();
    const fired = latest.getByRole('table', { name: 'Conditions evaluated' }).getByRole('row', { name: /Overpressurized/ });
    expect(await fired.getByRole('cell').allTextContents()).toEqual(['Normal', 'OnInput (transition)', 'Overpressurized', '$input.PressureInput.sensorData.pressure > 70', 'True']);
    await latest.getByText('by Pressure Threshold Breached').waitFor();
  });

  it('acknowledges and snoozes an alarm from the page, with a note, and shows a refusal', async () => {
    // Arrange: the readings above raised the motor's pressure alarm.
    await open('#/alarms/motorPressureAlarm');
    await page.getByLabel(`State of ${MOTOR}: ACTIVE`).waitFor();
    await page.getByLabel('Note').fill('checked the valve');

    // Act
    await page.getByRole('button', { name: `Acknowledge ${MOTOR}` }).click();

    // Assert
    await page.getByRole('status').getByText(`Alarm ${MOTOR} acknowledged.`).waitFor();
    await page.getByLabel(`State of ${MOTOR}: ACKNOWLEDGED`).waitFor();
    const acknowledged = await data.send(new DescribeAlarmCommand({ alarmModelName: 'motorPressureAlarm', keyValue: MOTOR }));
    expect(acknowledged.alarm?.alarmState?.customerAction).toEqual({ actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: { note: 'checked the valve' } });

    // Act
    await page.getByLabel('Snooze for (minutes)').fill('5');
    await page.getByRole('button', { name: `Snooze ${MOTOR}` }).click();

    // Assert
    await page.getByRole('status').getByText(`Alarm ${MOTOR} snoozed for 5 min.`).waitFor();
    await page.getByLabel(`State of ${MOTOR}: SNOOZE_DISABLED`).waitFor();
    const snoozed = await data.send(new DescribeAlarmCommand({ alarmModelName: 'motorPressureAlarm', keyValue: MOTOR }));
    expect(snoozed.alarm?.alarmState?.customerAction).toEqual({ actionName: 'SNOOZE', snoozeActionConfiguration: { snoozeDuration: 300, note: 'checked the valve' } });

    // Act: a snoozed alarm cannot be acknowledged; the API's refusal is shown as it came.
    await page.getByRole('button', { name: `Acknowledge ${MOTOR}` }).click();

    // Assert
    await page.getByRole('alert').getByText(`Acknowledge ${MOTOR} refused: InvalidRequestException: alarm '${MOTOR}' of alarm model motorPressureAlarm is SNOOZE_DISABLED; only an ACTIVE or LATCHED alarm can be acknowledged`, { exact: true }).waitFor();
    await page.getByLabel(`State of ${MOTOR}: SNOOZE_DISABLED`).waitFor();
  });

  it('shows the problems of a bad model at their positions in its text', async () => {
    // Arrange: the motor model with a syntax error in a condition and a misspelt member.
    const model = JSON.parse(readFileSync(path.join(__dirname, '../../models/motor-detector-model.json'), 'utf8'));
    model.detectorModelDefinition.states[0].onInput.transitionEvents[0].condition = '$input.PressureInput.sensorData.pressure > > 70';
    model.detectorModelDefinition.states[1].onInput.transitionEvents[0].condtion = 'true';
    const text = JSON.stringify(model, null, 2);
    const at = (offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
    };
    const secondGreater = text.indexOf('> > 70') + 2;
    const misspelt = text.indexOf('"condtion"');
    await open('#/validate');

    // Act
    await page.getByLabel('Model JSON').fill(text);
    await page.getByRole('button', { name: 'Validate' }).click();

    // Assert: each problem in the list names its place; the syntax error points at the second '>'.
    const problems = page.getByRole('list', { name: 'Validation problems' }).getByRole('listitem');
    await problems.first().waitFor();
    expect(await problems.allTextContents()).toEqual([
      `ERROR ${at(secondGreater)} states[0].onInput.transitionEvents[0].condition: unexpected '>' at 43; expected an operand`,
      expect.stringMatching(new RegExp(`^ERROR line ${at(misspelt).split(',')[0].slice(5)}, column \\d+ states\\[1\\]\\.onInput\\.transitionEvents\\[0\\]\\.condtion: unknown member; did you mean 'condition'\\?$`)),
    ]);
    // The characters are marked in the text where they are.
    expect(await page.locator('mark[data-problem="0"]').allTextContents()).toEqual(['>']);
    // The link in the list takes the reader there.
    await page.getByRole('button', { name: at(secondGreater) }).click();
    expect(await page.locator(':focus').textContent()).toBe(`ERROR at ${at(secondGreater)}: unexpected '>' at 43; expected an operand`);
  });

  it('sends a message to an input from the Try it page (BatchPutMessage)', async () => {
    // Arrange
    await open('#/try');
    await page.getByRole('combobox', { name: 'Input', exact: true }).selectOption('PressureInput');
    await page.getByLabel('Payload (JSON)').fill(JSON.stringify({ motorid: 'console-motor-2', sensorData: { pressure: 20 } }));

    // Act
    await page.getByRole('button', { name: 'Send message' }).click();

    // Assert
    await page.getByRole('status').getByText(/^Message console-\S+ sent to PressureInput\.$/).waitFor();
    const { detector } = await data.send(new DescribeDetectorCommand({ detectorModelName: 'motorDetectorModel', keyValue: 'console-motor-2' }));
    expect(detector?.state?.stateName).toBe('Normal');
  });

  it('replays a message file through the simulator and shows the path taken on the diagram', async () => {
    // Arrange
    await open('#/try?model=motorDetectorModel');
    const messages = [
      { messageId: 'r1', inputName: 'PressureInput', payload: { motorid: 'replayed', sensorData: { pressure: 50 } } },
      { messageId: 'r2', inputName: 'PressureInput', payload: { motorid: 'replayed', sensorData: { pressure: 95 } } },
    ].map((message) => JSON.stringify(message)).join('\n');
    await page.getByRole('combobox', { name: 'Detector model', exact: true }).selectOption('motorDetectorModel');
    await page.getByLabel(/^Messages/).fill(messages);

    // Act
    await page.getByRole('button', { name: 'Replay' }).click();

    // Assert
    await page.getByLabel('Path taken').getByText('Path taken: Normal → Dangerous').waitFor();
    await page.getByRole('img', { name: 'State Normal, initial state, visited at step 1', exact: true }).waitFor();
    await page.getByRole('img', { name: 'State Dangerous, current state, visited at step 2', exact: true }).waitFor();
    await page.getByRole('img', { name: /^Transition Normal → Dangerous on Overpressurized .*, taken 1 time$/ }).waitFor();
  });

  it('infers thresholds from a pasted history and charts where they would have fired: the threshold and a point at the spike', async () => {
    // Arrange
    const { messages, anomalies } = generateHistory({ keys: 2, readingsPerKey: 600, seed: 18, inject: [{ kind: 'spike', key: 1, index: 400 }] });
    const spikeAt = new Date(anomalies[0].time).toISOString();
    await open('#/infer');
    await page.getByRole('textbox', { name: /^History/ }).fill(jsonLines(messages));
    await page.getByLabel('Key attribute').fill('deviceId');

    // Act
    await page.getByRole('button', { name: 'Infer', exact: true }).click();
    await page.getByRole('table', { name: 'Proposed thresholds' }).getByRole('rowheader', { name: 'temperature' }).waitFor();
    await page.getByRole('combobox', { name: 'Series shown' }).selectOption('1');

    // Assert
    const chart = page.getByRole('group', { name: 'Chart of temperature of dev-1' });
    await chart.getByRole('img', { name: /^High threshold \d/ }).waitFor();
    await chart.getByRole('img', { name: /^Low threshold \d/ }).waitFor();
    const spike = chart.getByRole('img', { name: new RegExp(`^Would have fired \\(high\\) at ${spikeAt.replace(/\./g, '\\.')}: `) });
    await spike.waitFor();
    // Keyboard reachable: the point takes focus (it is in the Tab order).
    expect(await spike.evaluate((element) => { element.focus(); return [element.matches(':focus'), element.getAttribute('tabindex')]; })).toEqual([true, '0']);
    const fired = page.getByRole('table', { name: 'Where the alarms on temperature of dev-1 would have fired' });
    expect(await fired.getByRole('row', { name: new RegExp(spikeAt.replace(/\./g, '\\.')) }).textContent()).toContain('above high');
  });
});
