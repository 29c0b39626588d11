import { useMemo } from 'preact/hooks';
import { describeDetectorModel, listDetectorModelVersions } from '../api/vigil';
import { ModelCheck } from '../components/model-check';
import { ErrorNotice, Facts, Loading, PageTitle, Section } from '../components/ui';
import { StateDiagram } from '../diagram/state-diagram';
import { useLoad } from '../hooks';
import { detectorModelBody } from '../model/create-body';
import { modelGraph } from '../model/model-graph';
import { routeHref } from '../route';
import { formatTime } from '../text';
import { VersionPicker } from '../components/version-picker';

/** One detector model: its versions, its state diagram, and its JSON with the validator's findings. */
export function DetectorModelView({ name, version }: { name: string; version?: string }) {
  const model = useLoad(() => describeDetectorModel(name, version), `${name}@${version ?? ''}`);
  const versions = useLoad(() => listDetectorModelVersions(name), name);
  const graph = useMemo(() => modelGraph(model.data?.detectorModelDefinition), [model.data]);
  const text = useMemo(() => (model.data ? JSON.stringify(detectorModelBody(model.data), null, 2) : ''), [model.data]);
  const configuration = model.data?.detectorModelConfiguration;
  return (
    <>
      <PageTitle title={name}>Detector model {name}</PageTitle>
      <ErrorNotice error={model.error} what="Could not read the model" />
      {!model.data && !model.error && <Loading what="the model" />}
      {configuration && (
        <>
          <p class="actions">
            <a class="button" href={routeHref({ view: 'detectors', model: name })}>Detectors of {name}</a>
            <a class="button" href={routeHref({ view: 'try', model: name })}>Replay messages</a>
          </p>
          <Facts items={[
            ['Description', configuration.detectorModelDescription],
            ['Version', configuration.detectorModelVersion],
            ['Status', configuration.status],
            ['Key', configuration.key ?? '(none: one detector)'],
            ['Evaluation', configuration.evaluationMethod ?? 'BATCH'],
          ]} />
          <VersionPicker
            label="Version shown"
            current={configuration.detectorModelVersion}
            versions={(versions.data?.items ?? []).map((item) => ({ version: item.detectorModelVersion ?? '', status: item.status, time: item.lastUpdateTime ? formatTime(item.lastUpdateTime) : undefined }))}
            href={(chosen) => routeHref({ view: 'detector-model', name, version: chosen })}
          />
          <Section title="State diagram" id="diagram">
            <StateDiagram modelName={name} graph={graph} />
          </Section>
          <Section title="Model JSON" id="model-json">
            <ModelCheck text={text} label={`JSON of ${name} version ${configuration.detectorModelVersion}`} />
          </Section>
        </>
      )}
    </>
  );
}
