import { useMemo } from 'preact/hooks';
import type { TraceRecord } from '../api/types';
import { describeDetector, describeDetectorModel, detectorTraces } from '../api/vigil';
import { ErrorNotice, Facts, LiveBadge, Loading, PageTitle, Section } from '../components/ui';
import { StateDiagram } from '../diagram/state-diagram';
import { useLoad } from '../hooks';
import { explainTrace } from '../model/explain-trace';
import { modelGraph } from '../model/model-graph';
import { routeHref } from '../route';
import { formatTime } from '../text';

const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

function Evaluation({ trace, definition, index }: { trace: TraceRecord; definition: unknown; index: number }) {
  const explained = explainTrace(trace, definition);
  const titleId = `evaluation-${index}`;
  const variables = [...new Set([...Object.keys(trace.initialVariables ?? {}), ...Object.keys(trace.finalVariables ?? {})])];
  return (
    <article class="evaluation" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <time dateTime={trace.timestamp}>{formatTime(Date.parse(trace.timestamp), 'ms')}</time> · {explained.trigger} · {explained.change}
      </h3>
      <p class="why"><strong>Why:</strong> {explained.why}</p>
      {trace.message !== undefined && (
        <details>
          <summary>Input {trace.inputName}</summary>
          <pre class="payload">{trace.message}</pre>
        </details>
      )}
      {explained.conditions.length > 0 && (
        <table class="conditions" aria-label="Conditions evaluated">
          <thead><tr><th scope="col">State</th><th scope="col">When</th><th scope="col">Event</th><th scope="col">Condition</th><th scope="col">Result</th></tr></thead>
          <tbody>
            {explained.conditions.map((result, i) => (
              <tr key={i} class={`result-${result.result.toLowerCase()}`}>
                <td>{result.state}</td>
                <td>{result.lifeCycle}{result.hasTransition ? ' (transition)' : ''}</td>
                <td>{result.eventName}</td>
                <td><code>{result.condition ?? ''}</code>{result.resultDetails ? <span class="muted"> {result.resultDetails}</span> : null}</td>
                <td><span class={`badge result-${result.result.toLowerCase()}`}>{result.result}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(trace.actions ?? []).length > 0 && (
        <>
          <h4>Actions sent</h4>
          <ul class="actions-sent">
            {(trace.actions ?? []).map((action) => (
              <li key={action.actionExecutionId}>
                <code>{action.action}</code> by {action.eventName}
                {action.failure && <span class="notice error"> failed after {action.failure.attempts} attempts: {action.failure.error}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {(trace.diagnostics ?? []).length > 0 && (
        <ul class="diagnostics" aria-label="Diagnostics">
          {(trace.diagnostics ?? []).map((diagnostic, i) => <li key={i}><span class="badge">{diagnostic.level}</span> {diagnostic.message}</li>)}
        </ul>
      )}
      {variables.length > 0 && (
        <details>
          <summary>Variables</summary>
          <table class="variables">
            <thead><tr><th scope="col">Variable</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
            <tbody>
              {variables.map((name) => (
                <tr key={name}><td>{name}</td><td><code>{name in (trace.initialVariables ?? {}) ? show(trace.initialVariables?.[name]) : ''}</code></td><td><code>{name in (trace.finalVariables ?? {}) ? show(trace.finalVariables?.[name]) : ''}</code></td></tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </article>
  );
}

/**
 * One detector, live: its state, variables and timers; its current state on the diagram of the
 * model version it runs; and its recent evaluations, newest first, each saying what started it,
 * which conditions held, the transition taken and the actions sent.
 */
export function DetectorView({ model, keyValue }: { model: string; keyValue?: string }) {
  const live = useLoad(async () => {
    // Traces may be turned off (TRACE_DEPTH 0: a 404); the detector is still worth showing.
    const [detector, history] = await Promise.all([
      describeDetector(model, keyValue),
      detectorTraces(model, keyValue).then((traces) => ({ traces, error: undefined }), (error: Error) => ({ traces: [] as TraceRecord[], error })),
    ]);
    return { detector, traces: history.traces, tracesError: history.error, at: Date.now() };
  }, `${model}|${keyValue ?? ''}`, 1000);
  const version = live.data?.detector.detectorModelVersion;
  const definition = useLoad(() => describeDetectorModel(model, version), `${model}@${version ?? ''}`);
  const graph = useMemo(() => modelGraph(definition.data?.detectorModelDefinition), [definition.data]);
  const detector = live.data?.detector;
  const traces = live.data?.traces ?? [];
  const latest = traces.length ? explainTrace(traces[traces.length - 1], definition.data?.detectorModelDefinition) : undefined;
  const highlight = useMemo(() => ({
    ...(detector ? { current: detector.state.stateName } : {}),
    ...(latest?.transition?.edgeId ? { taken: new Map([[latest.transition.edgeId, 1]]) } : {}),
  }), [detector?.state.stateName, latest?.transition?.edgeId]);
  const name = keyValue ?? '(single detector)';
  return (
    <>
      <PageTitle title={`${name} · ${model}`}>Detector {name}</PageTitle>
      <p class="actions">
        <a href={routeHref({ view: 'detectors', model })}>All detectors of {model}</a>
        <LiveBadge at={live.data?.at} />
      </p>
      <ErrorNotice error={live.error} what="Could not read the detector" />
      {!live.data && !live.error && <Loading what="the detector" />}
      {detector && (
        <>
          <Facts items={[
            ['Model', <a href={routeHref({ view: 'detector-model', name: model, version: detector.detectorModelVersion })}>{model} version {detector.detectorModelVersion}</a>],
            ['State', <strong class="state-pill" aria-label={`Current state ${detector.state.stateName}`}>{detector.state.stateName}</strong>],
            ['Variables', detector.state.variables.length ? detector.state.variables.map((variable) => <code key={variable.name} class="kv">{variable.name}={variable.value}</code>) : 'none'],
            ['Timers', detector.state.timers.length ? detector.state.timers.map((timer) => <span key={timer.name} class="kv">{timer.name} at {formatTime(timer.timestamp)}</span>) : 'none'],
            ['Created', formatTime(detector.creationTime)],
            ['Last update', formatTime(detector.lastUpdateTime)],
          ]} />
          <div class="columns">
            <Section title="Where it is" id="where">
              {latest && <p class="why" aria-label="Latest transition"><strong>Last evaluation:</strong> {latest.change}. {latest.why}</p>}
              <StateDiagram modelName={model} graph={graph} highlight={highlight} />
            </Section>
            <Section title="Evaluation history" id="history">
              <ErrorNotice error={live.data?.tracesError} what="Could not read the evaluation history" />
              {traces.length === 0 ? <p class="muted">No evaluation recorded for this detector.</p> : (
                <div class="history">{[...traces].reverse().map((trace, i) => <Evaluation key={`${trace.timestamp}-${trace.messageId ?? trace.timerName ?? i}`} trace={trace} definition={definition.data?.detectorModelDefinition} index={i} />)}</div>
              )}
            </Section>
          </div>
        </>
      )}
    </>
  );
}
