// Zod-free constants from the contracts package: importing them does not load the schemas.
export { LANGUAGES, ROLES } from '@gendan/contracts/constants';
