import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client, newOrder } from '../testing/http.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p?.close());

describe('hash-chained audit log', () => {
  it('records every change and verifies as an unbroken chain', async () => {
    const agent = client(p.app, await p.login('agent'));
    await agent.post('/api/v1/work-orders', newOrder());
    const auditor = client(p.app, await p.login('auditor'));
    const v = await auditor.post('/api/v1/audit/verify');
    expect(v.body).toMatchObject({ ok: true });
    expect(v.body.checked).toBeGreaterThan(3);
    const list = (await auditor.get('/api/v1/audit?entity=workOrder')).body;
    expect(list.items.map((i: { action: string }) => i.action)).toContain('workOrder.register');
  });

  it('the database refuses updates and deletes of audit rows', async () => {
    await p.ctx.audit.seal();
    await expect(p.ctx.db.query("UPDATE audit_log SET action = 'forged' WHERE chain_seq = 1")).rejects.toThrow(/sealed|append-only/);
    await expect(p.ctx.db.query('DELETE FROM audit_log WHERE chain_seq = 1')).rejects.toThrow(/append-only/);
  });

  it('detects tampering done behind the trigger’s back', async () => {
    await p.ctx.audit.seal();
    await p.ctx.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await p.ctx.db.query("UPDATE audit_log SET detail = '{\"forged\":true}' WHERE chain_seq = 2");
    await p.ctx.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    expect(await p.ctx.audit.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('only auditors and admins read the audit log', async () => {
    expect((await client(p.app, await p.login('dispatcher')).get('/api/v1/audit')).status).toBe(403);
  });
});
