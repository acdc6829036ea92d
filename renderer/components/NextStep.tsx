import type { ScreenId } from '../app/screens';
import { useApp } from '../app/state';
import { Icon } from './Icon';

/** The one thing to do next, at the end of a screen: a sentence and a button to the screen that does it. */
export function NextStep({
  text,
  action,
  screen,
  onAction,
}: {
  text: string;
  action: string;
  screen?: ScreenId;
  onAction?: () => void;
}) {
  const app = useApp();
  return (
    <section className="panel next-step" aria-label="Next step" data-testid="next-step">
      <Icon name="info" size={18} />
      <p>
        <strong>Next:</strong> {text}
      </p>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => (onAction ? onAction() : screen && app.go(screen))}
      >
        {action}
      </button>
    </section>
  );
}
