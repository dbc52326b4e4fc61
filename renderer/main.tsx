import './csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { TransportProvider } from './api/context';
import { createTransport } from './api/transport';
import './styles.css';
import './console.css';
import './operator.css';
import './accounting.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <TransportProvider transport={createTransport()}>
      <App />
    </TransportProvider>
  </StrictMode>,
);
