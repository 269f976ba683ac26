// createMany, updateMany, deleteMany, the per-object batch (atomic and not) and the cross-object batchTransaction
// with { $ref: n }. Every test writes only records it created itself, with unique names.
import test from 'node:test';
import assert from 'node:assert/strict';
import { client, names, rejectsWith, unique } from './support.mjs';

const c = client('bulk-user');

/** Finds accounts by exact names (in any order), sorted by name. */
async function accountsNamed(list) {
  const page = await c.data.find('account', { where: ['name', 'in', list], orderBy: ['name'] });
  return page.records;
}

test('createMany posts a bare array and returns {object, records, count}', async () => {
  const list = [unique('ct-many-a'), unique('ct-many-b'), unique('ct-many-c')];
  const result = await c.data.createMany('account', list.map((name) => ({ name, employees: 5 })));
  assert.equal(result.object, 'account');
  assert.equal(result.count, 3);
  assert.deepEqual(names(result.records), list);
  for (const record of result.records) {
    assert.equal(typeof record.id, 'string');
    assert.equal(record.employees, 5);
    assert.ok(record.created_at);
  }

  assert.deepEqual(names(await accountsNamed(list)), [...list].sort());
});

test('createMany is all-or-nothing: one invalid row stores none', async () => {
  const good = unique('ct-many-good');
  await rejectsWith(c.data.createMany('account', [{ name: good }, { employees: -1 }]), 'VALIDATION_FAILED', 400);
  assert.deepEqual(await accountsNamed([good]), []);
});

test('updateMany returns a BatchUpdateResponse with the updated rows', async () => {
  const created = await c.data.createMany('account', [{ name: unique('ct-upd') }, { name: unique('ct-upd') }]);
  const ids = created.records.map((r) => r.id);
  const result = await c.data.updateMany('account', ids.map((id, i) => ({ id, data: { description: `row ${i}` } })));
  assert.equal(result.success, true);
  assert.equal(result.operation, 'update');
  assert.equal(result.total, 2);
  assert.equal(result.succeeded, 2);
  assert.equal(result.failed, 0);
  assert.deepEqual(result.results.map((r) => r.id), ids);
  assert.deepEqual(result.results.map((r) => r.success), [true, true]);
  assert.deepEqual(result.results.map((r) => r.data.description), ['row 0', 'row 1']);
  const stored = await c.data.get('account', ids[1]);
  assert.equal(stored.record.description, 'row 1');
});

test('updateMany with continueOnError reports the failed row and writes the others', async () => {
  const created = await c.data.createMany('account', [{ name: unique('ct-upd') }, { name: unique('ct-upd') }]);
  const [a, b] = created.records.map((r) => r.id);
  const result = await c.data.updateMany(
    'account',
    [{ id: a, data: { description: 'ok' } }, { id: 'no-such-id', data: { description: 'x' } }, { id: b, data: { description: 'ok too' } }],
    { continueOnError: true },
  );
  assert.equal(result.success, false);
  assert.equal(result.total, 3);
  assert.equal(result.succeeded, 2);
  assert.equal(result.failed, 1);
  assert.deepEqual(result.results.map((r) => r.success), [true, false, true]);
  assert.equal(result.results[1].errors[0].code, 'RECORD_NOT_FOUND');
  assert.equal((await c.data.get('account', b)).record.description, 'ok too');
});

test('deleteMany deletes by ids and reports each', async () => {
  const created = await c.data.createMany('account', [{ name: unique('ct-del') }, { name: unique('ct-del') }]);
  const ids = created.records.map((r) => r.id);
  const result = await c.data.deleteMany('account', ids);
  assert.equal(result.success, true);
  assert.equal(result.operation, 'delete');
  assert.equal(result.total, 2);
  assert.equal(result.succeeded, 2);
  assert.deepEqual(result.results.map((r) => r.id), ids);
  assert.deepEqual(await accountsNamed(names(created.records)), []);
});

test('batch create (not atomic) stops at the first failure: earlier rows stay, later rows are NOT_ATTEMPTED', async () => {
  const first = unique('ct-batch');
  const last = unique('ct-batch');
  const result = await c.data.batch('account', {
    operation: 'create',
    records: [{ data: { name: first } }, { data: { name: 'Acme Corporation' } }, { data: { name: last } }],
  });
  assert.equal(result.success, false);
  assert.equal(result.operation, 'create');
  assert.equal(result.total, 3);
  assert.equal(result.succeeded, 1);
  assert.equal(result.failed, 2);
  assert.deepEqual(result.results.map((r) => r.success), [true, false, false]);
  assert.equal(result.results[0].data.name, first);
  assert.equal(result.results[1].errors[0].code, 'DUPLICATE_VALUE');
  assert.equal(result.results[2].errors[0].code, 'NOT_ATTEMPTED');
  assert.deepEqual(names(await accountsNamed([first, last])), [first]);
});

test('batch create with atomic: true rolls every row back on a failure', async () => {
  const first = unique('ct-atomic');
  const last = unique('ct-atomic');
  const result = await c.data.batch('account', {
    operation: 'create',
    records: [{ data: { name: first } }, { data: { name: 'Acme Corporation' } }, { data: { name: last } }],
    options: { atomic: true },
  });
  assert.equal(result.success, false);
  assert.equal(result.succeeded, 0);
  assert.equal(result.failed, 3);
  assert.deepEqual(result.results.map((r) => r.errors[0].code), ['ROLLED_BACK', 'DUPLICATE_VALUE', 'NOT_ATTEMPTED']);
  assert.deepEqual(await accountsNamed([first, last]), []);
});

