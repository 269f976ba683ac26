// How the server's errors reach a caller of the official client: err.code, err.httpStatus, err.message,
// err.fields and err.details, for validation, unknown objects, duplicates, authentication, permissions and
// restricted deletes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { client, rejectsWith, seeded, unique } from './support.mjs';

const c = client('errors-user');

test('a validation error is VALIDATION_FAILED with per-field errors in err.fields', async () => {
  const error = await rejectsWith(c.data.create('account', { employees: -5, website: 'not a url' }), 'VALIDATION_FAILED', 400);
  assert.ok(Array.isArray(error.fields), `err.fields is an array (body: ${JSON.stringify(error.details)})`);
  const byField = Object.fromEntries(error.fields.map((f) => [f.field, f]));
  assert.equal(byField.name?.code, 'required');
  assert.equal(byField.employees?.code, 'min_value');
  assert.equal(byField.website?.code, 'invalid_url');
  for (const f of error.fields) {
    assert.equal(typeof f.message, 'string');
  }

  assert.match(error.message, /name/);
});

test('an invalid option value and a too-long text are VALIDATION_FAILED on update too', async () => {
  const created = await c.data.create('account', { name: unique('ct-err') });
  const error = await rejectsWith(c.data.update('account', created.id, { type: 'competitor', billing_city: 'x'.repeat(81) }), 'VALIDATION_FAILED', 400);
  const codes = Object.fromEntries(error.fields.map((f) => [f.field, f.code]));
  assert.equal(codes.type, 'invalid_option');
  assert.equal(codes.billing_city, 'max_length');
  const cleared = await rejectsWith(c.data.update('account', created.id, { name: null }), 'VALIDATION_FAILED', 400);
  assert.ok(cleared.fields.some((f) => f.field === 'name' && f.code === 'required'));
});

test('an unknown object is OBJECT_NOT_FOUND on every route', async () => {
  const error = await rejectsWith(c.data.find('no_such_object'), 'OBJECT_NOT_FOUND', 404);
  assert.match(error.message, /no_such_object/);
  await rejectsWith(c.data.get('no_such_object', 'x'), 'OBJECT_NOT_FOUND', 404);
  await rejectsWith(c.data.create('no_such_object', { name: 'x' }), 'OBJECT_NOT_FOUND', 404);
  await rejectsWith(c.data.query('no_such_object', {}), 'OBJECT_NOT_FOUND', 404);
  await rejectsWith(c.data.createMany('no_such_object', [{ name: 'x' }]), 'OBJECT_NOT_FOUND', 404);
  await rejectsWith(c.data.batchTransaction([{ object: 'no_such_object', action: 'create', data: {} }]), 'OBJECT_NOT_FOUND', 404);
});

test('an unknown field in a write is INVALID_FIELD', async () => {
  const error = await rejectsWith(c.data.create('account', { name: unique('ct-err'), no_such_field: 1 }), 'INVALID_FIELD', 400);
  assert.match(error.message, /no_such_field/);
});

test('a duplicate account name is DUPLICATE_VALUE (create and update)', async () => {
  const error = await rejectsWith(c.data.create('account', { name: 'Acme Corporation' }), 'DUPLICATE_VALUE', 409);
  assert.equal(error.details.field, 'name');
  const created = await c.data.create('account', { name: unique('ct-err') });
  await rejectsWith(c.data.update('account', created.id, { name: 'Globex Health' }), 'DUPLICATE_VALUE', 409);
});

test('an anonymous client (no token) is UNAUTHENTICATED on data routes', async () => {
  const anonymous = client(null);
  await rejectsWith(anonymous.data.find('account'), 'UNAUTHENTICATED', 401);
  await rejectsWith(anonymous.data.create('account', { name: unique('ct-anon') }), 'UNAUTHENTICATED', 401);
  await rejectsWith(anonymous.data.query('account', {}), 'UNAUTHENTICATED', 401);
  await rejectsWith(anonymous.data.batchTransaction([{ object: 'account', action: 'create', data: { name: unique('ct-anon') } }]), 'UNAUTHENTICATED', 401);
});

test('a reader may read but not create, update or delete (PERMISSION_DENIED)', async () => {
  const reader = client('reader-1');
  const page = await reader.data.find('account', { where: { name: 'Acme Corporation' } });
  assert.equal(page.records.length, 1);
  await rejectsWith(reader.data.create('account', { name: unique('ct-reader') }), 'PERMISSION_DENIED', 403);
  const target = await c.data.create('account', { name: unique('ct-reader-target') });
  await rejectsWith(reader.data.update('account', target.id, { description: 'x' }), 'PERMISSION_DENIED', 403);
  await rejectsWith(reader.data.delete('account', target.id), 'PERMISSION_DENIED', 403);
  await rejectsWith(reader.data.createMany('account', [{ name: unique('ct-reader') }]), 'PERMISSION_DENIED', 403);
  assert.equal((await c.data.get('account', target.id)).record.description, null);
});

test("the 'denied' user may not even read (PERMISSION_DENIED)", async () => {
  await rejectsWith(client('denied').data.find('account'), 'PERMISSION_DENIED', 403);
});

test('deleting an account a ticket references (restrict) is DELETE_RESTRICTED until the ticket goes', async () => {
  const account = await c.data.create('account', { name: unique('ct-restrict') });
  const ticket = await c.data.create('ticket', { subject: unique('ct-restrict-ticket'), account: account.id });
  const error = await rejectsWith(c.data.delete('account', account.id), 'DELETE_RESTRICTED', 409);
  assert.match(error.message, /ticket/);
  assert.equal((await c.data.get('account', account.id)).record.id, account.id, 'the account is still there');
  await c.data.delete('ticket', ticket.id);
  const deleted = await c.data.delete('account', account.id);
  assert.equal(deleted.success, true);
});

test('a seeded account with tickets cannot be deleted either', async () => {
  const acme = await seeded(c, 'account', 'name', 'Acme Corporation');
  await rejectsWith(c.data.delete('account', acme.id), 'DELETE_RESTRICTED', 409);
});

test('a lookup to a missing record is refused', async () => {
  const error = await rejectsWith(c.data.create('ticket', { subject: unique('ct-ref'), account: 'no-such-account' }), 'VALIDATION_FAILED', 400);
  assert.ok(error.fields.some((f) => f.field === 'account'), JSON.stringify(error.fields));
});
