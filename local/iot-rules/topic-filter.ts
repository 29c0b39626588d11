/**
 * MQTT topic filters as AWS IoT Core applies them
 * (https://docs.aws.amazon.com/iot/latest/developerguide/topics.html#topicfilters, MQTT 3.1.1
 * §4.7): `+` matches exactly one level (possibly empty), `#` matches the rest of the topic
 * including the parent level (`a/#` matches `a`), and a topic starting with `$` is never matched
 * by a filter whose first level is a wildcard.
 */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/**
 * Checks a FROM topic filter. Returns what is wrong, or undefined: `#` must be a whole level and
 * the last one, `+` a whole level, and rules cannot subscribe to the Basic Ingest topics
 * `$aws/rules/…` (https://docs.aws.amazon.com/iot/latest/developerguide/iot-basic-ingest.html).
 */
export function validateTopicFilter(filter: string): string | undefined {
  if (filter.length === 0) return 'it is empty';
  if (filter.includes('\u0000')) return 'it contains a NUL character';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return "'#' must be a whole level and the last one";
    if (level.includes('+') && level !== '+') return "'+' must be a whole level";
  }
  if (levels[0] === '$aws' && levels[1] === 'rules') {
    return 'rules cannot subscribe to Basic Ingest topics ($aws/rules/...)';
  }
  return undefined;
}

/** The parts of a Basic Ingest topic `$aws/rules/<ruleName>/<topic>`. */
export interface BasicIngestTopic {
  readonly ruleName: string;
  /** The topic after the prefix: what `topic()` returns. */
  readonly topic: string;
}

/** Splits a Basic Ingest topic, or returns undefined for any other topic. */
export function parseBasicIngest(topic: string): BasicIngestTopic | undefined {
  const match = /^\$aws\/rules\/([^/]+)(?:\/(.*))?$/s.exec(topic);
  return match ? { ruleName: match[1], topic: match[2] ?? '' } : undefined;
}
