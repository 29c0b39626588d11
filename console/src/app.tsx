import { useEffect } from 'preact/hooks';
import { useRoute } from './hooks';
import type { Route } from './route';
import { AlarmModelView } from './views/alarm-model-view';
import { AlarmsView } from './views/alarms-view';
import { DetectorModelView } from './views/detector-model-view';
import { DetectorView } from './views/detector-view';
import { InferView } from './views/infer-view';
import { DetectorsView } from './views/detectors-view';
import { ModelsView } from './views/models-view';
import { TryView } from './views/try-view';
import { ValidateView } from './views/validate-view';

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'models': return <ModelsView />;
    case 'detector-model': return <DetectorModelView name={route.name} version={route.version} />;
    case 'alarm-model': return <AlarmModelView name={route.name} version={route.version} />;
    case 'detectors': return <DetectorsView model={route.model} state={route.state} keyFilter={route.key} />;
    case 'detector': return <DetectorView model={route.model} keyValue={route.key} />;
    case 'alarms': return <AlarmsView model={route.model} />;
    case 'try': return <TryView model={route.model} />;
    case 'validate': return <ValidateView />;
    case 'infer': return <InferView />;
    case 'not-found': return <><h1 id="page-title" tabIndex={-1}>Not found</h1><p>No page at <code>{route.hash}</code>. <a href="#/models">See the models</a>.</p></>;
  }
}

const NAV: readonly { href: string; label: string; views: readonly Route['view'][] }[] = [
  { href: '#/models', label: 'Models', views: ['models', 'detector-model', 'alarm-model', 'detectors', 'detector', 'alarms'] },
  { href: '#/try', label: 'Try it', views: ['try'] },
  { href: '#/validate', label: 'Validate', views: ['validate'] },
  { href: '#/infer', label: 'Infer', views: ['infer'] },
];

/**
 * The console: a banner with the navigation, and the page of the current hash route in `main`.
 * Moving to another page moves keyboard focus to its title, so a screen reader announces it.
 */
export function App() {
  const { route, visit } = useRoute();
  useEffect(() => {
    if (visit > 0) document.getElementById('page-title')?.focus();
  }, [visit]);
  return (
    <>
      <a class="skip" href="#main" onClick={(event) => { event.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header class="banner">
        <a class="brand" href="#/models">Vigil Console</a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}><a href={item.href} aria-current={item.views.includes(route.view) ? 'page' : undefined}>{item.label}</a></li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <View key={visit} route={route} />
      </main>
      <footer class="footer"><p>Vigil, the open-source successor to AWS IoT Events. The console calls the Vigil API through its local server, which signs every call.</p></footer>
    </>
  );
}
