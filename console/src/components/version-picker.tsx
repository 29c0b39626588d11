/** A version of a model as the picker lists it. */
export interface VersionChoice {
  readonly version: string;
  readonly status?: string;
  readonly time?: string;
}

/** Picks which stored version of a model the page shows (a select: keyboard-friendly); navigates on change. */
export function VersionPicker({ label, current, versions, href }: { label: string; current: string; versions: readonly VersionChoice[]; href: (version: string) => string }) {
  const choices = versions.some((choice) => choice.version === current) ? versions : [{ version: current }, ...versions];
  return (
    <p class="version-picker">
      <label>
        {label}{' '}
        <select value={current} onChange={(event) => (location.hash = href((event.target as HTMLSelectElement).value))}>
          {choices.map((choice) => (
            <option key={choice.version} value={choice.version}>
              {`version ${choice.version}${choice.status ? ` · ${choice.status}` : ''}${choice.time ? ` · ${choice.time}` : ''}`}
            </option>
          ))}
        </select>
      </label>{' '}
      <span class="muted">{versions.length} version{versions.length === 1 ? '' : 's'}</span>
    </p>
  );
}
