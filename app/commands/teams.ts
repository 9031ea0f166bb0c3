import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

export const teamsCommand: Command = {
  name: 'teams',
  usage: 'teams package [--app-id <id>] [--version <x.y.z>] [--out <file.zip>]',
  summary: 'Build the Microsoft Teams app package (manifest + icons) for your Azure Bot app id.',
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'package') throw new ValidationError('Usage: salesos teams package [--app-id <id>] [--version <x.y.z>] [--out <file.zip>]');
    const { values } = parseOptions(rest, { 'app-id': { type: 'string' }, version: { type: 'string' }, out: { type: 'string' } });
    const appId = values['app-id'] ?? (await import('../runtime.ts')).loadRuntimeConfig().teams.appId;
    if (!appId) throw new ValidationError('Pass --app-id <your Azure Bot app id> or set MICROSOFT_APP_ID.');
    const { writeAppPackage } = await import('../../bots/teams/package-app.ts');
    const file = await writeAppPackage({ appId, version: values.version, outFile: values.out });
    process.stdout.write(`Wrote ${file}. In Teams: Apps → Manage your apps → Upload a custom app, and pick this file.\n`);
    return 0;
  },
};
