import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';
import { useApp } from '../app/state';
import type { ScreenId } from '../app/screens';

export function EmptyState({
  icon,
  title,
  children,
  actions,
}: {
  icon: IconName;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="empty-state">
      <div className="empty-icon">
        <Icon name={icon} size={28} />
      </div>
      <h2>{title}</h2>
      {children && <div className="empty-text">{children}</div>}
      {actions && <div className="empty-actions">{actions}</div>}
    </section>
  );
}

/** An empty state whose one action goes to another screen. */
function GoToState({
  icon,
  title,
  to,
  label,
  children,
}: {
  icon: IconName;
  title: string;
  to: ScreenId;
  label: string;
  children?: ReactNode;
}) {
  const app = useApp();
  return (
    <EmptyState
      icon={icon}
      title={title}
      actions={
        <button type="button" className="btn btn-primary" onClick={() => app.go(to)}>
          {label}
        </button>
      }
    >
      {children}
    </EmptyState>
  );
}

/**
 * The empty state of every screen that works on a snapshot while the district has none (or not enough): what the
 * screen would show, and one way to the Pull screen.
 */
export function NoSnapshotState({
  icon = 'download',
  title,
  children,
}: {
  icon?: IconName;
  title: string;
  children?: ReactNode;
}) {
  return (
    <GoToState icon={icon} title={title} to="pull" label="Go to Pull">
      {children}
    </GoToState>
  );
}

/** The empty state of every per-district screen before a district exists: one way back to Districts. */
export function NoDistrictState({
  icon,
  title,
  children,
}: {
  icon: IconName;
  title: string;
  children?: ReactNode;
}) {
  return (
    <GoToState icon={icon} title={title} to="profiles" label="Go to Districts">
      {children}
    </GoToState>
  );
}
