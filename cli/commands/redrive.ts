import type { SQSClient } from '@aws-sdk/client-sqs';
import { deleteDeadLetters, receiveDeadLetters, releaseDeadLetters, type ReceivedDeadLetter } from '../../lib/adapters/sqs-dead-letter-queue';
import { sqsRequeue } from '../../lib/adapters/sqs-requeue';
import type { IngestEnvelope } from '../../lib/ports';
import { INGEST_SOURCES, type IngestSource } from '../../lib/runtime/ingest-source';
import { planRedrive, type RedrivePlan } from '../../lib/runtime/redrive-plan';
import { parseCommandLine } from '../api-client';
import { EXIT, UsageError, type CommandIo } from '../io';
import { redriveTarget, type RedriveTarget } from '../redrive-target';

const HELP = `usage: vigil redrive [options]

Replays the messages of Vigil's ingest dead-letter queue. Each goes back with its original message
id, so a detector that already applied it skips it, and a message Vigil dead-lettered after some of
its detectors applied it goes only to the others. Without --apply, only says what it would do.

  replay     sent to the internal queue as an envelope (same id, origin and detectors)
  republish  an IoT rule could not deliver it: its payload is published to its topic again
  keep       left on the dead-letter queue, with the reason (fix the cause first)
  uncertain  SQS or Lambda gave up on it after repeated crashes, so some of its detectors may have
             applied it before their duplicate window: replayed only with --include-uncertain

options:
  --stage <name>         the deployment (vigil-<stage>-ingest-dlq); default: the running local stack
  --region <region>      its region (default $AWS_REGION)
  --endpoint <url>       the SQS endpoint (default AWS's; the local stack's when no --stage)
  --iot-endpoint <url>   AWS IoT data endpoint, to republish (aws iot describe-endpoint --endpoint-type iot:Data-ATS)
  --max <n>              look at most at n dead letters (default 1000)
  --include-uncertain    replay the uncertain ones too
  --assume-source <s>    read letters that name no source (written before Vigil named them) as coming
                         from telemetry, lifecycle or internal; they count as uncertain
  --apply                do it: replay, then delete what was replayed
  --json                 one JSON line per dead letter`;

