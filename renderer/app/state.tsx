import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ProfileView } from '../../shared/ipc/channels/profiles';
import type { IpcError } from '../../shared/ipc/define';
import type { EntityType } from '../../shared/rules/finding';
import { call, toDisplayError } from '../api/client';
import type { ScreenId } from './screens';

const ACTIVE_KEY = 'preflight.activeProfile';

export interface AppState {
  /** undefined while the first load runs. */
  profiles: ProfileView[] | undefined;
  loadError: IpcError | undefined;
  refresh(): Promise<ProfileView[]>;
  activeProfile: ProfileView | undefined;
  setActive(id: string | undefined): void;
  screen: ScreenId;
  go(screen: ScreenId): void;
  /**
   * Navigation hook: show one record (e.g. a finding's entity) in the mapping explorer. Sets `entityTarget`
   * (a new object each call, so the same record can be opened twice) and switches to the Mapping screen.
   */
  openEntity(entityType: EntityType, sourcedId: string): void;
  entityTarget: EntityTarget | undefined;
  /** Navigation hook: the Findings grid filtered by one rule (e.g. from a failing guard rail on the Sync screen). */
  openFindings(ruleId: string): void;
  findingsTarget: { ruleId: string; seq: number } | undefined;
}

export interface EntityTarget {
  entityType: EntityType;
  sourcedId: string;
  /** Increases with every openEntity call. */
  seq: number;
}

const AppContext = createContext<AppState | undefined>(undefined);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [profiles, setProfiles] = useState<ProfileView[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<IpcError | undefined>(undefined);
  const [activeId, setActiveId] = useState<string | undefined>(
    () => localStorage.getItem(ACTIVE_KEY) ?? undefined,
  );
  const [screen, setScreen] = useState<ScreenId>('profiles');
  const [entityTarget, setEntityTarget] = useState<EntityTarget | undefined>();
  const [findingsTarget, setFindingsTarget] = useState<{ ruleId: string; seq: number } | undefined>();

  const refresh = useCallback(
    () =>
      call('profiles:list', {}).then(
        ({ profiles: list }) => {
          setProfiles(list);
          setLoadError(undefined);
          return list;
        },
        (err: unknown) => {
          setLoadError(toDisplayError(err));
          setProfiles((prev) => prev ?? []);
          return [] as ProfileView[];
        },
      ),
    [],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const setActive = useCallback((id: string | undefined) => {
    setActiveId(id);
    if (id) localStorage.setItem(ACTIVE_KEY, id);
    else localStorage.removeItem(ACTIVE_KEY);
  }, []);

  const openEntity = useCallback((entityType: EntityType, sourcedId: string) => {
    setEntityTarget((prev) => ({ entityType, sourcedId, seq: (prev?.seq ?? 0) + 1 }));
    setScreen('mapping');
  }, []);

  const openFindings = useCallback((ruleId: string) => {
    setFindingsTarget((prev) => ({ ruleId, seq: (prev?.seq ?? 0) + 1 }));
    setScreen('findings');
  }, []);

  const value = useMemo<AppState>(() => {
    // A stale id (profile deleted elsewhere) falls back to the first district.
    const activeProfile = profiles?.find((p) => p.profile.id === activeId) ?? profiles?.[0];
    return {
      profiles,
      loadError,
      refresh,
      activeProfile,
      setActive,
      screen,
      go: setScreen,
      openEntity,
      entityTarget,
      openFindings,
      findingsTarget,
    };
  }, [
    profiles,
    loadError,
    refresh,
    activeId,
    setActive,
    screen,
    openEntity,
    entityTarget,
    openFindings,
    findingsTarget,
  ]);

  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside AppStateProvider');
  return state;
}
