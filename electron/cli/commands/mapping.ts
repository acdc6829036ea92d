import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ServiceError } from '../../../shared/errors';
import type { CliContext } from '../context';
import { withDataDir } from '../program';

interface MappingOptionsFlags {
  dataDir?: string;
  profile: string;
  file?: string;
}

/** `preflight mapping show|set --profile NAME [--file FILE.json]`: a district's stored mapping options. */
export function register(program: Command, ctx: CliContext): void {
  const mapping = program.command('mapping').description("a district's Canvas mapping options");

  withDataDir(
    mapping
      .command('show')
      .description('print the stored mapping options (every option, defaults filled in) as JSON'),
  )
    .requiredOption('--profile <name>', 'district profile')
    .action(async (opts: MappingOptionsFlags) => {
      const services = ctx.services(opts.dataDir);
      const profile = await services.profiles.resolve(opts.profile);
      ctx.out(JSON.stringify(services.settings.getMapping(profile.id), null, 2));
    });

  withDataDir(
    mapping
      .command('set')
      .description('replace the stored mapping options with a JSON file (missing keys take defaults)'),
  )
    .requiredOption('--profile <name>', 'district profile')
    .requiredOption('--file <file>', 'JSON file of mapping options ("-" reads stdin)')
    .action(async (opts: MappingOptionsFlags & { file: string }) => {
      const services = ctx.services(opts.dataDir);
      const profile = await services.profiles.resolve(opts.profile);
      const text = opts.file === '-' ? await ctx.readStdin() : readText(opts.file);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ServiceError(
          'mapping_file_invalid',
          `${opts.file} is not valid JSON.`,
          'Start from `preflight mapping show --profile NAME > options.json`.',
        );
      }
      const saved = await services.settings.setMapping(profile.id, json);
      ctx.out(JSON.stringify(saved, null, 2));
      ctx.err(`Saved the mapping options of "${profile.name}".`);
    });
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ServiceError(
      'mapping_file_unreadable',
      `Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Check the path.',
    );
  }
}
