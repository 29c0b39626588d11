import { LIFECYCLE_INPUTS } from './catalog';
import type { LifecycleAttribute } from './lifecycle-input';

const TYPE_NAMES: Readonly<Record<LifecycleAttribute['type'], string>> = {
  string: 'String', integer: 'Integer', boolean: 'Boolean', timestamp: 'Integer (epoch ms)',
  'string-list': 'array of String', list: 'array', object: 'object',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function requirement(attribute: LifecycleAttribute): string {
  if (attribute.required === undefined) return '';
  return attribute.required === 'always' ? 'always' : attribute.required.join(', ');
}

/**
 * The built-in lifecycle inputs as Markdown for the README: one summary table, then one attribute
 * table per input. Generated from {@link LIFECYCLE_INPUTS}, so the documentation cannot drift from
 * what the normaliser checks.
 */
export function lifecycleInputsMarkdown(): string {
  const lines = [
    '| Input | Natural key | Enabled by (`UpdateEventConfigurations`) | Topic filter |',
    '|---|---|---|---|',
    ...LIFECYCLE_INPUTS.map((input) =>
      `| \`${input.inputName}\` | ${input.key ? `\`${input.key}\`` : '—'} | ${input.eventConfiguration ?? 'always on'} | ${input.topicFilters.map((f) => `\`${f}\``).join(', ')} |`),
  ];
  for (const input of LIFECYCLE_INPUTS) {
    lines.push('', `#### ${input.inputName}`, '', cell(input.description), '', '| Attribute | Type | Present | Description |', '|---|---|---|---|');
    for (const attribute of input.attributes) {
      lines.push(`| \`${attribute.name}\` | ${TYPE_NAMES[attribute.type]} | ${requirement(attribute) || 'optional'} | ${cell(attribute.description)} |`);
    }
  }
  return lines.join('\n');
}

/** The whole of `docs/lifecycle-inputs.md`: an introduction, then {@link lifecycleInputsMarkdown}. */
export function lifecycleInputsPage(): string {
  return [
    '# Built-in lifecycle inputs',
    '',
    'AWS IoT Core publishes lifecycle and registry events on `$aws/events/...`; Vigil turns each topic family into an',
    'input that detector models use like any other (`$input.AwsIotPresence.eventType`). The stack\'s `LifecycleToQueueRule`',
    "(`SELECT *, topic() AS topic FROM '$aws/events/#'`) delivers them. Timestamps reach models in epoch milliseconds;",
    'names missing from a payload are taken from the topic; redeliveries are dropped, and out-of-order events are',
    'recorded in the trace and not applied (`docs/decisions.md`, L1–L6). Registry, job and certificate families must be',
    'turned on: list them in the `eventFamilies` parameter of `serverless.yml`.',
    '',
    'Generated from `lib/lifecycle` by `npm run docs`; a test fails when this page is out of date.',
    '',
    lifecycleInputsMarkdown().trimEnd(),
    '',
  ].join('\n');
}
