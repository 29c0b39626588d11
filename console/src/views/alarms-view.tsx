import { useRef, useState } from 'preact/hooks';
import type { Alarm, AlarmSummary } from '../api/types';
import { alarmAction, describeAlarm, listAlarms, type AlarmAction } from '../api/vigil';
import { ErrorNotice, LiveBadge, Loading, PageTitle } from '../components/ui';
import { useLoad } from '../hooks';
import { routeHref } from '../route';
import { formatTime } from '../text';

const keyOf = (alarm: { keyValue?: string }) => alarm.keyValue ?? '';
const ACTIONS: readonly { action: AlarmAction; label: string; done: string }[] = [
  { action: 'acknowledge', label: 'Acknowledge', done: 'acknowledged' },
  { action: 'snooze', label: 'Snooze', done: 'snoozed' },
  { action: 'disable', label: 'Disable', done: 'disabled' },
  { action: 'enable', label: 'Enable', done: 'enabled' },
  { action: 'reset', label: 'Reset', done: 'reset' },
];
/** Alarm states in the order an operator cares about them. */
const STATES = ['ACTIVE', 'ACKNOWLEDGED', 'LATCHED', 'SNOOZE_DISABLED', 'NORMAL', 'DISABLED'];

/** What the last button did, for the status line. */
interface Outcome {
  readonly ok: boolean;
  readonly text: string;
}

/** Counts of `values`, in `order` first, then any other value seen. */
function counts(values: readonly string[], order: readonly string[]): [string, number][] {
  const result = new Map<string, number>(order.map((value) => [value, 0]));
  for (const value of values) result.set(value, (result.get(value) ?? 0) + 1);
  return [...result.entries()].filter(([value, count]) => count > 0 || order.includes(value));
}

/**
 * The instances of one alarm model, live, by state and severity, with the operator's buttons:
 * acknowledge, snooze (for a duration), disable, enable and reset, each with the note typed above
 * the table, calling the data-plane batch operations; a refusal (an error entry) is shown as is.
 */
