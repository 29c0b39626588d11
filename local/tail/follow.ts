import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { alarmFromItem, isAlarmItem } from '../../lib/adapters/dynamodb/alarm-item';
import { fromItem, outboxOf, type Item } from '../../lib/adapters/dynamodb/detector-item';
import { DynamoFailureNotes } from '../../lib/adapters/dynamodb/failure-notes';
import { effectTarget, type ActionEffect, type AlarmEffect } from '../../lib/engine';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../stack/local-identity';
import { startPolling } from '../stack/polling-loop';
import { StreamPoller } from '../stream-poller';
import { clock, formatAction, formatAlarmChange, formatDetectorChange, formatFailure, formatQueueMessage, showTarget, type DetectorView } from './format';
import { localTargetLookup } from './local-targets';

/** What to follow, on which emulators. */
export interface TailTarget {
  readonly sqsEndpoint: string;
  readonly dynamodbEndpoint: string;
  /** Queues to drain and print (`--queue`): each message goes to one reader, and is deleted. */
  readonly queues: readonly { readonly name: string; readonly url: string }[];
  /** The detectors table, whose stream shows every state change and the actions committed with it; undefined to skip. */
  readonly detectorsTable: string | undefined;
  /** Print each detector write's state, variables and timers. */
  readonly detectors: boolean;
  /** Print the actions of each detector write (its outbox) and those that failed for good. */
  readonly actions: boolean;
  /** The traces table, whose stream names the notes of failed actions. */
  readonly tracesTable: string | undefined;
}

/** A running tail. */
export interface RunningTail {
  /** Resolves once the stream positions are taken: writes after this are printed. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows the local stack from now on, one line per event: every detector write from the
 * detectors table's stream, with the actions it committed (the outbox the dispatch function
 * performs), every action that then failed for good (the failure notes, from the traces table's
 * stream), and the messages of the `--queue` queues, deleted once printed. A stream has no
 * consumers to share it out: any number of tails each see every write.
 */
export function startTail(target: TailTarget, print: (line: string) => void, onError: (error: Error) => void): RunningTail {
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sqs = new SQSClient({ ...common, endpoint: target.sqsEndpoint, useQueueUrlAsEndpoint: false });
  const dynamodb = new DynamoDBClient({ ...common, endpoint: target.dynamodbEndpoint });
  const streams = new DynamoDBStreamsClient({ ...common, endpoint: target.dynamodbEndpoint });
  const controller = new AbortController();
  const lookup = localTargetLookup(target.sqsEndpoint);
  const shown = async (type: string, to: string) => showTarget(to, await lookup(type, to));
  const loops = target.queues.map((queue) =>
    startPolling(
      async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }), { abortSignal: controller.signal });
        for (const message of Messages) {
          print(`${clock(Date.now())} ${formatQueueMessage(message.Body ?? '', queue.name)}`);
          await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle }));
        }
      },
      0,
      (error) => controller.signal.aborted || onError(error),
    ),
  );
  const starts: Promise<void>[] = [];
  const follow = (table: string, handle: (event: DynamoDBStreamEvent) => Promise<void>) => {
    const poller = new StreamPoller({ dynamodb, streams }, table, handle, 100, onError, 'LATEST');
    let first: () => void = () => undefined;
    starts.push(new Promise<void>((resolve) => (first = resolve)));
    const pass = async () => {
      try {
        await poller.pollOnce();
      } finally {
        first();
      }
    };
    loops.push(startPolling(pass, 500, onError));
  };
  if (target.detectorsTable && (target.detectors || target.actions)) {
    const seen = new Map<string, DetectorView>();
    follow(target.detectorsTable, async (event) => {
      for (const record of event.Records) {
        const key = record.dynamodb?.Keys?.pk?.S ?? '';
        if (record.eventName === 'REMOVE') {
          seen.delete(key);
          if (target.detectors) print(`${clock(Date.now())} detector  ${key.replace('|', '/')}  deleted`);
          continue;
        }
        const image = record.dynamodb?.NewImage as unknown as Item;
        if (isAlarmItem(image)) {
          const alarm = alarmFromItem(image).snapshot;
          const { line, view } = formatAlarmChange(alarm, seen.get(key), record.eventName === 'INSERT');
          seen.set(key, view);
          if (line !== undefined && target.detectors) print(`${clock(alarm.lastUpdateTime)} ${line}`);
          if (!target.actions) continue;
          for (const effect of outboxOf(image) as (ActionEffect | AlarmEffect)[]) {
            const shownAs = effect.type === 'alarmNotification' ? `lambda ${effect.functionArn}  notification ${effect.alarmModelName}${effect.keyValue === undefined ? '' : `/${effect.keyValue}`}` : undefined;
            print(`${clock(alarm.lastUpdateTime)} ${shownAs ? `action    ${shownAs}` : formatAction(effect as ActionEffect, await shown(effect.type, effectTarget(effect as ActionEffect)))}`);
          }
          continue;
        }
        const { snapshot } = fromItem(image);
        const { line, view } = formatDetectorChange(snapshot, seen.get(key), record.eventName === 'INSERT');
        seen.set(key, view);
        if (line !== undefined && target.detectors) print(`${clock(snapshot.lastUpdateTime)} ${line}`);
        if (!target.actions) continue;
        for (const effect of outboxOf(image)) print(`${clock(snapshot.lastUpdateTime)} ${formatAction(effect, await shown(effect.type, effectTarget(effect)))}`);
      }
    });
  }
  if (target.actions && target.tracesTable) {
    const notes = new DynamoFailureNotes({ client: dynamodb, tableName: target.tracesTable });
    follow(target.tracesTable, async (event) => {
      for (const record of event.Records) {
        if (record.eventName === 'REMOVE') continue;
        const note = await notes.at(record.dynamodb?.Keys as Parameters<DynamoFailureNotes['at']>[0]);
        if (note) print(`${clock(note.failedAt)} ${formatFailure(note, await shown(note.action, note.target))}`);
      }
    });
  }
  return {
    ready: Promise.all(starts).then(() => undefined),
    async stop() {
      controller.abort();
      await Promise.all(loops.map((loop) => loop.stop()));
      for (const client of [sqs, dynamodb, streams]) client.destroy();
    },
  };
}
