export { StudioService, type StudioServiceOptions } from './studio-service';
export type { PrintFn } from '../pdf';
export { errorStatus } from './errors';
