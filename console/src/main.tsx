import { render } from 'preact';
import { App } from './app';

// The console's entry (bundled by local/console/build-console.ts into /app.js). The page's
// "needs JavaScript" placeholder goes first: render() keeps what it finds in the element.
const root = document.getElementById('app') as HTMLElement;
root.textContent = '';
render(<App />, root);
