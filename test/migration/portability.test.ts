import { formatPortability, portabilityReport } from '../../lib/migration';
import type { Action, CreateDetectorModelRequest, State } from '../../lib/model';
import { repoJson } from './template-fixtures';

/** A keyed model of the given states. */
const model = (states: State[], extra: Partial<CreateDetectorModelRequest> = {}): CreateDetectorModelRequest => ({
  detectorModelName: 'm',
  key: 'id',
  detectorModelDefinition: { initialStateName: states[0].stateName, states },
  ...extra,
});
const onInput = (condition: string, actions: Action[] = []): State => ({ stateName: 'S', onInput: { events: [{ eventName: 'e', condition, actions }] } });
const decisions = (body: unknown) => portabilityReport(body).map((finding) => finding.decision);

describe('portabilityReport', () => {
  it('flags a timer under AWS\'s 60 s minimum, literal seconds or duration', () => {
    // Arrange
    const body = model([onInput('currentInput("In")', [{ setTimer: { timerName: 'short', seconds: 30 } }, { setTimer: { timerName: 'expr', durationExpression: '10' } }, { setTimer: { timerName: 'ok', seconds: 60 } }])]);
    // Act
    const report = portabilityReport(body);
    // Assert
    expect(report.filter((finding) => finding.decision === 'D6').map(formatPortability)).toEqual([
      "states[0].onInput.events[0].actions[0].setTimer: timer short of 30 s is under AWS's 60 s minimum: Vigil does not set it unless minTimerSeconds is lowered (docs/decisions.md D6)",
      "states[0].onInput.events[0].actions[1].setTimer: timer expr of 10 s is under AWS's 60 s minimum: Vigil does not set it unless minTimerSeconds is lowered (docs/decisions.md D6)",
    ]);
  });

  it('flags a function AWS IoT Events does not have as not portable back to AWS', () => {
    const [finding] = portabilityReport(model([onInput('vigil_abs($input.In.v) > 3')]));
    expect(finding).toEqual({ path: 'states[0].onInput.events[0].condition', message: expect.stringContaining('vigil_abs() is a Vigil function'), decision: 'M6' });
  });

  it.each([
    ['timeout()', onInput('timeout("t")'), 'D5'],
    ['integer division', onInput('$input.In.a / 2 > 1'), 'E7'],
    ['convert()', onInput('convert(String, $input.In.a) == "1"'), 'E12'],
    ['a substitution in a double-quoted string', onInput('"${$input.In.a}" == "1"'), 'E3'],
  ])('flags %s once, with its decision', (_what, state, decision) => {
    expect(decisions(model([state, { ...state, stateName: 'T' }]))).toEqual([decision]);
  });

  it('flags a model reading several inputs (each keeps its last value), BATCH conditions reading variables set in the same cycle, and default payloads', () => {
    const body = model([{
      stateName: 'S',
      onInput: {
        events: [
          { eventName: 'count', condition: 'currentInput("A")', actions: [{ setVariable: { variableName: 'n', value: '$input.B.v' } }] },
          { eventName: 'alert', condition: '$variable.n > 2', actions: [{ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t' } }] },
        ],
      },
    }]);
    expect(decisions(body).sort()).toEqual(['D1', 'D3', 'D7']);
    expect(decisions({ ...body, evaluationMethod: 'SERIAL' }).sort()).toEqual(['D1', 'D7']);
  });

  it('flags the default payload and the notifications of an alarm model', () => {
    expect(decisions(repoJson('test/fixtures/alarm-models/motor-temperature-alarm.json'))).toEqual(['AL5', 'AL6']);
  });

  it('says nothing of a model that only uses what AWS documented', () => {
    expect(portabilityReport(repoJson('models/job-failures.json'))).toEqual([]);
  });
});
