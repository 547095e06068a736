import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type ConsoleConfig } from './App';

async function start(): Promise<void> {
  const config = (await fetch('/console-config.json').then((r) => r.json())) as ConsoleConfig;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}

void start();
