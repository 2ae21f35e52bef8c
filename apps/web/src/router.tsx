import { lazy } from 'react';
import { Navigate, createBrowserRouter } from 'react-router';
import { LazyPage } from './components/LazyPage';
import { RequireRole } from './components/RequireRole';
import { RouteError } from './components/ResultPages';
import { ADMIN_ONLY, ORDER_LIST_ROLES, ORDER_ROLES } from './components/nav';
import type { RouteHandle } from './components/routeHandle';
import { catalogRoute } from './features/catalog/catalogRoutes';

const AppLayout = lazy(() => import('./components/AppLayout'));
const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const HomePage = lazy(() => import('./features/home/HomePage'));
const UsersPage = lazy(() => import('./features/identity/UsersPage'));
const TokensPage = lazy(() => import('./features/identity/TokensPage'));
const SettingsPage = lazy(() => import('./features/platform/SettingsPage'));
const SystemPage = lazy(() => import('./features/platform/SystemPage'));
const NotFoundPage = lazy(() => import('./features/shell/NotFoundPage'));
const OrdersPage = lazy(() => import('./features/orders/OrdersPage'));
const OrderDetailPage = lazy(() => import('./features/orders/OrderDetailPage'));
const OrderFormPage = lazy(() => import('./features/orders/OrderFormPage'));
const ReviewQueuePage = lazy(() => import('./features/orders/ReviewQueuePage'));
const OrderImportPage = lazy(() => import('./features/orders/OrderImportPage'));

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
            path: 'orders',
            handle: crumb('orders.nav.orders'),
            element: <RequireRole roles={ORDER_LIST_ROLES} />,
            children: [
              {
                index: true,
                element: (
                  <LazyPage>
                    <OrdersPage />
                  </LazyPage>
                ),
              },
              {
                element: <RequireRole roles={ORDER_ROLES} />,
                children: [
                  {
                    path: 'review-queue',
                    handle: crumb('orders.nav.reviewQueue'),
                    element: (
                      <LazyPage>
                        <ReviewQueuePage />
                      </LazyPage>
                    ),
                  },
                  {
                    path: 'import',
                    handle: crumb('orders.nav.import'),
                    element: (
                      <LazyPage>
                        <OrderImportPage />
                      </LazyPage>
                    ),
                  },
                  {
                    path: 'new',
                    handle: crumb('orders.nav.new'),
                    element: (
                      <LazyPage>
                        <OrderFormPage />
                      </LazyPage>
                    ),
                  },
                ],
              },
              {
                path: ':id',
                handle: crumb('orders.nav.detail'),
                children: [
                  {
                    index: true,
                    element: (
                      <LazyPage>
                        <OrderDetailPage />
                      </LazyPage>
                    ),
                  },
                  {
                    path: 'edit',
                    handle: crumb('orders.nav.edit'),
                    element: <RequireRole roles={ORDER_ROLES} />,
                    children: [
                      {
                        index: true,
                        element: (
                          <LazyPage>
                            <OrderFormPage />
                          </LazyPage>
                        ),
                      },
                    ],
                  },
                ],
              },
            ],
          },
          catalogRoute,
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
