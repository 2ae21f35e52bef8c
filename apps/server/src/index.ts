export { buildApp, type App, type BuildOptions } from './app';
export { loadConfig, ConfigError, type Config } from './config';
export { openDatabase, migrateToLatest, type Database } from './db/database';
