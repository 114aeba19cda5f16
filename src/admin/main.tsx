import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './admin.css';
import { initI18n } from './i18n.ts';
import { applyLocale, startingLocale } from './language.tsx';

const locale = startingLocale();
initI18n(locale);
applyLocale(locale);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App initialLocale={locale} />
    </StrictMode>,
  );
}
