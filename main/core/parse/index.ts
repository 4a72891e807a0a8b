export { parseProtocol, parseProtocolBytes, type ParsedProtocol } from './parse';
export { parseProtocolShared } from './shared';
export type { RangeTarget } from './ranges';
export { LIMITS } from './limits';
export { tooLarge as tooLargeDiagnostic } from './prescan';
