import { listAlarmModels, listDetectorModels } from '../api/vigil';
import { ErrorNotice, Loading, PageTitle, Section } from '../components/ui';
import { useLoad, type Loaded } from '../hooks';
import { routeHref } from '../route';
import { formatTime } from '../text';

/** One row of a models table: the model's page, its instances' page. */
interface ModelRow {
  readonly name: string;
  readonly description?: string;
  readonly creationTime?: number;
  readonly page: string;
  readonly instances: string;
}

/** A table of models (detector or alarm), loaded once. */
function ModelTable({ id, title, what, instances, load }: { id: string; title: string; what: string; instances: string; load: Loaded<ModelRow[]> }) {
  return (
    <Section title={title} id={id}>
      <ErrorNotice error={load.error} what={`Could not list the ${what}`} />
      {!load.data && !load.error && <Loading what={what} />}
      {load.data && (load.data.length === 0 ? <p class="muted">No {what} yet.</p> : (
        <table aria-labelledby={id}>
          <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">Created</th><th scope="col">{instances}</th></tr></thead>
          <tbody>
            {load.data.map((model) => (
              <tr key={model.name}>
                <th scope="row"><a href={model.page}>{model.name}</a></th>
                <td>{model.description ?? ''}</td>
                <td>{model.creationTime ? formatTime(model.creationTime) : ''}</td>
                <td><a href={model.instances} aria-label={`${instances} of ${model.name}`}>{instances}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Section>
  );
}

/** Every detector model and alarm model, with links to their pages and instances. */
export function ModelsView() {
  const detectorModels = useLoad(async () => (await listDetectorModels()).items.map((model): ModelRow => ({
    name: model.detectorModelName,
    description: model.detectorModelDescription,
    creationTime: model.creationTime,
    page: routeHref({ view: 'detector-model', name: model.detectorModelName }),
    instances: routeHref({ view: 'detectors', model: model.detectorModelName }),
  })), 'detector-models');
  const alarmModels = useLoad(async () => (await listAlarmModels()).items.map((model): ModelRow => ({
    name: model.alarmModelName,
    description: model.alarmModelDescription,
    creationTime: model.creationTime,
    page: routeHref({ view: 'alarm-model', name: model.alarmModelName }),
    instances: routeHref({ view: 'alarms', model: model.alarmModelName }),
  })), 'alarm-models');
  return (
    <>
      <PageTitle title="Models">Models</PageTitle>
      <ModelTable id="detector-models" title="Detector models" what="detector models" instances="Detectors" load={detectorModels} />
      <ModelTable id="alarm-models" title="Alarm models" what="alarm models" instances="Alarms" load={alarmModels} />
    </>
  );
}
