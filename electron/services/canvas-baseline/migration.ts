import type Database from 'better-sqlite3';

/**
 * Schema of the Canvas baseline tables (snapshot database migration 4). Released SQL: never edit, append a new
 * migration instead. Written out literally so later changes to the shared schemas cannot alter it.
 *
 * Lookup columns the conversion rules join on are indexed per baseline: SIS ids, Canvas ids, and for users the
 * lower-cased login and email (Canvas matches logins case-insensitively), plus integration_id.
 */
export function createCanvasBaselineTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE canvas_baselines (
      id TEXT PRIMARY KEY,
      profile_id TEXT,
      source TEXT NOT NULL CHECK (source IN ('report', 'api')),
      status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed')),
      fetched_at TEXT NOT NULL,
      finished_at TEXT,
      canvas_url TEXT,
      root_account_id TEXT,
      counts TEXT,
      error TEXT
    );
    CREATE INDEX canvas_baselines_profile ON canvas_baselines(profile_id, status, fetched_at);

    CREATE TABLE canvas_accounts (
      baseline_id TEXT NOT NULL REFERENCES canvas_baselines(id) ON DELETE CASCADE,
      canvas_account_id TEXT NOT NULL, account_id TEXT NOT NULL, canvas_parent_id TEXT NOT NULL,
      parent_account_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, created_by_sis INTEGER NOT NULL
    );
    CREATE INDEX canvas_accounts_canvas_id ON canvas_accounts(baseline_id, canvas_account_id);
    CREATE INDEX canvas_accounts_sis_id ON canvas_accounts(baseline_id, account_id);

    CREATE TABLE canvas_terms (
      baseline_id TEXT NOT NULL REFERENCES canvas_baselines(id) ON DELETE CASCADE,
      canvas_term_id TEXT NOT NULL, term_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
      start_date TEXT NOT NULL, end_date TEXT NOT NULL, created_by_sis INTEGER NOT NULL
    );
    CREATE INDEX canvas_terms_canvas_id ON canvas_terms(baseline_id, canvas_term_id);
    CREATE INDEX canvas_terms_sis_id ON canvas_terms(baseline_id, term_id);

    CREATE TABLE canvas_courses (
      baseline_id TEXT NOT NULL REFERENCES canvas_baselines(id) ON DELETE CASCADE,
      canvas_course_id TEXT NOT NULL, course_id TEXT NOT NULL, integration_id TEXT NOT NULL,
      short_name TEXT NOT NULL, long_name TEXT NOT NULL, canvas_account_id TEXT NOT NULL, account_id TEXT NOT NULL,
      canvas_term_id TEXT NOT NULL, term_id TEXT NOT NULL, status TEXT NOT NULL, start_date TEXT NOT NULL,
      end_date TEXT NOT NULL, created_by_sis INTEGER NOT NULL
    );
    CREATE INDEX canvas_courses_canvas_id ON canvas_courses(baseline_id, canvas_course_id);
    CREATE INDEX canvas_courses_sis_id ON canvas_courses(baseline_id, course_id);
    CREATE INDEX canvas_courses_term ON canvas_courses(baseline_id, canvas_term_id);

    CREATE TABLE canvas_sections (
      baseline_id TEXT NOT NULL REFERENCES canvas_baselines(id) ON DELETE CASCADE,
      canvas_section_id TEXT NOT NULL, section_id TEXT NOT NULL, canvas_course_id TEXT NOT NULL,
      course_id TEXT NOT NULL, integration_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
      start_date TEXT NOT NULL, end_date TEXT NOT NULL, canvas_nonxlist_course_id TEXT NOT NULL,
      nonxlist_course_id TEXT NOT NULL, created_by_sis INTEGER NOT NULL
    );
    CREATE INDEX canvas_sections_canvas_id ON canvas_sections(baseline_id, canvas_section_id);
    CREATE INDEX canvas_sections_sis_id ON canvas_sections(baseline_id, section_id);
    CREATE INDEX canvas_sections_course ON canvas_sections(baseline_id, canvas_course_id);
    CREATE INDEX canvas_sections_xlisted ON canvas_sections(baseline_id, canvas_nonxlist_course_id)
      WHERE canvas_nonxlist_course_id <> '';

    CREATE TABLE canvas_users (
      baseline_id TEXT NOT NULL REFERENCES canvas_baselines(id) ON DELETE CASCADE,
      canvas_user_id TEXT NOT NULL, user_id TEXT NOT NULL, integration_id TEXT NOT NULL,
      authentication_provider_id TEXT NOT NULL, login_id TEXT NOT NULL, first_name TEXT NOT NULL,
      last_name TEXT NOT NULL, full_name TEXT NOT NULL, sortable_name TEXT NOT NULL, email TEXT NOT NULL,
      status TEXT NOT NULL, created_by_sis INTEGER NOT NULL,
      login_id_lower TEXT NOT NULL, email_lower TEXT NOT NULL
    );
    CREATE INDEX canvas_users_canvas_id ON canvas_users(baseline_id, canvas_user_id);
    CREATE INDEX canvas_users_sis_id ON canvas_users(baseline_id, user_id);
    CREATE INDEX canvas_users_login ON canvas_users(baseline_id, login_id_lower);
    CREATE INDEX canvas_users_integration_id ON canvas_users(baseline_id, integration_id) WHERE integration_id <> '';
    CREATE INDEX canvas_users_email ON canvas_users(baseline_id, email_lower) WHERE email_lower <> '';

    CREATE TABLE canvas_enrollments (
      baseline_id TEXT NOT NULL REFERENCES canvas_baselines(id) ON DELETE CASCADE,
      canvas_enrollment_id TEXT NOT NULL, canvas_course_id TEXT NOT NULL, course_id TEXT NOT NULL,
      canvas_section_id TEXT NOT NULL, section_id TEXT NOT NULL, canvas_user_id TEXT NOT NULL,
      user_id TEXT NOT NULL, role TEXT NOT NULL, base_role_type TEXT NOT NULL, status TEXT NOT NULL,
      canvas_associated_user_id TEXT NOT NULL, associated_user_id TEXT NOT NULL, created_by_sis INTEGER NOT NULL
    );
    CREATE INDEX canvas_enrollments_canvas_id ON canvas_enrollments(baseline_id, canvas_enrollment_id);
    CREATE INDEX canvas_enrollments_course ON canvas_enrollments(baseline_id, canvas_course_id, status);
    CREATE INDEX canvas_enrollments_section ON canvas_enrollments(baseline_id, canvas_section_id);
    CREATE INDEX canvas_enrollments_user ON canvas_enrollments(baseline_id, canvas_user_id);
    CREATE INDEX canvas_enrollments_sis_user ON canvas_enrollments(baseline_id, user_id);
    CREATE INDEX canvas_enrollments_sis_course ON canvas_enrollments(baseline_id, course_id);
  `);
}
