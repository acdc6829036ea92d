import { useEffect, useMemo, useState } from 'react';
import { Icon } from '../components/Icon';
import { QuickSwitcher, type SwitcherItem } from '../components/QuickSwitcher';
import { ComingNextScreen } from '../screens/ComingNextScreen';
import { ConversionScreen } from '../screens/conversion/ConversionScreen';
import { ProfilesScreen } from '../screens/profiles/ProfilesScreen';
import { PullScreen } from '../screens/pull/PullScreen';
import { ReportScreen } from '../screens/report/ReportScreen';
import { SyncScreen } from '../screens/sync/SyncScreen';
import { CompareScreen } from '../screens/snapshots/CompareScreen';
import { FindingsScreen } from '../screens/findings/FindingsScreen';
import { MappingOptionsScreen } from '../screens/mapping-options/MappingOptionsScreen';
import { MappingScreen } from '../screens/mapping/MappingScreen';
import { VerifyScreen } from '../screens/verify/VerifyScreen';
import { SCREENS, screenInfo } from './screens';
import { AppStateProvider, useApp } from './state';

export function App() {
  return (
    <AppStateProvider>
      <Shell />
    </AppStateProvider>
  );
}

const isMac = navigator.platform.toLowerCase().includes('mac');
const SWITCHER_SHORTCUT = isMac ? '⌘K' : 'Ctrl K';

function Shell() {
  const app = useApp();
  const [switcherOpen, setSwitcherOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSwitcherOpen((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const switcherItems = useMemo<SwitcherItem[]>(
    () => [
      ...SCREENS.map((s) => ({
        id: `screen-${s.id}`,
        label: s.label,
        group: 'Screens' as const,
        icon: s.icon,
        detail: s.comingNext ? 'coming next' : undefined,
        run: () => app.go(s.id),
      })),
      ...(app.profiles ?? []).map((p) => ({
        id: `district-${p.profile.id}`,
        label: p.profile.name,
        group: 'Districts' as const,
        icon: 'building' as const,
        detail: hostOf(p.profile.oneroster.baseUrl),
        run: () => app.setActive(p.profile.id),
      })),
    ],
    [app],
  );

  const current = screenInfo(app.screen);
  const active = app.activeProfile;

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="check" size={18} />
          </span>
          <span className="brand-name">Roster Preflight</span>
        </div>
        <ul className="nav-list">
          {SCREENS.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={s.id === app.screen ? 'nav-item active' : 'nav-item'}
                aria-current={s.id === app.screen ? 'page' : undefined}
                onClick={() => app.go(s.id)}
              >
                <Icon name={s.icon} />
                <span>{s.label}</span>
                {s.comingNext && <span className="nav-soon">soon</span>}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="nav-shortcut" onClick={() => setSwitcherOpen(true)}>
          <Icon name="search" size={16} />
          <span>Quick switch</span>
          <kbd>{SWITCHER_SHORTCUT}</kbd>
        </button>
      </nav>

      <div className="main">
        <header className="topbar">
          <div className="topbar-title">
            <h1>{current.label}</h1>
            <p>{current.summary}</p>
          </div>
          <div className="district-picker">
            <label htmlFor="active-district">District</label>
            {app.profiles && app.profiles.length > 0 ? (
              <select
                id="active-district"
                value={active?.profile.id ?? ''}
                onChange={(e) => app.setActive(e.target.value)}
              >
                {app.profiles.map((p) => (
                  <option key={p.profile.id} value={p.profile.id}>
                    {p.profile.name}
                  </option>
                ))}
              </select>
            ) : (
              <span id="active-district" className="district-none">
                None yet
              </span>
            )}
          </div>
        </header>
        <main className="content" id="content">
          {app.screen === 'profiles' && <ProfilesScreen />}
          {app.screen === 'verify' && <VerifyScreen />}
          {app.screen === 'pull' && <PullScreen />}
          {app.screen === 'compare' && <CompareScreen />}
          {app.screen === 'findings' && <FindingsScreen />}
          {app.screen === 'options' && <MappingOptionsScreen />}
          {app.screen === 'mapping' && <MappingScreen />}
          {app.screen === 'conversion' && <ConversionScreen />}
          {app.screen === 'report' && <ReportScreen />}
          {app.screen === 'sync' && <SyncScreen />}
          {current.comingNext && <ComingNextScreen screen={current} />}
        </main>
      </div>

      {switcherOpen && <QuickSwitcher items={switcherItems} onClose={() => setSwitcherOpen(false)} />}
    </div>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
