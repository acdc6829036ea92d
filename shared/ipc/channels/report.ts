import { z } from 'zod';
import { channel } from '../define';
import { PageSize, ReportFormat, ReportModel } from '../../report/model';

const ProfileId = z.string().min(1).max(100);
const PathText = z.string().min(1).max(4096);

/** Whether a format can be exported for this district right now, and if not, why (plain language). */
export const FormatAvailability = z.object({
  format: ReportFormat,
  available: z.boolean(),
  reason: z.string().nullable(),
});
export type FormatAvailability = z.infer<typeof FormatAvailability>;

/** What the Report screen shows before exporting: the report's content and its HTML (for the preview). */
export const ReportPreview = z.object({
  model: ReportModel,
  html: z.string(),
  formats: z.array(FormatAvailability),
});
export type ReportPreview = z.infer<typeof ReportPreview>;

export const ExportedReportFile = z.object({
  format: ReportFormat,
  path: z.string(),
  /** The file name alone (what the list shows). */
  name: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type ExportedReportFile = z.infer<typeof ExportedReportFile>;

export const reportChannels = {
  /**
   * The readiness report for the district's latest evaluation (null when nothing is evaluated yet;
   * `latestSnapshot` then says whether there is something to evaluate).
   */
  'report:preview': channel(
    z.object({ profileId: ProfileId, pageSize: PageSize.default('A4') }),
    z.object({
      preview: ReportPreview.nullable(),
      latestSnapshot: z
        .object({ id: z.string(), label: z.string(), finishedAt: z.string().nullable() })
        .nullable(),
    }),
  ),
  /**
   * Writes the chosen formats into `outDir`, which must come from `dialog:chooseFolder` in this app run (the
   * renderer never names arbitrary folders). Returns the written files in the order asked.
   */
  'report:export': channel(
    z.object({
      profileId: ProfileId,
      formats: z.array(ReportFormat).min(1).max(ReportFormat.options.length),
      pageSize: PageSize.default('A4'),
      outDir: PathText,
    }),
    z.object({ outDir: z.string(), files: z.array(ExportedReportFile) }),
  ),
  /** Shows a file this app run exported in the OS file manager (only those: never an arbitrary path). */
  'report:reveal': channel(z.object({ path: PathText }), z.object({ revealed: z.literal(true) })),
  /** The native "choose folder" dialog (where to export); null when the user cancels. */
  'dialog:chooseFolder': channel(
    z.object({ title: z.string().max(200).default('Choose a folder') }),
    z.object({ path: z.string().nullable() }),
  ),
};
