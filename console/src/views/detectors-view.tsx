import { useMemo, useRef, useState } from 'preact/hooks';
import type { Detector, DetectorSummary } from '../api/types';
import { describeDetector, describeDetectorModel, listDetectors } from '../api/vigil';
import { ErrorNotice, LiveBadge, Loading, PageTitle } from '../components/ui';
import { useLoad } from '../hooks';
import { modelGraph } from '../model/model-graph';
import { routeHref } from '../route';
import { formatTime } from '../text';

/** Rows shown at most; a filter narrows a larger fleet. */
const MAX_ROWS = 100;
/** Detectors described per poll at most, so a first look at a big fleet does not burst the API. */
const DESCRIBES_PER_POLL = 25;

/** A detector's description, with the update it describes. */
interface Described {
  readonly lastUpdateTime: number;
  readonly detector: Detector;
}

const keyOf = (summary: { keyValue?: string }) => summary.keyValue ?? '';

/** Counts per state, in the model's state order, then any other state seen. */
export function countByState(summaries: readonly DetectorSummary[], states: readonly string[]): [string, number][] {
  const counts = new Map<string, number>(states.map((state) => [state, 0]));
  for (const summary of summaries) counts.set(summary.state.stateName, (counts.get(summary.state.stateName) ?? 0) + 1);
  return [...counts.entries()];
}

/**
 * The detectors of one model, live: ListDetectors every second while the page is visible, with
 * counts per state and filters by state and key; variables and timers come from DescribeDetector,
 * asked again only for a detector whose last update changed.
 */
export function DetectorsView({ model, state, keyFilter }: { model: string; state?: string; keyFilter?: string }) {
  const [stateFilter, setStateFilter] = useState(state ?? '');
  const [keyText, setKeyText] = useState(keyFilter ?? '');
  const described = useRef(new Map<string, Described>());
  const definition = useLoad(() => describeDetectorModel(model), model);
  const states = useMemo(() => modelGraph(definition.data?.detectorModelDefinition).states.map((node) => node.name), [definition.data]);

  const matches = (summary: DetectorSummary) =>
    (!stateFilter || summary.state.stateName === stateFilter) && (!keyText || keyOf(summary).toLowerCase().includes(keyText.toLowerCase()));
  const filterRef = useRef(matches);
  filterRef.current = matches;

  const list = useLoad(async () => {
    const page = await listDetectors(model);
    const stale = page.items.filter(filterRef.current).slice(0, MAX_ROWS)
      .filter((summary) => described.current.get(keyOf(summary))?.lastUpdateTime !== summary.lastUpdateTime)
      .slice(0, DESCRIBES_PER_POLL);
    await Promise.all(stale.map(async (summary) => {
      try {
        const detector = await describeDetector(model, summary.keyValue);
        described.current.set(keyOf(summary), { lastUpdateTime: summary.lastUpdateTime, detector });
      } catch {
        // Deleted meanwhile: the next list drops it.
      }
    }));
    return { ...page, at: Date.now() };
  }, model, 1000);

  const update = (nextState: string, nextKey: string) => {
    setStateFilter(nextState);
    setKeyText(nextKey);
    history.replaceState(null, '', routeHref({ view: 'detectors', model, state: nextState || undefined, key: nextKey || undefined }));
  };
  const all = list.data?.items ?? [];
  // In key order, so rows stay put from one poll to the next.
  const shown = all.filter(matches).sort((a, b) => keyOf(a).localeCompare(keyOf(b), undefined, { numeric: true }));
  const counts = countByState(all, states);
  return (
    <>
      <PageTitle title={`Detectors of ${model}`}>Detectors of {model}</PageTitle>
      <p class="actions">
        <a href={routeHref({ view: 'detector-model', name: model })}>Model and diagram</a>
        <LiveBadge at={list.data?.at} />
      </p>
      <ErrorNotice error={list.error} what="Could not list the detectors" />
      <section aria-labelledby="counts-title" class="section">
        <h2 id="counts-title">Detectors per state</h2>
        <ul class="counts" aria-label="Detectors per state">
          <li><button type="button" aria-pressed={stateFilter === ''} onClick={() => update('', keyText)}>All <strong>{all.length}</strong></button></li>
          {counts.map(([name, count]) => (
            <li key={name}>
              <button type="button" aria-pressed={stateFilter === name} onClick={() => update(name, keyText)} aria-label={`${name}: ${count} detector${count === 1 ? '' : 's'}`}>
                {name} <strong>{count}</strong>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <form class="filters" role="search" aria-label="Filter the detectors" onSubmit={(event) => event.preventDefault()}>
        <label>State{' '}
          <select value={stateFilter} onChange={(event) => update((event.target as HTMLSelectElement).value, keyText)}>
            <option value="">any state</option>
            {counts.map(([name]) => <option key={name} value={name}>{name}</option>)}
          </select>
        </label>
        <label>Key contains{' '}
          <input type="search" value={keyText} onInput={(event) => update(stateFilter, (event.target as HTMLInputElement).value)} />
        </label>
      </form>
      {!list.data && !list.error && <Loading what="the detectors" />}
      {list.data && (
        <>
          <p class="muted" role="status">
            {shown.length} of {all.length} detector{all.length === 1 ? '' : 's'}{list.data.truncated ? ' (the first 1,000 only)' : ''}
            {shown.length > MAX_ROWS ? `; showing the first ${MAX_ROWS}` : ''}
          </p>
          {shown.length > 0 && (
            <table class="detectors" aria-label={`Detectors of ${model}`}>
              <thead>
                <tr><th scope="col">Key</th><th scope="col">State</th><th scope="col">Variables</th><th scope="col">Timers</th><th scope="col">Version</th><th scope="col">Last update</th></tr>
              </thead>
              <tbody>
                {shown.slice(0, MAX_ROWS).map((summary) => {
                  const detail = described.current.get(keyOf(summary))?.detector;
                  return (
                    <tr key={keyOf(summary)}>
                      <th scope="row"><a href={routeHref({ view: 'detector', model, key: summary.keyValue })}>{summary.keyValue ?? '(single detector)'}</a></th>
                      <td><span class="state-pill">{summary.state.stateName}</span></td>
                      <td>{detail ? detail.state.variables.map((variable) => <code key={variable.name} class="kv">{variable.name}={variable.value}</code>) : '…'}</td>
                      <td>{detail ? detail.state.timers.map((timer) => <span key={timer.name} class="kv">{timer.name} at {formatTime(timer.timestamp)}</span>) : '…'}</td>
                      <td>{summary.detectorModelVersion}</td>
                      <td>{formatTime(summary.lastUpdateTime)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
