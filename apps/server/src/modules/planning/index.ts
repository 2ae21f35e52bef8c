/** Public API of the planning module: the one interface for feasible delivery dates. */
export { earliestFeasibleDates, type FeasibleDateRequest, type FeasibleLine } from './planning.service';
export { DEFAULT_SHIPPING_MODE } from './planning.ctp';
export { planningRoutes } from './planning.routes';
