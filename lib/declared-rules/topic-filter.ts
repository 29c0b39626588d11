import { EVENTS_TOPIC_PREFIX } from '../lifecycle';

/** AWS IoT's limit on a topic (and filter) in bytes (https://docs.aws.amazon.com/general/latest/gr/iot-core.html). */
const MAX_TOPIC_BYTES = 256;

/**
 * Why `filter` cannot be a declared rule's MQTT topic filter, or undefined when it can. `+` and `#`
 * must fill a whole level, `#` only the last; a quote would end the SQL string it is written into.
 * Lifecycle topics are refused: the built-in `$aws/events/#` rule feeds them, into their own queue.
 */
export function topicFilterProblem(filter: string): string | undefined {
  if (!filter) return 'it is empty';
  if (new TextEncoder().encode(filter).length > MAX_TOPIC_BYTES) return `it is longer than ${MAX_TOPIC_BYTES} bytes`;
  if (filter.includes("'") || filter.includes('"') || filter.includes(String.fromCharCode(0))) return 'it may not contain quotes or NUL';
  const levels = filter.split('/');
  const misplaced = levels.findIndex((level, i) => (level.includes('#') && (level !== '#' || i !== levels.length - 1)) || (level.includes('+') && level !== '+'));
  if (misplaced >= 0) return `level ${misplaced + 1} ('${levels[misplaced]}'): '+' must fill a whole level and '#' the whole last one`;
  if (filter.startsWith(EVENTS_TOPIC_PREFIX) || filter === '$aws/events' || filter === '#' || filter === '$aws/#') {
    return 'lifecycle topics ($aws/events/…) reach their built-in inputs through the lifecycle rule, not a declared rule';
  }
  return undefined;
}
