/**
 * Java-flavoured regular expressions for `regexp_matches`, `regexp_replace` and `regexp_substr`:
 * AWS's rules engine runs on Java, so replacement strings follow `Matcher.replaceAll` (`$1`,
 * `${name}`, `\$` for a literal dollar) rather than JavaScript's (`$&`, `$$`).
 */

/** Compiles `pattern`, or returns undefined when JavaScript cannot read it. */
export function javaRegex(pattern: string, flags = ''): RegExp | undefined {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return undefined;
  }
}

/** Replaces every match of `pattern` in `s`; undefined for an invalid pattern or replacement. */
export function replaceAllJava(s: string, pattern: string, replacement: string): string | undefined {
  const regex = javaRegex(pattern, 'g');
  const parts = regex && parseReplacement(replacement);
  if (!regex || !parts) return undefined;
  let failed = false;
  const result = s.replace(regex, (...match: unknown[]) => {
    // The replacer receives (match, ...captures, offset, input[, namedGroups]).
    const groups = match.slice(0, match.findIndex((m) => typeof m === 'number')) as (string | undefined)[];
    const last = match[match.length - 1];
    const named = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : {};
    return parts
      .map((part) => {
        if (typeof part === 'string') return part;
        // Java throws for a group the pattern does not have; AWS then returns Undefined.
        const known = typeof part.group === 'number' ? part.group < groups.length : Object.hasOwn(named, part.group);
        if (!known) failed = true;
        return (typeof part.group === 'number' ? groups[part.group] : named[part.group]) ?? '';
      })
      .join('');
  });
  return failed ? undefined : result;
}

type Part = string | { readonly group: number | string };

function parseReplacement(replacement: string): Part[] | undefined {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\') {
      if (i + 1 >= replacement.length) return undefined;
      literal += replacement[++i];
    } else if (c === '$') {
      const named = /^\$\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replacement.slice(i));
      const numbered = /^\$(\d)/.exec(replacement.slice(i));
      if (!named && !numbered) return undefined;
      parts.push(literal);
      literal = '';
      parts.push({ group: named ? named[1] : Number(numbered![1]) });
      i += (named ?? numbered)![0].length - 1;
    } else {
      literal += c;
    }
  }
  parts.push(literal);
  return parts;
}
