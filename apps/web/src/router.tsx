import { lazy } from 'react';
import { Navigate, createBrowserRouter } from 'react-router';
import { LazyPage } from './components/LazyPage';
import { RequireRole } from './components/RequireRole';
import { RouteError } from './components/ResultPages';
import { ADMIN_ONLY } from './components/nav';
import type { RouteHandle } from './components/routeHandle';

const AppLayout = lazy(() => import('./components/AppLayout'));
const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const HomePage = lazy(() => import('./features/home/HomePage'));
const UsersPage = lazy(() => import('./features/identity/UsersPage'));
const TokensPage = lazy(() => import('./features/identity/TokensPage'));
const SettingsPage = lazy(() => import('./features/platform/SettingsPage'));
const SystemPage = lazy(() => import('./features/platform/SystemPage'));
const NotFoundPage = lazy(() => import('./features/shell/NotFoundPage'));

const crumb = (key: RouteHandle['crumb'], link = true): RouteHandle => ({ crumb: key, link });

export const router = createBrowserRouter([
  {
    path: '/login',
    errorElement: <RouteError />,
    element: (
      <LazyPage fullScreen>
        <LoginPage />
      </LazyPage>
    ),
  },
  {
    path: '/',
    errorElement: <RouteError />,
    element: (
      <LazyPage fullScreen>
        <AppLayout />
      </LazyPage>
    ),
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            handle: crumb('nav.home'),
            element: (
              <LazyPage>
                <HomePage />
              </LazyPage>
            ),
          },
          {
            path: 'admin',
            handle: crumb('nav.admin', false),
            element: <RequireRole roles={ADMIN_ONLY} />,
            children: [
              { index: true, element: <Navigate to="users" replace /> },
              {
                path: 'users',
                handle: crumb('nav.users'),
                element: (
                  <LazyPage>
                    <UsersPage />
                  </LazyPage>
                ),
              },
              {
                path: 'tokens',
                handle: crumb('nav.tokens'),
                element: (
                  <LazyPage>
                    <TokensPage />
                  </LazyPage>
                ),
              },
              {
                path: 'settings',
                handle: crumb('nav.settings'),
                element: (
                  <LazyPage>
                    <SettingsPage />
                  </LazyPage>
                ),
              },
            ],
          },
          {
            path: 'system',
            handle: crumb('nav.system'),
            element: (
              <LazyPage>
                <SystemPage />
              </LazyPage>
            ),
          },
          {
            path: '*',
            handle: crumb('nav.notFound'),
            element: (
              <LazyPage>
                <NotFoundPage />
              </LazyPage>
            ),
          },
        ],
      },
    ],
  },
]);
