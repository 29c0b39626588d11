import { compileAlarmModel, formatIssue, validateAlarmModel, validateModel, type CreateAlarmModelRequest, type ModelIssue } from '../../../lib/model';
import { alarmBody } from '../../helpers/alarm';

const M = 'a1b2c3d4-5678-90ab-cdef-11111EXAMPLE';
const value = (property: string, model = M) => `$sitewise.assetModel.\`${model}\`.\`${property}\`.propertyValue.value`;
const asset = (property: string, model = M) => `$sitewise.assetModel.\`${model}\`.\`${property}\`.assetId`;
const rule = (inputProperty: string, threshold: string) => ({ alarmRule: { simpleRule: { inputProperty, comparisonOperator: 'GREATER', threshold } } });
const writeBack = (assetId = asset('temperature')) => ({ alarmActions: [{ iotSiteWise: { assetId, propertyId: "'alarm-state'" } }] });
const messages = (issues: readonly ModelIssue[], level = 'ERROR') => issues.filter((found) => found.level === level).map(formatIssue);

/** The SiteWise user guide's example, as `aws iotevents create-alarm-model` took it: no key, the state written back to the asset. */
const example = alarmBody({ key: undefined, ...rule(value('temperature'), value('max-temperature')), alarmEventActions: writeBack() });

describe('SiteWise-backed alarm models', () => {
  it('accepts AWS\'s example: a property over another property of the same asset model, the state written back to the asset', () => {
    // Act
    const issues = validateAlarmModel(example, { inputs: [] });

    // Assert
    expect(issues).toEqual([]);
  });

  it('keys the instances by asset id and lists every SiteWise property the model reads', () => {
    // Act
    const model = compileAlarmModel(example as unknown as CreateAlarmModelRequest);

    // Assert
    expect(model.key).toEqual({ path: 'assetId', segments: ['assetId'] });
    expect(model.siteWise).toEqual({ assetModelId: M, inputs: [`$sitewise/${M}/temperature`, `$sitewise/${M}/max-temperature`] });
    expect([...model.inputs]).toEqual([`$sitewise/${M}/temperature`, `$sitewise/${M}/max-temperature`]);
  });

  it.each([
    ['an asset id compared', rule(asset('temperature'), '30'), 'alarmRule.simpleRule.inputProperty: inputProperty must read a property\'s value ($sitewise.assetModel.`…`.`…`.propertyValue.value), not an asset id, at character 0'],
    ['an $input threshold', rule(value('temperature'), '$input.Limits.max'), `alarmRule.simpleRule.threshold: the input property reads AWS IoT SiteWise, so the threshold must be a number or a property of the same asset model ($sitewise.assetModel.\`${M}\`.\`…\`.propertyValue.value), not an $input attribute, at character 0`],
    ['another asset model\'s threshold', rule(value('temperature'), value('max', 'other-model')), `alarmRule.simpleRule.threshold: the threshold reads asset model other-model but the input property reads ${M}: instances are keyed by asset, so both must be properties of the same asset model (at character 0)`],
    ['a SiteWise threshold for an $input property', rule('$input.Temp.value', value('max')), 'alarmRule.simpleRule.threshold: a SiteWise threshold needs a SiteWise input property of the same asset model; the input property reads $input (threshold at character 0)'],
  ])('refuses %s, by path and position', (_case, members, expected) => {
    // Act
    const issues = validateAlarmModel(alarmBody({ key: undefined, ...members, alarmEventActions: undefined }));

    // Assert
    expect(messages(issues)).toEqual([expected]);
  });

  it('refuses a $sitewise read in an action when the rule reads no SiteWise property, or reads another asset model', () => {
    // Act
    const plain = validateAlarmModel(alarmBody({ alarmEventActions: writeBack("'asset-1'") }));
    const stray = validateAlarmModel(alarmBody({ alarmEventActions: writeBack(`'x' + ${asset('temperature')}`) }));
    const other = validateAlarmModel({ ...example, alarmEventActions: writeBack(asset('p', 'other-model')) });

    // Assert
    expect(messages(plain)).toEqual([]);
    expect(messages(stray)).toEqual(['alarmEventActions.alarmActions[0].iotSiteWise.assetId: $sitewise at character 6: the alarm rule reads no AWS IoT SiteWise property, so no SiteWise data reaches this model']);
    expect(messages(other)).toEqual([`alarmEventActions.alarmActions[0].iotSiteWise.assetId: $sitewise at character 0 reads asset model other-model; this alarm's rule reads asset model ${M}, the only one whose data reaches it`]);
  });

  it('warns that a key is not used: SiteWise alarms have one instance per asset', () => {
    // Act
    const issues = validateAlarmModel({ ...example, key: 'id' });

    // Assert
    expect(messages(issues)).toEqual([]);
    expect(messages(issues, 'WARNING')).toEqual(['key: the rule reads AWS IoT SiteWise, whose alarms have one instance per asset: the key is not used, instances are keyed by asset id']);
  });

  it('refuses $sitewise in a detector model, with its position: only alarm models read SiteWise', () => {
    // Arrange
    const detector = {
      detectorModelName: 'd',
      detectorModelDefinition: { initialStateName: 'S', states: [{ stateName: 'S', onInput: { events: [{ eventName: 'e', condition: `true && ${value('temperature')} > 3` }] } }] },
    };

    // Act
    const issues = validateModel(detector);

    // Assert
    expect(messages(issues)).toEqual([
      'states[0].onInput.events[0].condition: $sitewise at 8 reads AWS IoT SiteWise data, which only alarm models can; a detector model reads $input',
    ]);
  });
});
