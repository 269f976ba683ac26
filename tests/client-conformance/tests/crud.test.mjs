// data.create / get / update / delete, with and without optimistic concurrency (If-Match from { ifMatch }).
// Every test writes only accounts it created itself, with unique names.
import test from 'node:test';
import assert from 'node:assert/strict';
import { client, rejectsWith, unique } from './support.mjs';

const c = client('crud-user');
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

async function newAccount(extra = {}) {
  const name = unique('ct-crud');
  const created = await c.data.create('account', { name, ...extra });
  assert.equal(created.record.name, name);
  return created;
}

test('create returns {object, id, record} with the system fields and defaults', async () => {
  const name = unique('ct-crud');
  const created = await c.data.create('account', { name, website: 'https://ct.example.com', employees: 12, tags: ['a', 'b'] });
  assert.equal(created.object, 'account');
  assert.equal(typeof created.id, 'string');
  assert.ok(created.id.length > 0);
  const { record } = created;
  assert.equal(record.id, created.id);
  assert.equal(record.name, name);
  assert.equal(record.website, 'https://ct.example.com');
  assert.equal(record.employees, 12);
  assert.deepEqual(record.tags, ['a', 'b']);
  assert.equal(record.type, 'prospect', 'defaultValue applied');
  assert.equal(record.active, true, 'defaultValue applied');
  assert.match(record.created_at, ISO_INSTANT);
  assert.match(record.updated_at, ISO_INSTANT);
  assert.equal(record.created_by, 'crud-user');
  assert.equal(record.owner_id, 'crud-user');
});

test('create drops the primary key and read-only system fields and reports them in droppedFields', async () => {
  const created = await c.data.create('account', { name: unique('ct-crud'), id: 'chosen-by-client', created_at: '2020-01-01T00:00:00Z' });
  assert.notEqual(created.id, 'chosen-by-client');
  assert.notEqual(created.record.created_at, '2020-01-01T00:00:00.000Z');
  const dropped = Object.fromEntries((created.droppedFields ?? []).map((d) => [d.reason, d.fields]));
  assert.deepEqual(dropped, { primary_key: ['id'], readonly: ['created_at'] }, JSON.stringify(created.droppedFields));
});

test('get returns {object, id, record} equal to what create stored', async () => {
  const created = await newAccount({ phone: '+1 555 0100' });
  const got = await c.data.get('account', created.id);
  assert.equal(got.object, 'account');
  assert.equal(got.id, created.id);
  assert.deepEqual(got.record, created.record);
});

test('get of a missing id is RECORD_NOT_FOUND', async () => {
  await rejectsWith(c.data.get('account', 'no-such-id'), 'RECORD_NOT_FOUND', 404);
});

test('update without ifMatch patches only the given fields and advances updated_at', async () => {
  const created = await newAccount({ website: 'https://before.example.com' });
  const updated = await c.data.update('account', created.id, { phone: '+1 555 0199' });
  assert.equal(updated.object, 'account');
  assert.equal(updated.id, created.id);
  assert.equal(updated.record.phone, '+1 555 0199');
  assert.equal(updated.record.website, 'https://before.example.com', 'untouched fields stay');
  assert.equal(updated.record.created_at, created.record.created_at);
  assert.ok(Date.parse(updated.record.updated_at) >= Date.parse(created.record.updated_at));
  const got = await c.data.get('account', created.id);
  assert.equal(got.record.phone, '+1 555 0199');
});

test("update with ifMatch = the record's updated_at (bare and quoted) succeeds", async () => {
  const created = await newAccount();
  const first = await c.data.update('account', created.id, { description: 'one' }, { ifMatch: created.record.updated_at });
  assert.equal(first.record.description, 'one');
  const second = await c.data.update('account', created.id, { description: 'two' }, { ifMatch: `"${first.record.updated_at}"` });
  assert.equal(second.record.description, 'two');
});

test('update with a stale ifMatch throws CONCURRENT_UPDATE and leaves the record unchanged', async () => {
  const created = await newAccount();
  const fresh = await c.data.update('account', created.id, { description: 'fresh' });
  assert.notEqual(fresh.record.updated_at, created.record.updated_at, 'the first update moved the version');
  const error = await rejectsWith(
    c.data.update('account', created.id, { description: 'stale write' }, { ifMatch: created.record.updated_at }),
    'CONCURRENT_UPDATE',
    409,
  );
  assert.equal(error.details.currentVersion, fresh.record.updated_at, 'the error body carries the current version');
  const got = await c.data.get('account', created.id);
  assert.equal(got.record.description, 'fresh');
});

test('update of a missing id is RECORD_NOT_FOUND', async () => {
  await rejectsWith(c.data.update('account', 'no-such-id', { description: 'x' }), 'RECORD_NOT_FOUND', 404);
});

test('delete returns {object, id, success: true}; the record is gone', async () => {
  const created = await newAccount();
  const deleted = await c.data.delete('account', created.id);
  assert.equal(deleted.success, true);
  assert.equal(deleted.id, created.id);
  assert.equal(deleted.object, 'account');
  await rejectsWith(c.data.get('account', created.id), 'RECORD_NOT_FOUND', 404);
  await rejectsWith(c.data.delete('account', created.id), 'RECORD_NOT_FOUND', 404);
});

test('delete with ifMatch: stale → CONCURRENT_UPDATE, current → deleted', async () => {
  const created = await newAccount();
  const updated = await c.data.update('account', created.id, { description: 'moved on' });
  await rejectsWith(c.data.delete('account', created.id, { ifMatch: created.record.updated_at }), 'CONCURRENT_UPDATE', 409);
  const deleted = await c.data.delete('account', created.id, { ifMatch: updated.record.updated_at });
  assert.equal(deleted.success, true);
});

test('a lookup is written as an id and read back as that id', async () => {
  const account = await newAccount();
  const contact = await c.data.create('contact', { last_name: unique('ct-crud'), email: `${account.id}@ct.example.com`, account: account.id });
  assert.equal(contact.record.account, account.id);
  const page = await c.data.find('contact', { where: { account: account.id }, expand: ['account'] });
  assert.equal(page.records.length, 1);
  assert.equal(page.records[0].account.name, account.record.name);
  // contact.account is set_null: deleting the account clears the reference.
  await c.data.delete('account', account.id);
  const after = await c.data.get('contact', contact.id);
  assert.equal(after.record.account, null);
});