test('batch create with atomic: true commits when every row succeeds', async () => {
  const list = [unique('ct-atomic-ok'), unique('ct-atomic-ok')];
  const result = await c.data.batch('account', { operation: 'create', records: list.map((name) => ({ data: { name } })), options: { atomic: true } });
  assert.equal(result.success, true);
  assert.equal(result.succeeded, 2);
  assert.deepEqual(result.results.map((r) => r.data.name), list);
  assert.deepEqual(names(await accountsNamed(list)), [...list].sort());
});

test('batch update, upsert and delete operations', async () => {
  const created = await c.data.createMany('account', [{ name: unique('ct-ops') }, { name: unique('ct-ops') }]);
  const [a, b] = created.records.map((r) => r.id);
  const updated = await c.data.batch('account', { operation: 'update', records: [{ id: a, data: { description: 'batch-updated' } }] });
  assert.equal(updated.success, true);
  assert.equal((await c.data.get('account', a)).record.description, 'batch-updated');

  const newName = unique('ct-ops-upsert');
  const upserted = await c.data.batch('account', {
    operation: 'upsert',
    records: [{ id: b, data: { description: 'upsert-updated' } }, { data: { name: newName } }],
  });
  assert.equal(upserted.success, true);
  assert.equal((await c.data.get('account', b)).record.description, 'upsert-updated');
  const inserted = upserted.results[1].id;
  assert.equal((await c.data.get('account', inserted)).record.name, newName);

  const deleted = await c.data.batch('account', { operation: 'delete', records: [{ id: a }, { id: b }, { id: inserted }] });
  assert.equal(deleted.success, true);
  assert.equal(deleted.succeeded, 3);
  await rejectsWith(c.data.get('account', a), 'RECORD_NOT_FOUND', 404);
});

test('batchTransaction creates across objects and resolves { $ref: 0 } to the created id', async () => {
  const accountName = unique('ct-tx');
  const subject = unique('ct-tx-ticket');
  const result = await c.data.batchTransaction([
    { object: 'account', action: 'create', data: { name: accountName } },
    { object: 'ticket', action: 'create', data: { subject, account: { $ref: 0 } } },
  ]);
  assert.equal(result.results.length, 2);
  const [account, ticket] = result.results;
  assert.equal(account.name, accountName);
  assert.equal(ticket.subject, subject);
  assert.equal(ticket.account, account.id);
  assert.equal(ticket.status, 'new', 'defaults apply inside the batch');
  const stored = await c.data.find('ticket', { where: { subject }, expand: ['account'] });
  assert.equal(stored.records[0].account.name, accountName);
});

test('batchTransaction update and delete actions', async () => {
  const created = await c.data.create('account', { name: unique('ct-tx-ud') });
  const other = await c.data.create('account', { name: unique('ct-tx-ud') });
  const result = await c.data.batchTransaction([
    { object: 'account', action: 'update', id: created.id, data: { description: 'in tx' } },
    { object: 'account', action: 'delete', id: other.id },
  ]);
  assert.equal(result.results.length, 2);
  assert.equal(result.results[0].description, 'in tx');
  assert.equal((await c.data.get('account', created.id)).record.description, 'in tx');
  await rejectsWith(c.data.get('account', other.id), 'RECORD_NOT_FOUND', 404);
});

test('batchTransaction is atomic: a failing operation rolls back the earlier ones and surfaces its error', async () => {
  const accountName = unique('ct-tx-fail');
  const error = await rejectsWith(
    c.data.batchTransaction([
      { object: 'account', action: 'create', data: { name: accountName } },
      { object: 'ticket', action: 'create', data: { account: { $ref: 0 } } },
    ]),
    'VALIDATION_FAILED',
    400,
  );
  assert.ok(error.fields.some((f) => f.field === 'subject' && f.code === 'required'), JSON.stringify(error.fields));
  assert.deepEqual(await accountsNamed([accountName]), []);
});

test('batchTransaction: a $ref to a later operation is BATCH_UNRESOLVED_REF', async () => {
  await rejectsWith(
    c.data.batchTransaction([{ object: 'ticket', action: 'create', data: { subject: unique('ct-tx-ref'), account: { $ref: 1 } } }]),
    'BATCH_UNRESOLVED_REF',
    400,
  );
});

test('a write refused by a record interceptor is SERVICE_UNAVAILABLE and nothing is stored', async () => {
  const name = unique('ct-fail');
  await rejectsWith(c.data.create('account', { name, description: '__fail_before__' }), 'SERVICE_UNAVAILABLE', 503);
  assert.deepEqual(await accountsNamed([name]), []);
  const other = unique('ct-fail');
  await rejectsWith(
    c.data.batchTransaction([
      { object: 'account', action: 'create', data: { name: other } },
      { object: 'ticket', action: 'create', data: { subject: '__fail_before__', account: { $ref: 0 } } },
    ]),
    'SERVICE_UNAVAILABLE',
    503,
  );
  assert.deepEqual(await accountsNamed([other]), []);
});
