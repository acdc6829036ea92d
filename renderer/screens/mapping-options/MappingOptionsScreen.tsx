import { useCallback, useEffect, useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import type { IpcError } from '../../../shared/ipc/define';
import type { MappingOptions } from '../../../shared/mapping/options';
import { call, toDisplayError } from '../../api/client';
import { useApp } from '../../app/state';
import { NoDistrictState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { setJobSlot } from '../../app/jobSlots';
import { OptionInput, RoleMapEditor } from './OptionInput';
import { PreviewPanel } from './PreviewPanel';
import { SECTIONS } from './fields';
import { usePreview } from './usePreview';
import './mapping-options.css';

export function MappingOptionsScreen() {
  const app = useApp();
  const active = app.activeProfile;
  if (!active) {
    return (
      <NoDistrictState icon="edit" title="No district yet">
        <p>Mapping options belong to a district. Add one (or open the demo district) first.</p>
      </NoDistrictState>
    );
  }
  return <OptionsEditor key={active.profile.id} view={active} />;
}

function OptionsEditor({ view }: { view: ProfileView }) {
  const app = useApp();
  const profileId = view.profile.id;
  const [saved, setSaved] = useState<MappingOptions | undefined>();
  const [defaults, setDefaults] = useState<MappingOptions | undefined>();
  const [draft, setDraft] = useState<MappingOptions | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [savedVersion, setSavedVersion] = useState(0);
  const { preview, error: previewError, loading } = usePreview(profileId, draft, savedVersion);

  useEffect(() => {
    let live = true;
    call('settings:getMapping', { profileId }).then(
      (r) => {
        if (!live) return;
        setSaved(r.options);
        setDefaults(r.defaults);
        setDraft(r.options);
      },
      (err: unknown) => live && setError(toDisplayError(err)),
    );
    return () => {
      live = false;
    };
  }, [profileId]);

  const change = useCallback((patch: Partial<MappingOptions>) => {
    setNotice(undefined);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  }, []);

  if (!draft || !saved || !defaults) {
    return error ? <ErrorNotice error={error} /> : <p className="muted">Loading…</p>;
  }
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const isDefault = JSON.stringify(draft) === JSON.stringify(defaults);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await call('settings:setMapping', { profileId, options: draft });
      setSaved(result.options);
      setDraft(result.options);
      setSavedVersion((v) => v + 1);
      if (result.jobId) setJobSlot('evaluate', profileId, result.jobId);
      setNotice(result.jobId ? 'Saved. Re-evaluating the latest snapshot with these options…' : 'Saved.');
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mapping-options">
      <section className="panel options-head">
        <div>
          <h2>{view.profile.name}</h2>
          <p className="muted small">
            Every default of the OneRoster → Canvas mapping, for this district. The preview shows what a
            change does before you save it.
          </p>
        </div>
        <div className="row-actions">
          <button type="button" className="btn" disabled={isDefault || busy} onClick={() => change(defaults)}>
            Reset to defaults
          </button>
          <button type="button" className="btn" disabled={!dirty || busy} onClick={() => setDraft(saved)}>
            Discard changes
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!dirty || busy}
            onClick={() => void save()}
          >
            <Icon name="tick" size={16} />
            Save and re-evaluate
          </button>
        </div>
      </section>
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
      {notice && (
        <div className="notice notice-ok" role="status">
          <Icon name="pass" className="notice-icon" />
          <div className="notice-body">
            <p className="notice-message">{notice}</p>
          </div>
          <button type="button" className="btn btn-small" onClick={() => app.go('findings')}>
            See findings
          </button>
        </div>
      )}

      <div className="options-layout">
        <div className="options-form">
          {SECTIONS.map((section) => (
            <section key={section.id} className="panel options-section" aria-labelledby={`opt-${section.id}`}>
              <h2 id={`opt-${section.id}`}>{section.title}</h2>
              {section.fields.map((field) =>
                field.kind === 'text' && field.when && !field.when(draft) ? null : (
                  <OptionInput
                    key={field.key}
                    field={field}
                    value={draft[field.key]}
                    changed={JSON.stringify(draft[field.key]) !== JSON.stringify(saved[field.key])}
                    onChange={(v) => change({ [field.key]: v } as Partial<MappingOptions>)}
                  />
                ),
              )}
              {section.id === 'enrollments' && (
                <RoleMapEditor
                  value={draft.roleMap}
                  saved={saved.roleMap}
                  onChange={(roleMap) => change({ roleMap })}
                />
              )}
            </section>
          ))}
        </div>
        <div className="options-preview">
          <PreviewPanel preview={preview} error={previewError} loading={loading} />
          {dirty && (
            <div className="panel preview-actions">
              <button type="button" className="btn" disabled={busy} onClick={() => setDraft(saved)}>
                Discard
              </button>
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()}>
                Save and re-evaluate
              </button>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
