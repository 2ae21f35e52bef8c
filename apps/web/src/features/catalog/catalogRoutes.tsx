import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import type { AgreementKind } from '@gendan/contracts';
import { LazyPage } from '../../components/LazyPage';
import { RequireRole } from '../../components/RequireRole';
import { STAFF_ROLES } from '../../components/nav';
import type { RouteHandle } from '../../components/routeHandle';
import { AGREEMENT_SEGMENT } from './routes';

const CustomersPage = lazy(() => import('./CustomersPage'));
const ProductsPage = lazy(() => import('./ProductsPage'));
const AgreementsPage = lazy(() => import('./AgreementsPage'));
const AgreementEditPage = lazy(() => import('./AgreementEditPage'));

const crumb = (key: RouteHandle['crumb'], link = true): RouteHandle => ({ crumb: key, link });

const AGREEMENT_CRUMBS: Record<AgreementKind, RouteHandle['crumb']> = {
  contract: 'catalog.nav.contracts',
  price_list: 'catalog.nav.priceLists',
  quotation: 'catalog.nav.quotations',
};

function agreementRoutes(kind: AgreementKind): RouteObject {
  return {
    path: AGREEMENT_SEGMENT[kind],
    handle: crumb(AGREEMENT_CRUMBS[kind]),
    children: [
      {
        index: true,
        element: (
          <LazyPage>
            <AgreementsPage kind={kind} />
          </LazyPage>
        ),
      },
      {
        path: 'new',
        handle: crumb('catalog.nav.new'),
        element: (
          <LazyPage>
            <AgreementEditPage key={`${kind}:new`} kind={kind} />
          </LazyPage>
        ),
      },
      {
        path: ':id',
        handle: crumb('catalog.nav.detail'),
        element: (
          <LazyPage>
            {/* keyed by kind, so switching kinds never reuses a form */}
            <AgreementEditPage key={kind} kind={kind} />
          </LazyPage>
        ),
      },
    ],
  };
}

/** `/catalog/...`: master data for staff (the server checks again, and who may edit). */
export const catalogRoute: RouteObject = {
  path: 'catalog',
  handle: crumb('catalog.nav.masterData', false),
  element: <RequireRole roles={STAFF_ROLES} />,
  children: [
    { index: true, element: <Navigate to="customers" replace /> },
    {
      path: 'customers',
      handle: crumb('catalog.nav.customers'),
      element: (
        <LazyPage>
          <CustomersPage />
        </LazyPage>
      ),
    },
    {
      path: 'products',
      handle: crumb('catalog.nav.products'),
      element: (
        <LazyPage>
          <ProductsPage />
        </LazyPage>
      ),
    },
    agreementRoutes('contract'),
    agreementRoutes('price_list'),
    agreementRoutes('quotation'),
  ],
};
