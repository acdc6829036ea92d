import { describe, expect, it } from 'vitest';
import {
  COLLECTIONS,
  OPTIONAL_COLLECTIONS,
  REQUIRED_COLLECTIONS,
  collectionByName,
  targetForPath,
} from '../../shared/oneroster/endpoints';

describe('OneRoster 1.1 collection table', () => {
  it('splits required and optional collections as verify and Canvas need', () => {
    expect(REQUIRED_COLLECTIONS.map((c) => c.name)).toEqual([
      'orgs',
      'schools',
      'academicSessions',
      'terms',
      'courses',
      'classes',
      'users',
      'students',
      'teachers',
      'enrollments',
    ]);
    expect(OPTIONAL_COLLECTIONS.map((c) => c.name)).toEqual(['gradingPeriods', 'demographics']);
    expect(COLLECTIONS.every((c) => c.path === `/${c.name}`)).toBe(true);
  });

  it('knows the spec envelope keys, kinds and vendor alternatives', () => {
    expect(collectionByName('terms')).toMatchObject({
      envelopeKey: 'academicSessions',
      singletonKey: 'academicSession',
      kind: 'academicSession',
      altEnvelopeKeys: ['terms'],
    });
    expect(collectionByName('students')).toMatchObject({
      envelopeKey: 'users',
      kind: 'user',
      altEnvelopeKeys: ['students'],
    });
    expect(collectionByName('schools')).toMatchObject({ envelopeKey: 'orgs', kind: 'org' });
    expect(collectionByName('demographics')).toMatchObject({
      singletonKey: 'demographics',
      altEnvelopeKeys: ['demographic'],
      scope: 'roster-demographics.readonly',
    });
    expect(collectionByName('widgets')).toBeUndefined();
  });

  it('maps request paths, nested "for" endpoints and singletons to what they return', () => {
    expect(targetForPath('/schools/s1/classes')?.def.name).toBe('classes');
    expect(targetForPath('/classes/c1/students?limit=5')?.def.envelopeKey).toBe('users');
    expect(targetForPath('/terms/t1/gradingPeriods')?.def.envelopeKey).toBe('academicSessions');
    expect(targetForPath('/users/u1')).toMatchObject({ singleton: true, def: { singletonKey: 'user' } });
    expect(targetForPath('/')).toBeUndefined();
    expect(targetForPath('/whatever/x')).toBeUndefined();
  });
});
