import { createRoot } from 'react-dom/client';
import { getBridge } from './api/bridge';
import { App } from './app/App';
import './styles/index.css';

const root = document.getElementById('root');
if (root) {
  const api = getBridge();
  // Asked before React starts, so the answer (large at ten thousand connections) is on its way meanwhile.
  const firstSnapshot = api.getSnapshot();
  // Its failure is shown once the window awaits it; until then it must not count as unhandled.
  firstSnapshot.catch(() => {});
  createRoot(root).render(<App api={api} firstSnapshot={firstSnapshot} />);
}
