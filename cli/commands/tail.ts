import { parseArgs } from 'node:util';
import { followLocalStack } from '../../local/tail/follow-stack';
import { TailTargetError } from '../../local/tail/target';
import { EXIT, UsageError, type CommandIo } from '../io';

const HELP = `usage: vigil tail [options]

Follows the local stack (\`npm start\`) until Ctrl-C, one line per event:
  detector  every detector write: the state it moves to (or stays in), its variables and timers
  action    every action a write committed, with its target (a migrated model's topic or queue
            mapped by local-targets.json shows as \`arn:…:alerts → local alerts\`); one that then
            fails for good gets a second line, \`action    FAILED sns …: <reason>\`
Nothing is consumed: any number of tails each see every event.

options:
  --queue NAME       also follow this queue, e.g. vigil-local-ingest-dlq (repeatable); its
                     messages ARE consumed (deleted once printed)
  --no-detectors     only the actions
  --no-actions       only the detectors

The stack is found through .vigil/local-stack.json (or $VIGIL_DIR/local-stack.json), and followed
again when it restarts; without it, through VIGIL_SQS_PORT and VIGIL_DYNAMODB_PORT.`;

/** `vigil tail`: prints the local stack's actions and detector changes as they happen. */
export async function tailCommand(args: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env, until?: Promise<void>): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      queue: { type: 'string', multiple: true, default: [] },
      'no-detectors': { type: 'boolean', default: false },
      'no-actions': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${HELP}`);
  // The SDK's "2027 releases need Node 22" notice would be the first thing tail prints.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let tail;
  try {
    tail = await followLocalStack({
      env,
      extraQueues: values.queue,
      narrow: (target) => ({ ...target, detectors: !values['no-detectors'], actions: !values['no-actions'] }),
      print: io.out,
      say: io.err,
    });
  } catch (error) {
    if (!(error instanceof TailTargetError)) throw error;
    io.err(`vigil tail: ${error.message}`);
    return EXIT.invalid;
  }
  io.err(`vigil: ${tail.description}`);
  io.err(`following ${tail.following.join(', ')}; Ctrl-C stops`);
  await (until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  await tail.stop();
  return EXIT.ok;
}
