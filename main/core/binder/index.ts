/** Public API of the binder: profiles, the print-HTML renderer and its input types. */
export { PROFILES, PROFILE_NAMES, profileByName, type BinderProfile, type ProfileName, type SectionKind } from './profiles';
export { BINDER_CSP, prepareBinder, renderBinder, renderSections, resolveProfile, type PreparedBinder } from './render';
export type { BinderInput, BinderVersion, Signoff } from './types';
