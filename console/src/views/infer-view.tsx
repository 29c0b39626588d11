import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { inferHistory, type InferAnswer, type InferChoice } from '../api/vigil';
import { ErrorNotice, PageTitle, Section } from '../components/ui';
import { FiredTable, SeriesChart } from '../components/series-chart';

const percent = (rate: number) => `${(rate * 100).toPrecision(3)}%`;
const choice = (chosen: InferChoice) => `${chosen.threshold}${chosen.withinRate ? '' : '!'} (${chosen.alarms} alarm(s), rate ≤ ${percent(chosen.bound)})`;

/** The proposal as `vigil infer`'s terminal report has it: one row per attribute, each threshold with its alarms and rate bound. */
function ProposalTable({ answer }: { answer: InferAnswer }) {
  const { proposal } = answer;
  return (
    <>
      <p>{answer.report[0]}</p>
      <table aria-label="Proposed thresholds">
        <thead>
          <tr><th scope="col">Attribute</th><th scope="col">Readings</th><th scope="col">Spike |z| &gt;</th><th scope="col">Drift &gt;</th><th scope="col">Flat ≥</th><th scope="col">High k</th><th scope="col">Low k</th></tr>
        </thead>
        <tbody>
          {proposal.attributes.map((attribute) => (
            <tr key={attribute.name}>
              <th scope="row">{attribute.name}</th><td>{attribute.readings}</td><td>{choice(attribute.spike)}</td><td>{choice(attribute.drift)}</td>
              <td>{choice(attribute.flat)}</td><td>{choice(attribute.high)}</td><td>{choice(attribute.low)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Silence: heartbeat {choice(proposal.heartbeat)} of gaps.</p>
      <details>
        <summary>The report as vigil infer prints it</summary>
        <pre class="report">{answer.report.join('\n')}</pre>
      </details>
    </>
  );
}

/**
 * "Infer": `vigil infer` on a pasted or loaded history (JSON lines or CSV), answered by the console
 * server. Shows the proposed thresholds as the terminal report does and, per key × attribute, a
 * chart of the series with the alarm thresholds and where they would have fired.
 */
export function InferView() {
  const [history, setHistory] = useState('');
  const [key, setKey] = useState('');
  const [format, setFormat] = useState<'auto' | 'jsonl' | 'csv'>('auto');
  const [answer, setAnswer] = useState<InferAnswer | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [running, setRunning] = useState(false);
  const [shown, setShown] = useState(0);
  const run = async (event: Event) => {
    event.preventDefault();
    setRunning(true);
    setError(undefined);
    try {
      setAnswer(await inferHistory({ history, ...(key.trim() ? { key: key.trim() } : {}), ...(format === 'auto' ? {} : { format }) }));
      setShown(0);
    } catch (failure) {
      setAnswer(undefined);
      setError(failure as Error);
    } finally {
      setRunning(false);
    }
  };
  const load = async (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    setHistory(await file.text());
    if (file.name.toLowerCase().endsWith('.csv')) setFormat('csv');
  };
  const problems = error instanceof ApiError && typeof error.body === 'object' && error.body !== null && Array.isArray((error.body as { problems?: unknown }).problems)
    ? (error.body as { problems: { line: number; message: string }[] }).problems : [];
  const series = answer?.series[Math.min(shown, answer.series.length - 1)];
  return (
    <>
      <PageTitle title="Infer">Infer thresholds from history</PageTitle>
      <Section title="History" id="history">
        <form class="stack" onSubmit={run}>
          <label class="block">History (JSON lines of messages, or CSV with a header)
            <textarea rows={8} spellcheck={false} value={history} onInput={(event) => setHistory((event.target as HTMLTextAreaElement).value)} required />
          </label>
          <label>Or load a file{' '}<input type="file" accept=".jsonl,.json,.csv,.txt,text/csv,application/json" onChange={load} /></label>
          <label>Key attribute{' '}<input type="text" value={key} placeholder="deviceId" onInput={(event) => setKey((event.target as HTMLInputElement).value)} /></label>
          <label>Format{' '}
            <select value={format} onChange={(event) => setFormat((event.target as HTMLSelectElement).value as 'auto' | 'jsonl' | 'csv')}>
              <option value="auto">Detect</option><option value="jsonl">JSON lines</option><option value="csv">CSV</option>
            </select>
          </label>
          <p><button type="submit" disabled={running || !history.trim()}>{running ? 'Inferring…' : 'Infer'}</button></p>
        </form>
        <ErrorNotice error={error} what="The history was refused" />
        {problems.length > 1 && <ul class="problems" aria-label="Lines that could not be read">{problems.map((problem) => <li key={problem.line}>line {problem.line}: {problem.message}</li>)}</ul>}
      </Section>
      {answer && (
        <Section title="Proposal" id="proposal">
          <ProposalTable answer={answer} />
        </Section>
      )}
      {answer && series && (
        <Section title="Series" id="series">
          <label>Series shown{' '}
            <select value={String(answer.series.indexOf(series))} onChange={(event) => setShown(Number((event.target as HTMLSelectElement).value))}>
              {answer.series.map((candidate, i) => (
                <option key={i} value={String(i)}>{`${candidate.key || '(single series)'} · ${candidate.attribute} (${candidate.fired.length} fired)`}</option>
              ))}
            </select>
          </label>
          <SeriesChart series={series} />
          <FiredTable series={series} />
        </Section>
      )}
    </>
  );
}
