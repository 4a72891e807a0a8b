/** QI cycles as the protocol text records them, and edits to them that keep every other byte. */
export { addCycle, CycleEditError, cyclesOf, cycleText, nextCycle, QI_DECISIONS, removeCycle, setVersionLabel, updateCycle, type CycleChange, type NewCycle, type QiDecision, type TextCycle } from './cycles';