export function AlarmsView({ model }: { model: string }) {
  const described = useRef(new Map<string, { lastUpdateTime: number; alarm: Alarm }>());
  const [stateFilter, setStateFilter] = useState('');
  const [severityFilter, setSeverityFilter] = useState('');
  const [note, setNote] = useState('');
  const [snoozeMinutes, setSnoozeMinutes] = useState('10');
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);

  const list = useLoad(async () => {
    const page = await listAlarms(model);
    const stale = page.items.filter((summary) => described.current.get(keyOf(summary))?.lastUpdateTime !== summary.lastUpdateTime).slice(0, 25);
    await Promise.all(stale.map(async (summary) => {
      try {
        described.current.set(keyOf(summary), { lastUpdateTime: summary.lastUpdateTime, alarm: await describeAlarm(model, summary.keyValue) });
      } catch {
        // Deleted meanwhile: the next list drops it.
      }
    }));
    return { ...page, at: Date.now() };
  }, model, 1000);

  const severityOf = (summary: AlarmSummary) => {
    const severity = described.current.get(keyOf(summary))?.alarm.severity;
    return severity === undefined ? '' : String(severity);
  };
  const all = list.data?.items ?? [];
  const shown = all.filter((summary) => (!stateFilter || summary.stateName === stateFilter) && (!severityFilter || severityOf(summary) === severityFilter));

  const act = async (action: (typeof ACTIONS)[number], summary: AlarmSummary) => {
    const who = summary.keyValue ?? model;
    let snoozeDuration: number | undefined;
    if (action.action === 'snooze') {
      snoozeDuration = Math.round(Number(snoozeMinutes) * 60);
      if (!Number.isFinite(snoozeDuration) || snoozeDuration <= 0) {
        setOutcome({ ok: false, text: 'Snooze: the duration must be a number of minutes above 0.' });
        return;
      }
    }
    setBusy(true);
    try {
      const refused = await alarmAction(action.action, {
        alarmModelName: model,
        ...(summary.keyValue === undefined ? {} : { keyValue: summary.keyValue }),
        ...(note ? { note } : {}),
        ...(snoozeDuration === undefined ? {} : { snoozeDuration }),
      });
      setOutcome(refused.length
        ? { ok: false, text: `${action.label} ${who} refused: ${refused.map((entry) => `${entry.errorCode ?? 'error'}: ${entry.errorMessage ?? ''}`).join('; ')}` }
        : { ok: true, text: `Alarm ${who} ${action.done}${snoozeDuration ? ` for ${snoozeMinutes} min` : ''}.` });
    } catch (error) {
      setOutcome({ ok: false, text: `${action.label} ${who} failed: ${(error as Error).message}` });
    } finally {
      setBusy(false);
      list.reload();
    }
  };

  const stateCounts = counts(all.map((summary) => summary.stateName), STATES);
  const severityCounts = counts(all.map(severityOf).filter((value) => value !== ''), []);
  return (
    <>
      <PageTitle title={`Alarms of ${model}`}>Alarms of {model}</PageTitle>
      <p class="actions">
        <a href={routeHref({ view: 'alarm-model', name: model })}>Alarm model</a>
        <LiveBadge at={list.data?.at} />
      </p>
      <ErrorNotice error={list.error} what="Could not list the alarms" />
      <form class="filters" role="search" aria-label="Filter the alarms" onSubmit={(event) => event.preventDefault()}>
        <label>State{' '}
          <select value={stateFilter} onChange={(event) => setStateFilter((event.target as HTMLSelectElement).value)}>
            <option value="">any state ({all.length})</option>
            {stateCounts.map(([state, count]) => <option key={state} value={state}>{`${state} (${count})`}</option>)}
          </select>
        </label>
        <label>Severity{' '}
          <select value={severityFilter} onChange={(event) => setSeverityFilter((event.target as HTMLSelectElement).value)}>
            <option value="">any severity</option>
            {severityCounts.map(([severity, count]) => <option key={severity} value={severity}>{`${severity} (${count})`}</option>)}
          </select>
        </label>
      </form>
      <ul class="counts" aria-label="Alarms per state">
        {stateCounts.map(([state, count]) => <li key={state}><span class={`state-pill alarm-${state.toLowerCase()}`}>{state}</span> <strong>{count}</strong></li>)}
      </ul>
      <fieldset class="operator">
        <legend>Operator action</legend>
        <label>Note{' '}<input type="text" maxLength={256} value={note} onInput={(event) => setNote((event.target as HTMLInputElement).value)} /></label>
        <label>Snooze for (minutes){' '}<input type="number" min={1} step={1} value={snoozeMinutes} onInput={(event) => setSnoozeMinutes((event.target as HTMLInputElement).value)} /></label>
      </fieldset>
      {outcome && <p class={`notice ${outcome.ok ? 'ok' : 'error'}`} role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
      {!list.data && !list.error && <Loading what="the alarms" />}
      {list.data && (all.length === 0 ? <p class="muted">No alarm instance yet: one appears with the first message for its key.</p> : (
        <table class="alarms" aria-label={`Alarms of ${model}`}>
          <thead>
            <tr><th scope="col">Key</th><th scope="col">State</th><th scope="col">Severity</th><th scope="col">Rule evaluation</th><th scope="col">Last operator action</th><th scope="col">Last update</th><th scope="col">Actions</th></tr>
          </thead>
          <tbody>
            {shown.map((summary) => {
              const alarm = described.current.get(keyOf(summary))?.alarm;
              const rule = alarm?.alarmState.ruleEvaluation?.simpleRuleEvaluation;
              const customer = alarm?.alarmState.customerAction;
              const who = summary.keyValue ?? model;
              const customerNote = customer?.actionName ? (customer[`${customer.actionName.toLowerCase()}ActionConfiguration`] as { note?: string } | undefined)?.note : undefined;
              return (
                <tr key={keyOf(summary)}>
                  <th scope="row">{summary.keyValue ?? '(single alarm)'}</th>
                  <td><span class={`state-pill alarm-${summary.stateName.toLowerCase()}`} aria-label={`State of ${who}: ${summary.stateName}`}>{summary.stateName}</span></td>
                  <td>{alarm?.severity ?? '…'}</td>
                  <td>{rule ? <code>{`${rule.inputPropertyValue ?? '?'} ${rule.operator ?? ''} ${rule.thresholdValue ?? ''}`}</code> : ''}</td>
                  <td>{customer?.actionName ? `${customer.actionName}${customerNote ? `: ${customerNote}` : ''}` : ''}</td>
                  <td>{formatTime(summary.lastUpdateTime)}</td>
                  <td class="buttons">
                    {ACTIONS.map((action) => (
                      <button key={action.action} type="button" disabled={busy} onClick={() => void act(action, summary)} aria-label={`${action.label} ${who}`}>{action.label}</button>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </>
  );
}
