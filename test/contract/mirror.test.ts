/**
 * The contract keeps its own copies of a few core types so the renderer's bundle depends on nothing but
 * the contract. These checks fail when a copy drifts from the core: at run time for the lists, at
 * `npm run typecheck` (part of `npm test`) for the types.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { PERSON_ROLES as CONTRACT_ROLES, type Person as ContractPerson, type PersonRole as ContractRole } from '../../main/contract';
import type { Person as CorePerson } from '../../main/core/people/register';
import { PERSON_ROLES as CORE_ROLES, type PersonRole as CoreRole } from '../../main/core/people/roles';

describe('contract copies of core types', () => {
  it('lists the same person roles, in the same order', () => {
    expect([...CONTRACT_ROLES]).toEqual([...CORE_ROLES]);
    expectTypeOf<ContractRole>().toEqualTypeOf<CoreRole>();
  });

  it('describes a person as the register stores one, minus who created the record', () => {
    // Checked by the compiler (`npm run typecheck`), not at run time.
    expectTypeOf<ContractPerson>().toEqualTypeOf<Omit<CorePerson, 'createdBy'>>();
  });
});
