import { useEffect, useState } from 'react';
import { loadReference, subscribeReference, type ReferenceData } from './referenceCache';

export interface ReferenceState extends ReferenceData {
  loading: boolean;
  error: Error | null;
}

/** Departments, regions and categories, loaded once per session and refreshed after admin edits. */
export function useReference(): ReferenceState {
  const [state, setState] = useState<ReferenceState>({ departments: [], regions: [], categories: [], loading: true, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => subscribeReference(() => setTick((n) => n + 1)), []);
  useEffect(() => {
    let live = true;
    Promise.all([loadReference('departments'), loadReference('regions'), loadReference('categories')])
      .then(([departments, regions, categories]) => {
        if (live) setState({ departments, regions, categories, loading: false, error: null });
      })
      .catch((error: Error) => live && setState((s) => ({ ...s, loading: false, error })));
    return () => {
      live = false;
    };
  }, [tick]);
  return state;
}
