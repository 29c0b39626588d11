import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api/client';

/** A failed call, said in words (role alert: a screen reader reads it out). */
export function ErrorNotice({ error, what }: { error: Error | undefined; what?: string }) {
  if (!error) return null;
  const type = error instanceof ApiError ? `${error.type}: ` : '';
  return <p class="notice error" role="alert">{what ? `${what}: ` : ''}{type}{error.message}</p>;
}

/** Shown until the first answer. */
export function Loading({ what }: { what: string }) {
  return <p class="muted" role="status">Loading {what}…</p>;
}

/** A page's title (its one h1) and the browser tab's. */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  useEffect(() => {
    document.title = `${title} · Vigil Console`;
  }, [title]);
  return <h1 id="page-title" tabIndex={-1}>{children}</h1>;
}

/** A small label/value list (`dl`). */
export function Facts({ items }: { items: readonly (readonly [string, ComponentChildren])[] }) {
  const shown = items.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return (
    <dl class="facts">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A section of a page with its heading (a labelled region). */
export function Section({ title, id, children, actions }: { title: string; id: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="section">
      <div class="section-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The polling notice of a live view. */
export function LiveBadge({ at }: { at?: number }) {
  return <span class="live" title="Updates every second while this page is visible">● live{at ? ` · ${new Date(at).toLocaleTimeString()}` : ''}</span>;
}
