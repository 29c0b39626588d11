import { render } from 'preact';
import { App } from './app';

// The console's entry (bundled by local/console/build-console.ts into /app.js).
render(<App />, document.getElementById('app') as HTMLElement);
