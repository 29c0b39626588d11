import { useMemo } from 'preact/hooks';
import { describeAlarmModel, listAlarmModelVersions } from '../api/vigil';
import { ModelCheck } from '../components/model-check';
import { ErrorNotice, Facts, Loading, PageTitle, Section } from '../components/ui';
import { VersionPicker } from '../components/version-picker';
import { useLoad } from '../hooks';
import { alarmModelBody } from '../model/create-body';
import { routeHref } from '../route';
import { formatTime } from '../text';

/** One alarm model: its rule, severity and versions, and its JSON with the validator's findings. */
export function AlarmModelView({ name, version }: { name: string; version?: string }) {
  const model = useLoad(() => describeAlarmModel(name, version), `${name}@${version ?? ''}`);
  const versions = useLoad(() => listAlarmModelVersions(name), name);
  const text = useMemo(() => (model.data ? JSON.stringify(alarmModelBody(model.data), null, 2) : ''), [model.data]);
  const data = model.data;
  const rule = data?.alarmRule?.simpleRule;
  return (
    <>
      <PageTitle title={name}>Alarm model {name}</PageTitle>
      <ErrorNotice error={model.error} what="Could not read the alarm model" />
      {!data && !model.error && <Loading what="the alarm model" />}
      {data && (
        <>
          <p class="actions"><a class="button" href={routeHref({ view: 'alarms', model: name })}>Alarms of {name}</a></p>
          <Facts items={[
            ['Description', data.alarmModelDescription],
            ['Version', data.alarmModelVersion],
            ['Status', data.status],
            ['Key', data.key ?? '(none: one alarm)'],
            ['Severity', data.severity === undefined ? undefined : String(data.severity)],
            ['Rule', rule ? <code>{`${rule.inputProperty} ${rule.comparisonOperator} ${rule.threshold}`}</code> : undefined],
            ['Acknowledge flow', data.alarmCapabilities?.acknowledgeFlow?.enabled === false ? 'off' : 'on'],
          ]} />
          <VersionPicker
            label="Version shown"
            current={data.alarmModelVersion ?? ''}
            versions={(versions.data?.items ?? []).map((item) => ({ version: item.alarmModelVersion ?? '', status: item.status, time: item.lastUpdateTime ? formatTime(item.lastUpdateTime) : undefined }))}
            href={(chosen) => routeHref({ view: 'alarm-model', name, version: chosen })}
          />
          <Section title="Model JSON" id="model-json">
            <ModelCheck text={text} label={`JSON of ${name}`} />
          </Section>
        </>
      )}
    </>
  );
}
