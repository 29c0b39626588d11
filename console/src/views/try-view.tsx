import { useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { SimulationRecord, TraceRecord } from '../api/types';
import { describeDetectorModel, listDetectorModels, listInputs, putMessage, simulate } from '../api/vigil';
import { ErrorNotice, PageTitle, Section } from '../components/ui';
import { StateDiagram } from '../diagram/state-diagram';
import { useLoad } from '../hooks';
import { detectorModelBody } from '../model/create-body';
import { modelGraph } from '../model/model-graph';
import { replayKeys, replayPath } from '../model/replay-path';
import { routeHref } from '../route';

const newMessageId = () => `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** BatchPutMessage from the browser: one message to one input of the running stack. */
function SendMessage() {
  const inputs = useLoad(listInputs, 'inputs');
  const [inputName, setInputName] = useState('');
  const [payload, setPayload] = useState('{\n  "motorid": "motor-1",\n  "sensorData": { "pressure": 80 }\n}');
  const [messageId, setMessageId] = useState(newMessageId);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>();
  const chosen = inputName || inputs.data?.items[0]?.inputName || '';
  const send = async (event: Event) => {
    event.preventDefault();
    try {
      const refused = await putMessage(chosen, payload, messageId);
      setOutcome(refused.length
        ? { ok: false, text: `Message ${messageId} refused: ${refused.map((entry) => `${entry.errorCode}: ${entry.errorMessage}`).join('; ')}` }
        : { ok: true, text: `Message ${messageId} sent to ${chosen}.` });
      if (!refused.length) setMessageId(newMessageId());
    } catch (error) {
      setOutcome({ ok: false, text: `Message ${messageId} not sent: ${(error as Error).message}` });
    }
  };
  return (
    <Section title="Send a message" id="send">
      <ErrorNotice error={inputs.error} what="Could not list the inputs" />
      <form class="stack" onSubmit={send}>
        <label>Input{' '}
          <select value={chosen} onChange={(event) => setInputName((event.target as HTMLSelectElement).value)} required>
            {(inputs.data?.items ?? []).map((input) => <option key={input.inputName} value={input.inputName}>{input.inputName}</option>)}
          </select>
        </label>
        <label>Message id{' '}<input type="text" value={messageId} onInput={(event) => setMessageId((event.target as HTMLInputElement).value)} required /></label>
        <label class="block">Payload (JSON)
          <textarea rows={6} spellcheck={false} value={payload} onInput={(event) => setPayload((event.target as HTMLTextAreaElement).value)} />
        </label>
        <p><button type="submit" disabled={!chosen}>Send message</button></p>
      </form>
      {outcome && <p class={`notice ${outcome.ok ? 'ok' : 'error'}`} role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
    </Section>
  );
}

const SAMPLE = [
  '{"messageId":"1","inputName":"PressureInput","payload":{"motorid":"motor-1","sensorData":{"pressure":80}}}',
  '{"messageId":"2","inputName":"PressureInput","payload":{"motorid":"motor-1","sensorData":{"pressure":60}}}',
].join('\n');

function describeRecord(record: SimulationRecord): string {
  const trace = record as unknown as TraceRecord & { keyValue?: string };
  if (record.type === 'trace') {
    const from = trace.initialState;
    const change = from === undefined ? `created in ${trace.finalState}` : from === trace.finalState ? `stayed in ${from}` : `${from} → ${trace.finalState}`;
    return `${trace.keyValue ?? ''} ${trace.triggerType === 'Timer' ? `timer ${trace.timerName}` : `message ${trace.messageId}`}: ${change}`;
  }
  const { type, ...rest } = record;
  return `${type}: ${JSON.stringify(rest).slice(0, 300)}`;
}

/** Replays a JSON-lines message file through a model with the simulator, and draws the path taken. */
function Replay({ initialModel }: { initialModel?: string }) {
  const models = useLoad(listDetectorModels, 'detector-models');
  const [modelName, setModelName] = useState(initialModel ?? '');
  // The sample messages are the motor's: its model comes first when nothing else is asked for.
  const names = (models.data?.items ?? []).map((item) => item.detectorModelName);
  const chosen = modelName || names.find((name) => name === 'motorDetectorModel') || names[0] || '';
  const model = useLoad(() => (chosen ? describeDetectorModel(chosen) : Promise.resolve(undefined)), chosen);
  const [messages, setMessages] = useState(SAMPLE);
  const [result, setResult] = useState<{ records: SimulationRecord[]; skipped: string[]; truncated: boolean } | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [keyValue, setKeyValue] = useState<string | undefined>();
  const [running, setRunning] = useState(false);
  const definition = model.data?.detectorModelDefinition;
  const graph = useMemo(() => modelGraph(definition), [definition]);
  const traces = (result?.records ?? []).filter((record) => record.type === 'trace') as unknown as (TraceRecord & { keyValue?: string })[];
  const keys = replayKeys(traces);
  const key = keyValue !== undefined && keys.includes(keyValue) ? keyValue : keys[0];
  const path = useMemo(() => (key === undefined ? undefined : replayPath(traces, key, definition)), [result, key, definition]);

  const run = async (event: Event) => {
    event.preventDefault();
    if (!model.data) return;
    setRunning(true);
    setError(undefined);
    try {
      setResult(await simulate({ model: detectorModelBody(model.data), messages }));
    } catch (failure) {
      setResult(undefined);
      setError(failure as Error);
    } finally {
      setRunning(false);
    }
  };
  const load = async (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) setMessages(await file.text());
  };
  const problems = error instanceof ApiError && typeof error.body === 'object' && error.body !== null && Array.isArray((error.body as { problems?: unknown }).problems)
    ? (error.body as { problems: { path: string; message: string }[] }).problems : [];
  return (
    <Section title="Replay messages" id="replay">
      <ErrorNotice error={models.error} what="Could not list the detector models" />
      <form class="stack" onSubmit={run}>
        <label>Detector model{' '}
          <select value={chosen} onChange={(event) => setModelName((event.target as HTMLSelectElement).value)}>
            {(models.data?.items ?? []).map((item) => <option key={item.detectorModelName} value={item.detectorModelName}>{item.detectorModelName}</option>)}
          </select>
        </label>
        <label class="block">Messages (JSON lines: messageId, inputName, payload, timestamp)
          <textarea rows={6} spellcheck={false} value={messages} onInput={(event) => setMessages((event.target as HTMLTextAreaElement).value)} />
        </label>
        <label>Or load a file{' '}<input type="file" accept=".jsonl,.json,.txt,application/json" onChange={load} /></label>
        <p><button type="submit" disabled={!model.data || running}>{running ? 'Replaying…' : 'Replay'}</button></p>
      </form>
      <ErrorNotice error={error} what="The replay was refused" />
      {problems.length > 0 && <ul class="problems">{problems.map((problem, i) => <li key={i}><code>{problem.path}</code>: {problem.message}</li>)}</ul>}
      {result && (
        <div class="replay-result">
          <p role="status">
            Replayed: {traces.length} evaluation{traces.length === 1 ? '' : 's'}, {result.records.filter((record) => record.type === 'action').length} action(s),{' '}
            {result.records.filter((record) => record.type === 'error').length} error(s){result.truncated ? ' (stopped at the record limit)' : ''}.
          </p>
          {result.skipped.length > 0 && <ul class="problems" aria-label="Lines skipped">{result.skipped.map((line, i) => <li key={i}>{line}</li>)}</ul>}
          {keys.length > 1 && (
            <label>Detector shown{' '}
              <select value={key} onChange={(event) => setKeyValue((event.target as HTMLSelectElement).value)}>
                {keys.map((candidate) => <option key={candidate} value={candidate}>{candidate || '(single detector)'}</option>)}
              </select>
            </label>
          )}
          {path && <p class="why" aria-label="Path taken">Path taken: {path.visited.join(' → ') || '(no state)'}</p>}
          <StateDiagram modelName={chosen} graph={graph} highlight={path ? { visited: path.visited, taken: path.taken, ...(path.visited.length ? { current: path.visited[path.visited.length - 1] } : {}) } : undefined} />
          <details>
            <summary>All {result.records.length} records</summary>
            <ol class="records">{result.records.map((record, i) => <li key={i}>{describeRecord(record)}</li>)}</ol>
          </details>
        </div>
      )}
      {chosen && <p><a href={routeHref({ view: 'detector-model', name: chosen })}>Open {chosen}</a></p>}
    </Section>
  );
}

/** "Try it": send a message to the running stack, or replay a message file through the simulator. */
export function TryView({ model }: { model?: string }) {
  return (
    <>
      <PageTitle title="Try it">Try it</PageTitle>
      <div class="columns">
        <SendMessage />
        <Replay initialModel={model} />
      </div>
    </>
  );
}
