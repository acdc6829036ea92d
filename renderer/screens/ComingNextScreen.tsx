import type { ScreenInfo } from '../app/screens';
import { Icon } from '../components/Icon';

/** Later screens: say plainly that they are coming next and what they will do. */
export function ComingNextScreen({ screen }: { screen: ScreenInfo }) {
  return (
    <section className="coming-next" aria-labelledby="coming-next-title">
      <div className="empty-icon">
        <Icon name={screen.icon} size={28} />
      </div>
      <span className="pill pill-accent">Coming next</span>
      <h2 id="coming-next-title">{screen.label} is not available yet</h2>
      <p className="muted">{screen.summary} This screen will:</p>
      <ul className="coming-list">
        {(screen.comingNext ?? []).map((line) => (
          <li key={line}>
            <Icon name="tick" size={16} />
            <span>{line}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">Until then, add a district and run Verify to check its connection.</p>
    </section>
  );
}
