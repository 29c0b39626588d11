import { API_OPTIONS, API_OPTIONS_HELP, allPages, parseCommandLine, printHelp, printItems, printJson, withApi } from '../api-client';
import { formatAlarm, formatAlarmSummaries } from '../alarm-instance-format';
import { EXIT, UsageError, type CommandIo } from '../io';

type Action = 'acknowledge' | 'disable' | 'enable' | 'reset' | 'snooze';

const WHAT: Readonly<Record<Action, string>> = {
  acknowledge: 'Acknowledges alarms (BatchAcknowledgeAlarm): ACTIVE → ACKNOWLEDGED, LATCHED → NORMAL.',
  disable: 'Disables alarms (BatchDisableAlarm): they ignore data until enabled.',
  enable: 'Enables disabled or snoozed alarms (BatchEnableAlarm): back to NORMAL.',
  reset: 'Resets alarms (BatchResetAlarm): back to NORMAL, their last evaluation cleared.',
  snooze: 'Snoozes alarms (BatchSnoozeAlarm) for --seconds: they ignore data, then return to NORMAL.',
};

const DONE: Readonly<Record<Action, string>> = { acknowledge: 'acknowledged', disable: 'disabled', enable: 'enabled', reset: 'reset', snooze: 'snoozed' };

const helpOf = (action: Action) => `usage: vigil ${action}-alarm <alarm model> [--key <keyValue>]...${action === 'snooze' ? ' --seconds <n>' : ''} [--note <text>] [options]

${WHAT[action]} One request per --key (up to 10); leave --key out for a model without a key.

options:
  --key <keyValue>   an alarm (repeatable)
  --note <text>      recorded with the action (up to 256 characters)${action === 'snooze' ? '\n  --seconds <n>      how long the snooze lasts' : ''}
${API_OPTIONS_HELP}

exit status: 0 applied, 1 one or more not applied, 2 bad command line, 3 API not reachable.`;

/** The five operator commands (`vigil acknowledge-alarm`, …): one batch call, one line per alarm. */
export function alarmActionCommand(action: Action) {
  const help = helpOf(action);
  return async (args: string[], io: CommandIo): Promise<number> => {
    const options = { ...API_OPTIONS, key: { type: 'string' as const, multiple: true as const }, note: { type: 'string' as const }, seconds: { type: 'string' as const } };
    const { values, positionals } = parseCommandLine(args, options, help);
    if (values.help) return printHelp(io, help);
    if (positionals.length !== 1) throw new UsageError(`expected one alarm model name\n\n${help}`);
    const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
    if (action === 'snooze' && !(seconds !== undefined && Number.isInteger(seconds) && seconds > 0)) throw new UsageError(`--seconds must be a whole number of seconds\n\n${help}`);
    if (action !== 'snooze' && seconds !== undefined) throw new UsageError(`--seconds is for snooze-alarm only\n\n${help}`);
    const keys: (string | undefined)[] = values.key?.length ? values.key : [undefined];
    return withApi(io, `${action}-alarm`, values, async ({ data }) => {
      const sdk = await import('@aws-sdk/client-iot-events-data');
      const requests = keys.map((keyValue, i) => ({ requestId: `${action}-${i + 1}`, alarmModelName: positionals[0], keyValue, note: values.note }));
      const send = (): Promise<{ errorEntries?: { requestId?: string; errorCode?: string; errorMessage?: string }[] }> => {
        switch (action) {
          case 'acknowledge':
            return data.send(new sdk.BatchAcknowledgeAlarmCommand({ acknowledgeActionRequests: requests }));
          case 'disable':
            return data.send(new sdk.BatchDisableAlarmCommand({ disableActionRequests: requests }));
          case 'enable':
            return data.send(new sdk.BatchEnableAlarmCommand({ enableActionRequests: requests }));
          case 'reset':
            return data.send(new sdk.BatchResetAlarmCommand({ resetActionRequests: requests }));
          case 'snooze':
            return data.send(new sdk.BatchSnoozeAlarmCommand({ snoozeActionRequests: requests.map((request) => ({ ...request, snoozeDuration: seconds })) }));
        }
      };
      const response = await send();
      const errors = response.errorEntries ?? [];
      if (values.json) printJson(io, response);
      else {
        requests.forEach((request) => {
          const error = errors.find((entry) => entry.requestId === request.requestId);
          const which = request.keyValue ?? '(no key)';
          if (error) io.err(`${which}: ${error.errorCode}: ${error.errorMessage}`);
          else io.out(`${which}: ${DONE[action]}`);
        });
      }
      return errors.length ? EXIT.invalid : EXIT.ok;
    });
  };
}

const DESCRIBE_HELP = `usage: vigil describe-alarm <alarm model> [--key <keyValue>] [options]

Shows one alarm: its state, last rule evaluation, last operator action and severity. Leave out
--key for a model without a key.

options:
  --key <keyValue>   the alarm's key value
${API_OPTIONS_HELP}

exit status: 0 found, 1 refused (no such alarm), 2 bad command line, 3 API not reachable.`;

const LIST_HELP = `usage: vigil list-alarms <alarm model> [options]

Lists the alarms of an alarm model, one line each: key value, state, model version, last update.

options:
${API_OPTIONS_HELP}

exit status: 0 listed, 1 refused (no such alarm model), 2 bad command line, 3 API not reachable.`;

/** `vigil describe-alarm`: DescribeAlarm. */
export async function describeAlarmCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { ...API_OPTIONS, key: { type: 'string' } }, DESCRIBE_HELP);
  if (values.help) return printHelp(io, DESCRIBE_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one alarm model name\n\n${DESCRIBE_HELP}`);
  return withApi(io, 'describe-alarm', values, async ({ data }) => {
    const { DescribeAlarmCommand } = await import('@aws-sdk/client-iot-events-data');
    const response = await data.send(new DescribeAlarmCommand({ alarmModelName: positionals[0], keyValue: values.key }));
    if (values.json) printJson(io, response);
    else formatAlarm(response.alarm ?? {}).forEach((line) => io.out(line));
    return EXIT.ok;
  });
}

/** `vigil list-alarms`: every page of ListAlarms. */
export async function listAlarmsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { ...API_OPTIONS }, LIST_HELP);
  if (values.help) return printHelp(io, LIST_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one alarm model name\n\n${LIST_HELP}`);
  return withApi(io, 'list-alarms', values, async ({ data }) => {
    const { ListAlarmsCommand } = await import('@aws-sdk/client-iot-events-data');
    const summaries = await allPages((nextToken) => data.send(new ListAlarmsCommand({ alarmModelName: positionals[0], nextToken })), (page) => page.alarmSummaries);
    printItems(io, values.json, 'alarmSummaries', summaries, formatAlarmSummaries, 'no alarms');
    return EXIT.ok;
  });
}
