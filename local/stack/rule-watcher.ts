import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { RuleRouter } from '../iot-core/rule-router';
import { discoverRules, type LocalRule } from '../iot-rules';
import type { Provisioned } from '../provision';
import { serverlessConfig, type ServerlessConfig } from '../serverless-config';
import { LocalStackError } from './errors';

/** What the running stack can perform: rules may only target these. */
export interface RunningTargets {
  readonly config: ServerlessConfig;
  readonly provisioned: Provisioned;
}

/**
 * Reloads the topic rules when `serverless.yml` (or a file of `serverless/`) changes, without a
 * restart: the configuration is resolved again, its rules compiled, and the router takes them for
 * the next messages; one line says so. A broken edit (YAML, SQL, a rule naming a function or queue
 * the running stack does not have) keeps the rules as they were and logs why. Only the rules are
 * reloaded: functions and resources take a restart. Changes are gathered for `settleMs`, so one save
 * reloads once. Returns how to stop.
 */
export function watchRules(root: string, stage: string, router: RuleRouter, running: RunningTargets, log: (message: string, error?: Error) => void, settleMs = 300): () => void {
  let timer: NodeJS.Timeout | undefined;
  let reloading = Promise.resolve();
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      reloading = reloading.then(async () => {
        try {
          const rules = discoverRules(await serverlessConfig(root, stage));
          checkTargets(rules, running);
          router.replaceRules(rules);
          log(`topic rules reloaded from serverless.yml: ${rules.length} (${rules.map((rule) => rule.ruleName).join(', ')}); other changes to it take a restart`);
        } catch (error) {
          log('topic rules not reloaded, the previous ones stay', error as Error);
        }
      });
    }, settleMs);
  };
  // The folder is watched, not the file: editors save by writing a new file and renaming it over the old.
  const watchers: FSWatcher[] = [watch(root, (_event, file) => file === 'serverless.yml' && changed())];
  const includes = path.join(root, 'serverless');
  if (existsSync(includes)) watchers.push(watch(includes, (_event, file) => !!file?.endsWith('.yml') && changed()));
  for (const watcher of watchers) watcher.on('error', (error) => log('stopped watching serverless.yml', error));
  return () => {
    clearTimeout(timer);
    watchers.forEach((watcher) => watcher.close());
  };
}

function checkTargets(rules: readonly LocalRule[], running: RunningTargets): void {
  const queues = new Set(Object.values(running.provisioned.queues).map((queue) => queue.name));
  for (const rule of rules) {
    for (const target of [...rule.actions, ...(rule.errorAction ? [rule.errorAction] : [])]) {
      const missing = target.type === 'lambda' ? !Object.hasOwn(running.config.functions, target.functionKey) && `function ${target.functionKey}` : !queues.has(target.queueName) && `queue ${target.queueName}`;
      if (missing) throw new LocalStackError('rules', `rule ${rule.ruleName} (${rule.source}) targets ${missing}, which the running stack does not have: restart it (Ctrl-C, npm start)`);
    }
  }
}
