import type { InferSeries } from '../api/vigil';

const WIDTH = 760;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 120, bottom: 28, left: 56 };

/** A number as short as the chart's labels need (4 significant digits). */
export const short = (value: number) => String(Number(value.toPrecision(4)));
/** A reading's time, as the firing list and the points' names say it. */
export const timeText = (time: number) => new Date(time).toISOString();

/** The linear map of `[from0, from1]` onto `[to0, to1]` (a flat domain maps to the middle). */
function scale(from0: number, from1: number, to0: number, to1: number): (value: number) => number {
  if (from1 === from0) return () => (to0 + to1) / 2;
  return (value) => to0 + ((value - from0) / (from1 - from0)) * (to1 - to0);
}

/**
 * One key's attribute over time (SVG): the readings as a line, the proposed high and low
 * thresholds as dashed lines, and each reading that would have fired an alarm as a red dot. A
 * labelled group for assistive technology: its title and description say what it shows, each
 * threshold and firing point is an image with a name, and the points are reachable with Tab. The
 * same points are listed in a table beside it ({@link FiredTable}).
 */
export function SeriesChart({ series }: { series: InferSeries }) {
  const id = `chart-${series.attribute}-${series.key}`.replace(/[^a-zA-Z0-9_-]/g, '_');
  const times = series.points.map(([time]) => time);
  const values = series.points.map(([, value]) => value);
  const lowest = Math.min(series.low, ...values);
  const highest = Math.max(series.high, ...values);
  const pad = (highest - lowest) * 0.05 || 1;
  const x = scale(Math.min(...times), Math.max(...times), MARGIN.left, WIDTH - MARGIN.right);
  const y = scale(lowest - pad, highest + pad, HEIGHT - MARGIN.bottom, MARGIN.top);
  const line = series.points.map(([time, value], i) => `${i ? 'L' : 'M'}${x(time).toFixed(1)},${y(value).toFixed(1)}`).join('');
  const name = `${series.attribute} of ${series.key || 'the single series'}`;
  const thresholds = [['High', series.high], ['Low', series.low]] as const;
  return (
    <figure class="series-chart">
      <svg role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" style={{ maxWidth: `${WIDTH}px` }}>
        <title id={`${id}-title`}>{`Chart of ${name}`}</title>
        <desc id={`${id}-desc`}>
          {`${series.readings} readings${series.points.length < series.readings ? ` (${series.points.length} drawn)` : ''}, median ${short(series.median)}; ` +
            `alarm thresholds: high ${short(series.high)}, low ${short(series.low)}; ${series.fired.length} reading(s) would have fired.`}
        </desc>
        <line class="axis" x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} />
        <line class="axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={HEIGHT - MARGIN.bottom} y2={HEIGHT - MARGIN.bottom} />
        {[lowest, series.median, highest].map((value) => <text key={value} class="tick" x={MARGIN.left - 6} y={y(value) + 4} text-anchor="end" aria-hidden="true">{short(value)}</text>)}
        <text class="tick" x={MARGIN.left} y={HEIGHT - 8} aria-hidden="true">{timeText(Math.min(...times))}</text>
        <text class="tick" x={WIDTH - MARGIN.right} y={HEIGHT - 8} text-anchor="end" aria-hidden="true">{timeText(Math.max(...times))}</text>
        <path class="series-line" d={line} aria-hidden="true" />
        {thresholds.map(([side, value]) => (
          <g key={side} role="img" aria-label={`${side} threshold ${short(value)}`}>
            <line class={`threshold ${side.toLowerCase()}`} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(value)} y2={y(value)} />
            <text class="threshold-label" x={WIDTH - MARGIN.right + 6} y={y(value) + 4}>{`${side.toLowerCase()} ${short(value)}`}</text>
          </g>
        ))}
        {series.fired.map(([time, value, side]) => (
          <g key={`${time}-${value}`} role="img" tabindex={0} aria-label={`Would have fired (${side}) at ${timeText(time)}: ${short(value)}`} class="fired">
            <circle cx={x(time)} cy={y(value)} r={4.5} />
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** The firing points of a series as a table: what the chart's red dots show, for reading rather than seeing. */
export function FiredTable({ series }: { series: InferSeries }) {
  const caption = `Where the alarms on ${series.attribute} of ${series.key || 'the single series'} would have fired`;
  if (!series.fired.length) return <p class="muted">No reading of {series.attribute} of {series.key || 'the single series'} crossed a threshold.</p>;
  return (
    <table aria-label={caption}>
      <caption>{caption}</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">Value</th><th scope="col">Threshold crossed</th></tr></thead>
      <tbody>
        {series.fired.map(([time, value, side]) => (
          <tr key={`${time}-${value}`}><td>{timeText(time)}</td><td>{short(value)}</td><td>{side === 'high' ? `above high ${short(series.high)}` : `below low ${short(series.low)}`}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
