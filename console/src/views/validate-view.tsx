import { useState } from 'preact/hooks';
import { ModelCheck } from '../components/model-check';
import { PageTitle } from '../components/ui';

/** Paste a detector or alarm model; its problems are shown at their positions in the text. */
export function ValidateView() {
  const [draft, setDraft] = useState('');
  const [checked, setChecked] = useState<string | undefined>();
  return (
    <>
      <PageTitle title="Validate a model">Validate a model</PageTitle>
      <p class="muted">A CreateDetectorModel or CreateAlarmModel body, as <code>vigil validate</code> reads it. Nothing is deployed.</p>
      <form class="stack" onSubmit={(event) => { event.preventDefault(); setChecked(draft); }}>
        <label class="block">Model JSON
          <textarea rows={14} spellcheck={false} value={draft} onInput={(event) => setDraft((event.target as HTMLTextAreaElement).value)} />
        </label>
        <p><button type="submit" disabled={!draft.trim()}>Validate</button></p>
      </form>
      {checked !== undefined && <ModelCheck text={checked} label="The model as validated" />}
    </>
  );
}
