import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './i18n';
import { setUnauthorizedHandler } from './api/client';
import { AppProviders } from './components/AppProviders';
import { loginPath } from './components/loginPath';
import { router } from './router';

// A 401 from any call (an expired or revoked session) sends the user to the login page, keeping the way back.
setUnauthorizedHandler(() => {
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  void router.navigate(loginPath(pathname, search), { replace: true });
});

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
