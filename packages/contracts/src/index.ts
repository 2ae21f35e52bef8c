export * from './common.schemas';
export * from './identity.schemas';
export * from './platform.schemas';
export * from './messages';
export * from './catalog.schemas';
export * from './orders.schemas';
