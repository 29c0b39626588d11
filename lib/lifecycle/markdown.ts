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
