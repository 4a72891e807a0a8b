export * from './api';
export { RENDERER_CSP, SECURITY_HEADERS } from './csp';
