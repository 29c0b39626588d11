import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

// Placeholder until the console app lands (issue 17, console-app): lists the detector models
// through the console server's signed proxy, which proves the build, the server and the proxy.

interface DetectorModelSummary {
  readonly detectorModelName: string;
}

function Models() {
  const [names, setNames] = useState<string[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    fetch('/api/detector-models', { headers: { accept: 'application/json' } })
      .then(async (response) => {
        const body = (await response.json()) as { detectorModelSummaries?: DetectorModelSummary[]; message?: string };
        if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
        setNames((body.detectorModelSummaries ?? []).map((summary) => summary.detectorModelName));
      })
      .catch((caught: Error) => setError(caught.message));
  }, []);
  if (error !== undefined) return <p role="alert">Cannot list the detector models: {error}</p>;
  if (names === undefined) return <p>Loading…</p>;
  return (
    <ul aria-label="Detector models">
      {names.map((name) => (
        <li key={name}>{name}</li>
      ))}
    </ul>
  );
}

function App() {
  return (
    <main>
      <h1>Vigil Console</h1>
      <h2>Detector models</h2>
      <Models />
    </main>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