const OPTIONS = {
  stage: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'iot-endpoint': { type: 'string' },
  max: { type: 'string', default: '1000' },
  'include-uncertain': { type: 'boolean', default: false },
  'assume-source': { type: 'string' },
  apply: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `vigil redrive`: replays dead letters with their original ids (a dry run unless `--apply`). */
export async function redriveCommand(args: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, HELP);
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${HELP}`);
  const assumeSource = values['assume-source'];
  if (assumeSource !== undefined && !(INGEST_SOURCES as readonly string[]).includes(assumeSource)) throw new UsageError(`--assume-source must be one of ${INGEST_SOURCES.join(', ')}, not '${assumeSource}'`);
  const max = Number(values.max);
  if (!Number.isInteger(max) || max < 1) throw new UsageError(`--max must be a positive integer, not '${values.max}'`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const target = await redriveTarget({ stage: values.stage, region: values.region, endpoint: values.endpoint, iotEndpoint: values['iot-endpoint'] }, env);
  if ('error' in target) {
    io.err(`vigil redrive: ${target.error}`);
    return EXIT.unavailable;
  }
  if (target.found) io.err(`vigil: ${target.found}`);
  try {
    return await redrive(target, { max, apply: values.apply, includeUncertain: values['include-uncertain'], json: values.json, assumeSource: assumeSource as IngestSource | undefined }, io);
  } finally {
    target.close();
  }
}

interface Choices {
  readonly max: number;
  readonly apply: boolean;
  readonly includeUncertain: boolean;
  readonly json: boolean;
  readonly assumeSource?: IngestSource;
}

/** How long dead letters stay hidden while a run looks at them; a run stops reading past half of it. */
const HIDE_SECONDS = 300;

async function redrive(target: RedriveTarget, choices: Choices, io: CommandIo): Promise<number> {
  const started = Date.now();
  const kept: ReceivedDeadLetter[] = [];
  let seen = 0;
  let sent = 0;
  let unsendable = 0;
  try {
    // Ten at a time: each one replayed is deleted before the next ten are read, so a failure
    // part way leaves on the queue exactly what was not replayed.
    while (seen < choices.max && Date.now() - started < (HIDE_SECONDS * 1000) / 2) {
      const letters = await receiveDeadLetters(target.sqs, target.deadLetterQueue, Math.min(10, choices.max - seen), HIDE_SECONDS);
      if (!letters.length) break;
      seen += letters.length;
      const done: ReceivedDeadLetter[] = [];
      try {
        for (const letter of letters) {
          const plan = planRedrive(letter.record, target.sources, { assumeSource: choices.assumeSource });
          const action = actionOf(plan, choices, target);
          if (action === 'keep' || action === 'uncertain') unsendable++;
          if (action === 'keep' || action === 'uncertain' || !choices.apply) kept.push(letter);
          else {
            await perform(plan, target);
            done.push(letter);
          }
          print(io, letter, plan, action, choices);
        }
      } finally {
        if (done.length) await deleteDeadLetters(target.sqs, target.deadLetterQueue, done.map((letter) => letter.receiptHandle));
        sent += done.length;
        kept.push(...letters.filter((letter) => !done.includes(letter) && !kept.includes(letter)));
      }
    }
  } finally {
    if (kept.length) await releaseDeadLetters(target.sqs, target.deadLetterQueue, kept.map((letter) => letter.receiptHandle));
  }
  const verb = choices.apply ? `${sent} sent, ${kept.length} left on the queue` : `${seen - unsendable} to send, ${unsendable} kept; dry run (--apply to do it)`;
  io.err(`${seen} dead letter(s) on ${target.deadLetterQueue}: ${verb}`);
  return unsendable ? EXIT.invalid : EXIT.ok;
}

type Action = 'replay' | 'republish' | 'keep' | 'uncertain';

function actionOf(plan: RedrivePlan, choices: Choices, target: RedriveTarget): Action {
  if (plan.kind === 'keep') return 'keep';
  if (plan.kind === 'republish') return target.publish ? 'republish' : 'keep';
  return plan.uncertain && !choices.includeUncertain ? 'uncertain' : 'replay';
}

async function perform(plan: RedrivePlan, target: RedriveTarget): Promise<void> {
  if (plan.kind === 'replay') await sqsRequeue(target.sqs as SQSClient, target.internalQueue).send(plan.envelopes);
  else if (plan.kind === 'republish') await target.publish?.(plan.topic, plan.payload);
}

function print(io: CommandIo, letter: ReceivedDeadLetter, plan: RedrivePlan, action: Action, choices: Choices): void {
  const { id } = letter.record;
  if (choices.json) {
    io.out(JSON.stringify({ deadLetterId: id, action, ...describe(plan) }));
    return;
  }
  const what =
    plan.kind === 'replay'
      ? plan.envelopes.map((envelope) => `${envelope.inputName} ${envelope.messageId}${envelope.targets ? ` → ${envelope.targets.join(', ')}` : ''}`).join('; ')
      : plan.kind === 'republish'
        ? `to ${plan.topic}${action === 'keep' ? ' (needs --iot-endpoint)' : ''}`
        : '';
  io.out(`${action.padEnd(10)} ${id}  ${what}${what ? '  ' : ''}(${plan.why})`);
}

function describe(plan: RedrivePlan): Record<string, unknown> {
  if (plan.kind === 'replay') {
    // One message (all but a batch): the fields as they always were; a batch adds the others.
    const [first, ...more] = plan.envelopes;
    const fields = (envelope: IngestEnvelope) => ({ inputName: envelope.inputName, messageId: envelope.messageId, origin: envelope.origin, targets: envelope.targets });
    return { ...fields(first), ...(more.length ? { batch: plan.envelopes.map(fields) } : {}), why: plan.why };
  }
  if (plan.kind === 'republish') return { topic: plan.topic, why: plan.why };
  return { why: plan.why };
}
