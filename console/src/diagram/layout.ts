import dagre from '@dagrejs/dagre';
import type { ModelGraph, StateNode, TransitionEdge } from '../model/model-graph';
import { truncate } from '../text';

/** A point of the drawing, in SVG user units. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A state placed on the drawing; (x, y) is its centre. */
export interface PlacedState extends StateNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A transition routed on the drawing, with its label box centred at (label.x, label.y). */
export interface PlacedTransition extends TransitionEdge {
  readonly points: readonly Point[];
  readonly label: Point & { readonly width: number; readonly height: number; readonly lines: readonly string[] };
}

/** A laid-out diagram. */
export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly states: readonly PlacedState[];
  readonly transitions: readonly PlacedTransition[];
}

/** Longest event name a label shows, and the width and number of its condition lines; the full text is in its title. */
export const LABEL_EVENT_CHARS = 28;
export const LABEL_CONDITION_CHARS = 34;
export const LABEL_CONDITION_LINES = 2;

// Sizes are estimated from character counts rather than measured in the DOM, so the layout is a
// pure function (tested without a browser) and the drawing's text uses a fixed 13 px/11 px font.
const CHAR = 7.4;
const SMALL_CHAR = 6.4;
const LINE = 16;
const MARGIN = 24;

function stateSize(state: StateNode): { width: number; height: number } {
  const timerLines = state.timers.map((timer) => `⏱ ${timer.name} ${truncate(timer.duration, 24)}`);
  const width = Math.max(120, state.name.length * CHAR + 40, ...timerLines.map((line) => line.length * SMALL_CHAR + 24));
  return { width: Math.round(width), height: 40 + timerLines.length * LINE };
}

/**
 * Wraps a condition into lines of at most `width` characters, breaking at a space, or else before
 * a `.` of a path, where one is in the second half of the line; past `lines` lines it is cut short
 * with an ellipsis.
 */
export function wrapCondition(condition: string, width = LABEL_CONDITION_CHARS, lines = LABEL_CONDITION_LINES): string[] {
  const result: string[] = [];
  let rest = condition.trim();
  while (rest !== '' && result.length < lines) {
    if (rest.length <= width) {
      result.push(rest);
      rest = '';
      break;
    }
    // A space is the better break; a path's `.` the next best; else the line is full.
    const at = (mark: string) => rest.lastIndexOf(mark, width);
    const cut = [at(' '), at('.'), width].find((candidate) => candidate > width / 2) as number;
    result.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') result[result.length - 1] = truncate(`${result[result.length - 1]} ${rest}`, width);
  return result;
}

/** The lines of a transition's label: the event name, then its condition wrapped on up to two lines. */
export function labelLines(transition: TransitionEdge): string[] {
  return [truncate(transition.eventName, LABEL_EVENT_CHARS), ...wrapCondition(transition.condition)].filter((line) => line !== '');
}

/**
 * Lays a model's graph out top to bottom with dagre: states ranked by their transitions, label
 * boxes placed on the edges so they never overlap a state. Parallel transitions between the same
 * two states are kept apart (a multigraph), and self-transitions loop beside their state.
 */
export function layoutDiagram(graph: ModelGraph): DiagramLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true, directed: true });
  g.setGraph({ rankdir: 'TB', nodesep: 40, edgesep: 16, ranksep: 56, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const state of graph.states) g.setNode(state.name, stateSize(state));
  for (const transition of graph.transitions) {
    const lines = labelLines(transition);
    const width = Math.round(Math.max(...lines.map((line, i) => line.length * (i === 0 ? CHAR : SMALL_CHAR)), 20) + 12);
    g.setEdge(transition.from, transition.to, { width, height: lines.length * LINE + 6, labelpos: 'c' }, transition.id);
  }
  dagre.layout(g);
  const states = graph.states.map((state): PlacedState => {
    const node = g.node(state.name);
    return { ...state, x: node.x ?? 0, y: node.y ?? 0, width: node.width, height: node.height };
  });
  const transitions = graph.transitions.map((transition): PlacedTransition => {
    const edge = g.edge({ v: transition.from, w: transition.to, name: transition.id });
    return {
      ...transition,
      points: (edge.points ?? []).map((point: Point) => ({ x: point.x, y: point.y })),
      label: { x: edge.x ?? 0, y: edge.y ?? 0, width: edge.width ?? 0, height: edge.height ?? 0, lines: labelLines(transition) },
    };
  });
  const size = g.graph();
  return { width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), states, transitions };
}
