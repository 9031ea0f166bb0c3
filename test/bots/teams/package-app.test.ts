import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors.ts';
import { buildAppPackage, writeAppPackage } from '../../../bots/teams/package-app.ts';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-teams-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const pyRead = `
import sys, zipfile, json, struct
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
out = {}
for info in z.infolist():
    data = z.read(info.filename)
    if info.filename.endswith('.png'):
        out[info.filename] = list(struct.unpack('>II', data[16:24]))
    else:
        out[info.filename] = json.loads(data)
print(json.dumps(out))
`;

describe('Teams app package', () => {
  it('is a zip that unzip lists with manifest.json and both icons at the root', async () => {
    const file = await writeAppPackage({ appId: APP_ID, outFile: path.join(dir, 'a.zip') });
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    for (const name of ['manifest.json', 'color.png', 'outline.png']) expect(listing).toMatch(new RegExp(`\\s${name.replace('.', '\\.')}\\n`));
  });

  it("python's zipfile reads it with matching CRCs; the manifest carries the app id and the icons have Teams' sizes", async () => {
    const file = await writeAppPackage({ appId: APP_ID.toUpperCase(), version: '1.2.3', outFile: path.join(dir, 'b.zip') });
    const read = JSON.parse(execFileSync('python3', ['-c', pyRead, file], { encoding: 'utf8' }));
    expect(read['manifest.json'].id).toBe(APP_ID);
    expect(read['manifest.json'].bots[0].botId).toBe(APP_ID);
    expect(read['manifest.json'].version).toBe('1.2.3');
    expect(read['color.png']).toEqual([192, 192]);
    expect(read['outline.png']).toEqual([32, 32]);
  });

  it('the same inputs give the same bytes', async () => {
    expect((await buildAppPackage({ appId: APP_ID })).equals(await buildAppPackage({ appId: APP_ID }))).toBe(true);
  });

  it('an app id that is not a GUID is refused with a message naming it', async () => {
    await expect(buildAppPackage({ appId: 'my-bot' })).rejects.toThrow(ValidationError);
    await expect(buildAppPackage({ appId: 'my-bot' })).rejects.toThrow(/"my-bot"/);
  });
});
