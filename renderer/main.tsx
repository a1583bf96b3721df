import { createRoot } from 'react-dom/client';
import { getBridge } from './api/bridge';
import { App } from './app/App';
import './styles/index.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App api={getBridge()} />);
