import type { RuleModule } from '../types';
import { iterate, showId } from './sql';

/** COURSE-NO-CLASS: an active course that no active class uses (nothing is created for it in Canvas). */
export const courseRules: RuleModule = {
  name: 'courses',
  ruleIds: ['COURSE-NO-CLASS'],
  run(ctx) {
    const rows = iterate<{
      sourced_id: string;
      title: string | null;
      course_code: string | null;
      dropped: number;
    }>(
      ctx.db,
      `SELECT co.sourced_id, co.title, co.course_code,
              (SELECT COUNT(*) FROM classes c WHERE c.snapshot_id = @s AND c.course_id = co.sourced_id) AS dropped
       FROM courses co
       WHERE co.snapshot_id = @s AND co.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM classes c
                         WHERE c.snapshot_id = @s AND c.course_id = co.sourced_id AND c.status = 'active')
       ORDER BY co.sourced_id`,
      { s: ctx.snapshotId },
    );
    for (const r of rows) {
      ctx.report({
        ruleId: 'COURSE-NO-CLASS',
        entityType: 'course',
        sourcedId: r.sourced_id,
        message: `Course ${showId(r.sourced_id)}${r.title ? ` "${r.title}"` : ''} has no ${r.dropped > 0 ? 'active ' : ''}classes${
          r.dropped > 0 ? ` (${r.dropped} marked tobedeleted)` : ''
        }; nothing is created for it in Canvas`,
        detail: { title: r.title, courseCode: r.course_code, tobedeletedClasses: r.dropped },
      });
    }
  },
};
