export { parseProtocol, parseProtocolBytes, type ParsedProtocol } from './parse';
export type { RangeTarget } from './ranges';
export { LIMITS } from './limits';
export { tooLarge as tooLargeDiagnostic } from './prescan';
