import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipOf, tempDir } from '../canvas-csv/helpers';
import { canvasDouble, sendImport, TOKEN } from './http';
import { emptyCanvas, login } from './world';

/**
 * After the double applied an import, its read APIs serve the changed Canvas, as the provisioning report does
 * (a baseline fetched via the API after a sync must see the users the sync created).
 */

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function userLogins(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/v1/accounts/1/users?per_page=100`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as Array<{ login_id: string }>).map((u) => u.login_id).sort();
}

describe('Canvas double read APIs after an import', () => {
  it('list a user the import created and drop a user it deleted', async () => {
    const canvas = emptyCanvas();
    canvas.users.push(login('OLD-1', 'ann'), login('OLD-2', 'bob'));
    const double = await canvasDouble(canvas);
    try {
      expect(await userLogins(double.url)).toEqual(['ann', 'bob']);
      const zip = join(tmp.dir, 'users.zip');
      await writeFile(
        zip,
        await zipOf({
          'users.csv':
            'user_id,login_id,first_name,last_name,email,status\n' +
            'NEW-1,cy,Cy,New,,active\n' +
            'OLD-2,bob,Bob,Old,,deleted\n',
        }),
      );
      const res = await sendImport(double.url, zip, { import_type: 'instructure_csv', extension: 'zip' });
      expect(res.workflowState).toMatch(/^imported/);
      expect(await userLogins(double.url)).toEqual(['ann', 'cy']);
    } finally {
      await double.close();
    }
  });
});
