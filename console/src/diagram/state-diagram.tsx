import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ModelGraph } from '../model/model-graph';
import { layoutDiagram, type PlacedState, type PlacedTransition, type Point } from './layout';

/** What to mark on the diagram: a detector's current state, or the path a replay took. */
export interface DiagramHighlight {
  readonly current?: string;
  /** States visited, in order (a replay's path); repeated states are numbered by their first visit. */
  readonly visited?: readonly string[];
  /** Ids of the transitions taken (`<from>#<index>`), with how many times each. */
  readonly taken?: ReadonlyMap<string, number>;
}

interface Props {
  readonly modelName: string;
  readonly graph: ModelGraph;
  readonly highlight?: DiagramHighlight;
}

const MIN_ZOOM = 0.3;
const MAX_ZOOM = 2.5;

/** A smooth path through dagre's points: a straight start, then quadratic bends through the midpoints. */
export function edgePath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const at = (p: Point) => `${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`;
  const last = points[points.length - 1];
  if (points.length < 3) return `M${at(points[0])} L${at(last)}`;
  const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  let d = `M${at(points[0])} L${at(mid(points[0], points[1]))}`;
  for (let i = 1; i < points.length - 1; i++) d += ` Q${at(points[i])} ${at(i === points.length - 2 ? last : mid(points[i], points[i + 1]))}`;
  return d;
}

function transitionText(transition: PlacedTransition): string {
  return `${transition.from} → ${transition.to} on ${transition.eventName || '(no event name)'} when ${transition.condition || '(no condition)'}`;
}

function stateText(state: PlacedState, highlight: DiagramHighlight | undefined): string {
  const parts = [`State ${state.name}`];
  if (state.initial) parts.push('initial state');
  if (highlight?.current === state.name) parts.push('current state');
  const visit = highlight?.visited?.indexOf(state.name) ?? -1;
  if (visit >= 0) parts.push(`visited at step ${visit + 1}`);
  if (state.timers.length) parts.push(`timers: ${state.timers.map((timer) => `${timer.name} (${timer.duration})`).join(', ')}`);
  return parts.join(', ');
}

function StateBox({ state, highlight }: { state: PlacedState; highlight?: DiagramHighlight }) {
  const left = state.x - state.width / 2;
  const top = state.y - state.height / 2;
  const current = highlight?.current === state.name;
  const visit = highlight?.visited?.indexOf(state.name) ?? -1;
  const label = stateText(state, highlight);
  return (
    <g class={`state${current ? ' current' : ''}${visit >= 0 ? ' visited' : ''}`} role="img" aria-label={label} data-state={state.name}>
      <title>{label}</title>
      {state.initial && (
        <g class="initial-marker" aria-hidden="true">
          <circle cx={state.x} cy={top - 18} r={5} />
          <line x1={state.x} y1={top - 13} x2={state.x} y2={top - 2} marker-end="url(#arrow)" />
        </g>
      )}
      <rect x={left} y={top} width={state.width} height={state.height} rx={8} />
      <text class="state-name" x={state.x} y={top + 24} text-anchor="middle">{state.name}</text>
      {state.timers.map((timer, i) => (
        <text key={timer.name} class="state-timer" x={state.x} y={top + 42 + i * 16} text-anchor="middle">{`⏱ ${timer.name} ${timer.duration.length > 24 ? `${timer.duration.slice(0, 23)}…` : timer.duration}`}</text>
      ))}
      {visit >= 0 && (
        <g class="step-badge" aria-hidden="true">
          <circle cx={left + state.width} cy={top} r={10} />
          <text x={left + state.width} y={top + 4} text-anchor="middle">{visit + 1}</text>
        </g>
      )}
    </g>
  );
}

function TransitionLabel({ transition, taken, onShow }: { transition: PlacedTransition; taken: number; onShow: (text: string | undefined) => void }) {
  const { label } = transition;
  const full = transitionText(transition) + (taken ? `, taken ${taken} time${taken === 1 ? '' : 's'}` : '');
  return (
    <g
      class={`edge-label${taken ? ' taken' : ''}`}
      tabIndex={0}
      role="img"
      aria-label={`Transition ${full}`}
      data-transition={transition.id}
      onFocus={() => onShow(full)}
      onBlur={() => onShow(undefined)}
      onMouseEnter={() => onShow(full)}
      onMouseLeave={() => onShow(undefined)}
    >
      <title>{full}</title>
      <rect x={label.x - label.width / 2} y={label.y - label.height / 2} width={label.width} height={label.height} rx={4} />
      {label.lines.map((line, i) => (
        <text key={i} class={i === 0 ? 'edge-event' : 'edge-condition'} x={label.x} y={label.y - label.height / 2 + 15 + i * 16} text-anchor="middle">{line}</text>
      ))}
    </g>
  );
}

/**
 * A detector model's state diagram: states as boxes (the initial one marked by a dot and arrow,
 * the timers it sets listed inside), transitions as edges labelled with their event name and
 * condition (cut short; the whole text on hover and keyboard focus). Laid out by dagre; large
 * models scroll and zoom.
 */
export function StateDiagram({ modelName, graph, highlight }: Props) {
  const layout = useMemo(() => layoutDiagram(graph), [graph]);
  const scroller = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  const [shown, setShown] = useState<string | undefined>();
  const fit = () => {
    const width = scroller.current?.clientWidth ?? layout.width;
    setZoom(Math.max(MIN_ZOOM, Math.min(1, (width - 4) / Math.max(layout.width, 1))));
  };
  useEffect(fit, [layout]);
  const change = (factor: number) => setZoom((value) => Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, value * factor)));
  if (!layout.states.length) return <p class="muted">This model has no states to draw.</p>;
  return (
    <figure class="diagram">
      <div class="toolbar" role="toolbar" aria-label="Diagram zoom">
        <button type="button" onClick={() => change(1 / 1.25)} aria-label="Zoom out">−</button>
        <span class="zoom" aria-live="polite">{Math.round(zoom * 100)}%</span>
        <button type="button" onClick={() => change(1.25)} aria-label="Zoom in">+</button>
        <button type="button" onClick={fit}>Fit</button>
        <button type="button" onClick={() => setZoom(1)}>100%</button>
      </div>
      <div class="diagram-scroll" ref={scroller} tabIndex={0} aria-label={`State diagram of ${modelName} (scrolls with the arrow keys)`}>
        <svg
          role="group"
          aria-label={`State diagram of ${modelName}: ${layout.states.length} states, ${layout.transitions.length} transitions`}
          width={Math.ceil(layout.width * zoom)}
          height={Math.ceil(layout.height * zoom)}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" />
            </marker>
          </defs>
          {layout.transitions.map((transition) => (
            <path key={transition.id} class={`edge${highlight?.taken?.has(transition.id) ? ' taken' : ''}`} d={edgePath(transition.points)} marker-end="url(#arrow)" aria-hidden="true" />
          ))}
          {layout.states.map((state) => <StateBox key={state.name} state={state} highlight={highlight} />)}
          {layout.transitions.map((transition) => (
            <TransitionLabel key={transition.id} transition={transition} taken={highlight?.taken?.get(transition.id) ?? 0} onShow={setShown} />
          ))}
        </svg>
      </div>
      <figcaption class="diagram-caption" aria-live="polite">{shown ?? 'Hover over or tab to a transition to read it in full.'}</figcaption>
    </figure>
  );
}
