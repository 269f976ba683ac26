// data.query(): POST {data}/{object}/query with a QueryAST body (Mongo-style or array where, fields, orderBy,
// limit/offset, nested expand, search), including the ASTs the client's own QueryBuilder emits.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createQuery } from '@objectstack/client';
import { client, names, rejectsWith } from './support.mjs';

const c = client();

test('query: Mongo-style where, fields, orderBy, limit and expand with nested fields', async () => {
  const page = await c.data.query('opportunity', {
    object: 'opportunity',
    where: { amount: { $gt: 100000 } },
    fields: ['name', 'amount', 'account'],
    orderBy: [{ field: 'amount', order: 'desc' }],
    limit: 2,
    expand: { account: { object: 'account', fields: ['name', 'industry'] } },
  });
  assert.deepEqual(names(page.records), ['Umbrella - Reseller agreement', 'Acme - Anvil fleet renewal']);
  assert.deepEqual(page.records.map((r) => r.account.name), ['Umbrella Retail GmbH', 'Acme Corporation']);
  assert.deepEqual(page.records.map((r) => r.account.industry), ['retail', 'manufacturing']);
  assert.equal(page.records[0].account.billing_city, undefined, 'the nested fields limit the expanded record');
  assert.equal(page.records[0].stage, undefined, 'fields limits the projection');
  assert.equal(page.total, 3);
  assert.equal(page.hasMore, true);
});

test('query: the AST built by createQuery() (array where, orderBy, expand, paginate)', async () => {
  const ast = createQuery('opportunity')
    .select('name', 'amount', 'contact')
    .where((f) => f.equals('stage', 'proposal').greaterThan('amount', 50000))
    .orderBy('name', 'asc')
    .expand('contact', { fields: ['email'] })
    .paginate(1, 10)
    .build();
  const page = await c.data.query('opportunity', ast);
  assert.deepEqual(names(page.records), ['Globex - Clinic rollout', 'Northwind - Campus licence']);
  assert.deepEqual(page.records.map((r) => r.contact.email), ['hank@globex.example.org', 'ada@northwind.example.ca']);
  assert.equal(page.total, 2);
});

test('query: two-level expand (opportunity → contact → account)', async () => {
  const page = await c.data.query('opportunity', {
    where: { name: 'Acme - Anvil fleet renewal' },
    fields: ['name', 'contact'],
    expand: { contact: { object: 'contact', fields: ['last_name', 'account'], expand: { account: { object: 'account', fields: ['name'] } } } },
  });
  assert.equal(page.records.length, 1);
  const { contact } = page.records[0];
  assert.equal(contact.last_name, 'Coyote');
  assert.equal(contact.account.name, 'Acme Corporation');
});

test('query: $or, $in and $between', async () => {
  const tickets = await c.data.query('ticket', {
    where: { $or: [{ priority: 'urgent' }, { status: { $in: ['solved', 'closed'] } }] },
    orderBy: [{ field: 'opened_at', order: 'asc' }],
    fields: ['subject', 'opened_at'],
  });
  assert.deepEqual(names(tickets.records, 'subject'), ['Password reset email not received', 'Invoice address change', 'Cannot export patient report']);

  const deals = await c.data.query('opportunity', { where: { amount: { $between: [40000, 100000] } }, orderBy: [{ field: 'amount', order: 'asc' }], fields: ['name', 'amount'] });
  assert.deepEqual(deals.records.map((r) => r.amount), [42000, 64000, 96000]);
});

test('query: offset pages and total counts all matches', async () => {
  const all = await c.data.query('opportunity', { orderBy: [{ field: 'close_date', order: 'asc' }], fields: ['name'] });
  assert.equal(all.records.length, 8);
  const page = await c.data.query('opportunity', { orderBy: [{ field: 'close_date', order: 'asc' }], fields: ['name'], limit: 3, offset: 3 });
  assert.deepEqual(names(page.records), names(all.records).slice(3, 6));
  assert.equal(page.total, 8);
  assert.equal(page.hasMore, true);
});

// data.find() never sends `search` (client-wire.md §6.2), so a client search goes through data.query().
test("search: a text search over the object's searchable fields", async () => {
  // contact.searchableFields = first_name, last_name, email — 'acme' matches the two Acme e-mail addresses.
  const contacts = await c.data.query('contact', { search: 'ACME', orderBy: [{ field: 'last_name', order: 'asc' }] });
  assert.deepEqual(names(contacts.records, 'last_name'), ['Coyote', 'Runner']);
  // account.searchableFields include billing_city; the builder's search() sends {query, ...options}.
  const accounts = await c.data.query('account', createQuery('account').search('boston').select('name').build());
  assert.deepEqual(names(accounts.records), ['Globex Health']);
  // Several terms must all match (somewhere among the searchable fields).
  const tickets = await c.data.query('ticket', { search: 'login loop', fields: ['subject'] });
  assert.deepEqual(names(tickets.records, 'subject'), ['SSO login loop']);
});

test('query: a body naming another object is refused', async () => {
  await rejectsWith(c.data.query('account', { object: 'contact' }), 'QUERY_OBJECT_MISMATCH', 400);
});
