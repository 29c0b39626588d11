import { AppError } from '../../lib/errors';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../stack/local-identity';

/** `local-targets.json` cannot be used: not JSON, a pattern or a target it cannot take. */
export class LocalTargetsError extends AppError {
  constructor(
    /** The file, or the pattern within it, at fault. */
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${path}: ${message}`, options);
  }
}

/** The kinds of target mapped: SNS topics (by ARN) and SQS queues (by URL, matched as their ARN). */
export type TargetKind = 'sns' | 'sqs';

/** One line of `local-targets.json`: ARNs matching `pattern` go to the local resource `name`, or stay as they are (`null`). */
export interface TargetRule {
  readonly pattern: string;
  readonly kind: TargetKind;
  readonly matcher: RegExp;
  readonly name: string | null;
}

/** Where a foreign target goes on the local stack. */
export interface LocalTarget {
  readonly kind: TargetKind;
  /** The target as the model names it (topic ARN, queue URL). */
  readonly from: string;
  /** The local topic's or queue's name. */
  readonly name: string;
  /** The pattern that chose it, or `default` (the same name locally). */
  readonly rule: string;
  /** Whether the local resource is created when it does not exist: only for the default, so a mistyped name fails visibly. */
  readonly create: boolean;
}

const NAME = /^[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const PATTERN = /^arn:[^:]+:(sns|sqs):[^:]*:[^:]*:[^:]+$/;

/**
 * Reads the rules of a `local-targets.json` text: an object whose keys are ARN patterns (`*`
 * matches any run of characters within one ARN field) and whose values are a local topic or queue,
 * by name or by its local ARN, or `null` to leave matching ARNs as they are.
 *
 * @throws LocalTargetsError naming the file or pattern when the text is not such an object.
 */
export function parseTargetRules(text: string, file: string): TargetRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LocalTargetsError(file, `not JSON (${(error as Error).message})`, { cause: error });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new LocalTargetsError(file, 'expected an object of "ARN pattern": "local name" pairs');
  return Object.entries(parsed as Record<string, unknown>).map(([pattern, value]) => {
    const where = `${file}: "${pattern}"`;
    const shape = PATTERN.exec(pattern);
    if (!shape) throw new LocalTargetsError(where, 'a pattern is an SNS topic or SQS queue ARN, e.g. "arn:aws:sns:*:*:alerts"');
    const kind = shape[1] as TargetKind;
    const matcher = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[^:]*')}$`);
    if (value === null) return { pattern, kind, matcher, name: null };
    if (typeof value !== 'string') throw new LocalTargetsError(where, 'the target is a local name (or local ARN), or null');
    return { pattern, kind, matcher, name: localName(value, kind, where) };
  });
}

/**
 * Where a target a model names goes on the local stack: the first rule whose pattern matches it,
 * else the resource of the same name (created when missing). A target already in the local
 * account and region, or anything that is not an AWS topic ARN or queue URL, is never mapped
 * (undefined): Vigil's own queues and topics stay what they are.
 */
export function mapTarget(rules: readonly TargetRule[], kind: TargetKind, target: string): LocalTarget | undefined {
  const arn = kind === 'sns' ? parseArn(target, 'sns') : queueArn(target);
  if (!arn || (arn.region === LOCAL_REGION && arn.account === LOCAL_ACCOUNT)) return undefined;
  const rule = rules.find((candidate) => candidate.kind === kind && candidate.matcher.test(arn.text));
  if (rule?.name === null) return undefined;
  if (rule) return { kind, from: target, name: rule.name, rule: rule.pattern, create: false };
  return { kind, from: target, name: arn.name, rule: 'default', create: true };
}

/** `sns arn:…:alerts → local alerts`, how the stack and `vigil tail` show a mapping. */
export function describeMapping(target: LocalTarget): string {
  return `${target.kind} ${target.from} → local ${target.name}`;
}

interface Arn {
  readonly text: string;
  readonly region: string;
  readonly account: string;
  readonly name: string;
}

function parseArn(text: string, service: TargetKind): Arn | undefined {
  const parts = text.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== service || !parts[5]) return undefined;
  return { text, region: parts[3], account: parts[4], name: parts[5] };
}

/** An SQS queue URL as its ARN: `https://sqs.<region>.amazonaws.com/<account>/<name>` (or the legacy `<region>.queue.amazonaws.com`). */
function queueArn(url: string): Arn | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const [account, name, ...rest] = parsed.pathname.split('/').filter(Boolean);
  if (!account || !name || rest.length) return undefined;
  const host = /^(?:sqs\.([a-z0-9-]+)|([a-z0-9-]+)\.queue)\.amazonaws\.com(?:\.cn)?$/.exec(parsed.hostname);
  // A URL of the emulator (any host but AWS's) is local whatever account it names.
  const region = host ? (host[1] ?? host[2]) : LOCAL_REGION;
  return { text: `arn:aws:sqs:${region}:${host ? account : LOCAL_ACCOUNT}:${name}`, region, account: host ? account : LOCAL_ACCOUNT, name };
}

/** The name in a rule's target: a bare name, or an ARN of the local account and region. */
function localName(value: string, kind: TargetKind, where: string): string {
  const arn = value.startsWith('arn:') ? parseArn(value, kind) : undefined;
  if (value.startsWith('arn:') && (!arn || arn.region !== LOCAL_REGION || arn.account !== LOCAL_ACCOUNT)) {
    throw new LocalTargetsError(where, `the target must be a local ${kind === 'sns' ? 'topic' : 'queue'} (region ${LOCAL_REGION}, account ${LOCAL_ACCOUNT}), not ${value}`);
  }
  const name = arn?.name ?? value;
  if (!NAME.test(name)) throw new LocalTargetsError(where, `'${name}' is not a valid ${kind === 'sns' ? 'topic' : 'queue'} name`);
  return name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
