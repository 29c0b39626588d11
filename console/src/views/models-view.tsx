import { listAlarmModels, listDetectorModels } from '../api/vigil';
import { ErrorNotice, Loading, PageTitle, Section } from '../components/ui';
import { useLoad } from '../hooks';
import { routeHref } from '../route';
import { formatTime } from '../text';

/** Every detector model and alarm model, with links to their pages and instances. */
export function ModelsView() {
  const detectorModels = useLoad(listDetectorModels, 'detector-models');
  const alarmModels = useLoad(listAlarmModels, 'alarm-models');
  return (
    <>
      <PageTitle title="Models">Models</PageTitle>
      <Section title="Detector models" id="detector-models">
        <ErrorNotice error={detectorModels.error} what="Could not list the detector models" />
        {!detectorModels.data && !detectorModels.error && <Loading what="detector models" />}
        {detectorModels.data && (detectorModels.data.items.length === 0 ? <p class="muted">No detector model yet.</p> : (
          <table aria-labelledby="detector-models">
            <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">Created</th><th scope="col">Detectors</th></tr></thead>
            <tbody>
              {detectorModels.data.items.map((model) => (
                <tr key={model.detectorModelName}>
                  <th scope="row"><a href={routeHref({ view: 'detector-model', name: model.detectorModelName })}>{model.detectorModelName}</a></th>
                  <td>{model.detectorModelDescription ?? ''}</td>
                  <td>{model.creationTime ? formatTime(model.creationTime) : ''}</td>
                  <td><a href={routeHref({ view: 'detectors', model: model.detectorModelName })} aria-label={`Detectors of ${model.detectorModelName}`}>Detectors</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </Section>
      <Section title="Alarm models" id="alarm-models">
        <ErrorNotice error={alarmModels.error} what="Could not list the alarm models" />
        {!alarmModels.data && !alarmModels.error && <Loading what="alarm models" />}
        {alarmModels.data && (alarmModels.data.items.length === 0 ? <p class="muted">No alarm model yet.</p> : (
          <table aria-labelledby="alarm-models">
            <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">Created</th><th scope="col">Alarms</th></tr></thead>
            <tbody>
              {alarmModels.data.items.map((model) => (
                <tr key={model.alarmModelName}>
                  <th scope="row"><a href={routeHref({ view: 'alarm-model', name: model.alarmModelName })}>{model.alarmModelName}</a></th>
                  <td>{model.alarmModelDescription ?? ''}</td>
                  <td>{model.creationTime ? formatTime(model.creationTime) : ''}</td>
                  <td><a href={routeHref({ view: 'alarms', model: model.alarmModelName })} aria-label={`Alarms of ${model.alarmModelName}`}>Alarms</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </Section>
    </>
  );
}
