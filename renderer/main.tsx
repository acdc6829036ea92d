import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startJobTracking } from './app/jobs';
import './styles/tokens.css';
import './styles/app.css';
import './styles/controls.css';
import './styles/screens.css';
import './styles/verify.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

if (typeof window.api?.invoke !== 'function') {
  // Opened outside the app (e.g. in a plain browser): there is no bridge to talk to.
  root.render(<p style={{ padding: 24 }}>Roster Preflight must be opened from the desktop app.</p>);
} else {
  startJobTracking();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
