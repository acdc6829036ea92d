import type { EntityType } from '../../../shared/rules/finding';
import type { CanvasStatus, SkippedGroup } from '../../../shared/plan/types';

const EXAMPLES = 5;

/** Counts the OneRoster records the plan leaves out, per (entity type, reason), keeping a few example ids. */
export class SkipCollector {
  private readonly groups = new Map<string, SkippedGroup>();

  add(entityType: EntityType, reason: string, sourcedId: string): void {
    const key = `${entityType}\u0000${reason}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { entityType, reason, count: 0, examples: [] };
      this.groups.set(key, group);
    }
    group.count++;
    if (group.examples.length < EXAMPLES) group.examples.push(sourcedId);
  }

  /** Sorted by entity type, then reason; examples sorted. */
  list(): SkippedGroup[] {
    return [...this.groups.values()]
      .map((g) => ({ ...g, examples: [...g.examples].sort(compareStrings) }))
      .sort((a, b) => compareStrings(a.entityType, b.entityType) || compareStrings(a.reason, b.reason));
  }
}

/**
 * One shared, frozen array per distinct list of option names: provenance costs a pointer per row, not an array.
 */
export class OptionLists {
  private readonly cache = new Map<string, readonly string[]>();

  of(...names: string[]): readonly string[] {
    const key = names.join('\u0000');
    let list = this.cache.get(key);
    if (!list) {
      list = Object.freeze([...names]);
      this.cache.set(key, list);
    }
    return list;
  }
}

/** Interns repeated strings (dates, roles) so a million rows share a few hundred string objects. */
export class Interner {
  private readonly map = new Map<string, string>();
  of(value: string): string {
    const known = this.map.get(value);
    if (known !== undefined) return known;
    this.map.set(value, value);
    return value;
  }
}

/** Plain code-unit order: locale-independent, so plans are byte-identical everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function statusOf(active: boolean): CanvasStatus {
  return active ? 'active' : 'deleted';
}
