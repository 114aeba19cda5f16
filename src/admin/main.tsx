import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './admin.css';
import { initI18n, loadCatalog } from './i18n.ts';
import { applyLocale, startingLocale } from './language.tsx';

const locale = startingLocale();
// Fetched beside the catalogue rather than after the first render: most first visits end on the
// login screen (the same module the router loads lazily, so it is fetched once).
void import('../features/users/admin/login.page.tsx');
void loadCatalog(locale).then((catalog) => {
  initI18n(locale, catalog);
  applyLocale(locale);
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App initialLocale={locale} />
      </StrictMode>,
    );
  }
});
