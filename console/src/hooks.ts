import { useEffect, useRef, useState } from 'preact/hooks';
import { parseRoute, type Route } from './route';

/** What a loader has given so far. */
export interface Loaded<T> {
  readonly data?: T;
  readonly error?: Error;
  /** Loads again now (after an action changed what is shown). */
  readonly reload: () => void;
}

/**
 * Runs `load` when `key` changes and, with `intervalMs`, again that long after each answer while
 * the page is visible (a hidden tab costs the API nothing; showing it again loads at once). Calls
 * never overlap, and an answer for an older key is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, key: string, intervalMs = 0): Loaded<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: Error }>({ key });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    const run = async () => {
      if (cancelled || running) return;
      running = true;
      try {
        const data = await loadRef.current();
        if (!cancelled) setState({ key, data });
      } catch (error) {
        if (!cancelled) setState((previous) => ({ key, data: previous.key === key ? previous.data : undefined, error: error as Error }));
      } finally {
        running = false;
      }
      if (!cancelled && intervalMs > 0 && document.visibilityState === 'visible') timer = setTimeout(run, intervalMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible' && intervalMs > 0) {
        clearTimeout(timer);
        void run();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    void run();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [key, intervalMs, tick]);
  const current = state.key === key ? state : { key };
  return { data: current.data, error: current.error, reload: () => setTick((n) => n + 1) };
}

/**
 * The route of the location hash, and a count of the navigations so far: every hash change is a
 * new visit (the page starts afresh), even to the route shown, whose filters a page may have
 * written into the address without navigating (`history.replaceState`).
 */
export function useRoute(): { route: Route; visit: number } {
  const [current, setCurrent] = useState(() => ({ route: parseRoute(location.hash), visit: 0 }));
  useEffect(() => {
    const onChange = () => setCurrent((previous) => ({ route: parseRoute(location.hash), visit: previous.visit + 1 }));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return current;
}
