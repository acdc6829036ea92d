import { describe, expect, it } from 'vitest';
import { fx } from '../../../test-support/snapshot-fixture';
import { byId, cleanDistrict, districtWith, evaluate, ids, only, orgRef } from './helpers';

describe('ORG-NO-DISTRICT', () => {
  it('reports a feed without a district org once, about the orgs collection', () => {
    const d = districtWith((x) => {
      byId(x.orgs, 'DIST').type = 'local';
    });
    const found = only(evaluate({ ...d }), 'ORG-NO-DISTRICT');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'blocker',
      entityType: 'org',
      sourcedId: '/orgs',
      detail: { districts: [], roots: ['DIST'], orgTypes: { local: 1, school: 2 } },
    });
    expect(found[0]!.message).toBe(
      'The feed has no org of type district (3 orgs: 1 local, 2 school); Canvas needs one root account',
    );
  });

  it('names every competing root: a second district and a parentless state org', () => {
    const d = districtWith((x) => {
      x.orgs.push(
        fx.org('DIST-2', { type: 'district', name: 'Other district' }),
        fx.org('STATE', { type: 'state' }),
      );
    });
    const found = only(evaluate({ ...d }), 'ORG-NO-DISTRICT');
    expect(ids(found)).toEqual(['org:DIST', 'org:DIST-2', 'org:STATE']);
    expect(found[0]!.message).toBe(
      'District DIST is one of 2 district orgs (DIST and DIST-2); Canvas has one root account',
    );
    expect(found[2]!.message).toBe(
      'Org STATE (state) has no parent, so the feed has 3 root orgs (DIST, DIST-2 and STATE); Canvas has one root account',
    );
    expect(found[2]!.related).toEqual([
      { entityType: 'org', sourcedId: 'DIST' },
      { entityType: 'org', sourcedId: 'DIST-2' },
    ]);
  });

  it('accepts several roots once the root org is chosen in the mapping options', () => {
    const d = districtWith((x) => {
      x.orgs.push(fx.org('DIST-2', { type: 'district' }));
    });
    expect(only(evaluate({ ...d }, { rootOrgId: 'DIST' }), 'ORG-NO-DISTRICT')).toEqual([]);
  });

  it('is silent with one district (under a state org) and schools under it', () => {
    const d = districtWith((x) => {
      x.orgs.push(fx.org('STATE', { type: 'state' }));
      byId(x.orgs, 'DIST').parent = orgRef('STATE');
    });
    expect(only(evaluate({ ...d }), 'ORG-NO-DISTRICT')).toEqual([]);
  });
});

describe('ORG-CYCLE', () => {
  it('reports every org on the loop, with the chain', () => {
    const d = districtWith((x) => {
      byId(x.orgs, 'DIST').parent = orgRef('SCH-A');
    });
    const found = only(evaluate({ ...d }), 'ORG-CYCLE');
    expect(ids(found)).toEqual(['org:DIST', 'org:SCH-A']);
    expect(found[0]).toMatchObject({
      severity: 'blocker',
      message: 'The parent chain of org DIST loops: DIST → SCH-A → DIST',
      detail: { parentId: 'SCH-A', cycle: ['DIST', 'SCH-A'] },
      related: [{ entityType: 'org', sourcedId: 'SCH-A' }],
    });
    // SCH-B hangs under the loop without being on it: the loop is the thing to fix.
    expect(ids(evaluate({ ...d }).filter((f) => f.sourcedId === 'SCH-B'))).toEqual([]);
  });

  it('reports an org that is its own parent', () => {
    const d = districtWith((x) => {
      byId(x.orgs, 'SCH-B').parent = orgRef('SCH-B');
    });
    expect(ids(only(evaluate({ ...d }), 'ORG-CYCLE'))).toEqual(['org:SCH-B']);
  });

  it('is silent on a tree', () => {
    expect(only(evaluate({ ...cleanDistrict() }), 'ORG-CYCLE')).toEqual([]);
  });
});

describe('ORG-SCHOOL-NO-PARENT', () => {
  it('reports a school with no parent, and one whose chain never reaches a district', () => {
    const d = districtWith((x) => {
      delete byId(x.orgs, 'SCH-A').parent;
      x.orgs.push(fx.org('REGION', { type: 'local' }));
      byId(x.orgs, 'SCH-B').parent = orgRef('REGION');
    });
    const found = evaluate({ ...d });
    expect(ids(only(found, 'ORG-SCHOOL-NO-PARENT'))).toEqual(['org:SCH-A', 'org:SCH-B']);
    const [a, b] = only(found, 'ORG-SCHOOL-NO-PARENT');
    expect(a).toMatchObject({
      severity: 'warning',
      message: 'School SCH-A (Org SCH-A) has no parent org; it should belong to the district',
      detail: { parentId: null },
    });
    expect(b).toMatchObject({ detail: { parentId: 'REGION', chain: ['REGION'] } });
    // A parentless school lands under the root account: it does not compete with the district for the root.
    expect(ids(only(found, 'ORG-NO-DISTRICT'))).toEqual(['org:DIST', 'org:REGION']);
  });

  it('is silent for schools under the district, also through an intermediate org', () => {
    const d = districtWith((x) => {
      x.orgs.push(fx.org('REGION', { type: 'local', parent: orgRef('DIST') }));
      byId(x.orgs, 'SCH-B').parent = orgRef('REGION');
    });
    expect(only(evaluate({ ...d }), 'ORG-SCHOOL-NO-PARENT')).toEqual([]);
  });

  it('leaves a parent missing from the feed to OR-REF-MISSING', () => {
    const d = districtWith((x) => {
      byId(x.orgs, 'SCH-B').parent = orgRef('NOWHERE');
    });
    const found = evaluate({ ...d });
    expect(only(found, 'ORG-SCHOOL-NO-PARENT')).toEqual([]);
    expect(ids(only(found, 'OR-REF-MISSING'))).toEqual(['org:SCH-B']);
  });
});
