// data.find(): a GET with query parameters, in the legacy spelling (filter/sort/select/top/skip) and the canonical
// one (where/orderBy/fields/limit/offset/expand), checked against the seeded CRM values.
//
// Seeded values only: the write tests never set billing_country, industry, rating or annual_revenue on accounts,
// never create opportunities or contacts of a seeded account, and never create tickets with status 'open'.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createFilter } from '@objectstack/client';
import { client, names, rejectsWith, seeded, SEEDED_ACCOUNTS, unique } from './support.mjs';

const c = client();

test('legacy: filter AST (is_not_null) + sort string array returns the seeded accounts sorted by name', async () => {
  const page = await c.data.find('account', { filter: ['billing_country', 'is_not_null', null], sort: ['name'] });
  assert.equal(page.object, 'account');
  assert.deepEqual(names(page.records), [...SEEDED_ACCOUNTS].sort());
  assert.equal(page.total, 5);
  assert.equal(page.hasMore, false);
});

test('find with no options (the URL ends in a bare ?) returns a page of accounts', async () => {
  const page = await c.data.find('account');
  assert.equal(page.object, 'account');
  assert.ok(Array.isArray(page.records));
  assert.ok(page.records.length >= 5);
  assert.ok(page.total >= page.records.length);
  assert.equal(typeof page.hasMore, 'boolean');
});

test('legacy: filter + sort + select + top + skip pages through the accounts', async () => {
  const page = await c.data.find('account', {
    filter: ['billing_country', 'in', ['United States', 'Germany', 'Canada']],
    sort: ['name'],
    select: ['name', 'billing_city'],
    top: 2,
    skip: 1,
  });
  assert.deepEqual(names(page.records), ['Globex Health', 'Initech Software']);
  assert.deepEqual(page.records.map((r) => r.billing_city), ['Boston', 'Austin']);
  for (const record of page.records) {
    assert.deepEqual(Object.keys(record).filter((k) => k !== 'id').sort(), ['billing_city', 'name'], 'select limits the fields');
  }

  assert.equal(page.total, 5);
  assert.equal(page.hasMore, true);
});

test("legacy: sort '-amount' (descending string) with a '>' filter returns the opportunities over 100000", async () => {
  const page = await c.data.find('opportunity', { filter: ['amount', '>', 100000], sort: '-amount', select: ['name', 'amount'] });
  assert.deepEqual(names(page.records), ['Umbrella - Reseller agreement', 'Acme - Anvil fleet renewal', 'Globex - Clinic rollout']);
  assert.deepEqual(page.records.map((r) => r.amount), [520000, 240000, 180000]);
  assert.equal(page.total, 3);
});

test("legacy: nested and/or AST and sort 'name desc' (space-separated direction)", async () => {
  const page = await c.data.find('account', {
    filter: ['and', ['billing_country', '=', 'United States'], ['or', ['rating', '=', 'hot'], ['industry', '=', 'technology']]],
    sort: 'name desc',
  });
  assert.deepEqual(names(page.records), ['Initech Software', 'Acme Corporation']);
});

test('legacy: FilterBuilder conditions (like with % wildcard, is_not_null, in) survive URL encoding', async () => {
  const where = createFilter().like('email', '%@acme.example.com').isNotNull('title').in('lead_source', ['web', 'referral']).build();
  const page = await c.data.find('contact', { filter: where, sort: ['last_name'] });
  assert.deepEqual(names(page.records, 'last_name'), ['Coyote', 'Runner']);
});

test('legacy: date comparison and a flat list of triples (implicit AND)', async () => {
  const page = await c.data.find('opportunity', {
    filter: [['close_date', '<', '2026-11-01'], ['account', '!=', null]],
    sort: ['close_date'],
    select: ['name', 'close_date'],
  });
  assert.deepEqual(names(page.records), ['Umbrella - Store analytics', 'Umbrella - Reseller agreement']);
  assert.deepEqual(page.records.map((r) => r.close_date), ['2026-09-12', '2026-10-30']);
});

test("legacy: the deprecated 'filters' object becomes implicit equality parameters", async () => {
  const page = await c.data.find('account', { filters: { industry: 'healthcare' } });
  assert.deepEqual(names(page.records), ['Globex Health']);
});

test('canonical: where + fields + orderBy [{field, order}] + limit + offset returns the Acme contacts', async () => {
  const acme = await seeded(c, 'account', 'name', 'Acme Corporation');
  const page = await c.data.find('contact', {
    where: ['account', '=', acme.id],
    fields: ['first_name', 'last_name', 'email'],
    orderBy: [{ field: 'first_name', order: 'asc' }],
    limit: 10,
    offset: 0,
  });
  assert.deepEqual(names(page.records, 'first_name'), ['Road', 'Wile']);
  assert.deepEqual(page.records.map((r) => r.email), ['road@acme.example.com', 'wile@acme.example.com']);
  assert.equal(page.records[0].title, undefined, 'fields limits the projection');
  assert.equal(page.total, 2);
  assert.equal(page.hasMore, false);
});

test('canonical: orderBy desc with limit and offset reports total and hasMore', async () => {
  const page = await c.data.find('opportunity', {
    where: ['stage', 'in', ['proposal', 'qualification']],
    orderBy: [{ field: 'amount', order: 'desc' }],
    fields: ['name', 'amount', 'stage'],
    limit: 2,
    offset: 1,
  });
  assert.deepEqual(names(page.records), ['Northwind - Campus licence', 'Globex - Telehealth add-on']);
  assert.equal(page.total, 4);
  assert.equal(page.hasMore, true);
});

test("canonical: orderBy as strings ('-employees')", async () => {
  const page = await c.data.find('account', { where: ['billing_country', '=', 'United States'], orderBy: ['-employees'], fields: ['name', 'employees'] });
  assert.deepEqual(names(page.records), ['Acme Corporation', 'Globex Health', 'Initech Software']);
  assert.deepEqual(page.records.map((r) => r.employees), [420, 210, 65]);
});

test('canonical: expand replaces the lookup id with the related record', async () => {
  const page = await c.data.find('contact', { where: ['email', '=', 'wile@acme.example.com'], fields: ['last_name', 'account'], expand: ['account'] });
  assert.equal(page.records.length, 1);
  const [wile] = page.records;
  assert.equal(wile.last_name, 'Coyote');
  assert.equal(typeof wile.account, 'object');
  assert.equal(wile.account.name, 'Acme Corporation');
  assert.equal(wile.account.billing_city, 'San Francisco');
  assert.equal(typeof wile.account.id, 'string');
});

test("canonical: implicit equality where {status: 'open'} on ticket", async () => {
  const page = await c.data.find('ticket', { where: { status: 'open' }, orderBy: ['subject'] });
  assert.deepEqual(names(page.records, 'subject'), ['Anvil delivery arrived damaged', 'Request for training session']);
  for (const ticket of page.records) {
    assert.equal(ticket.status, 'open');
  }

  const both = await c.data.find('ticket', { where: { status: 'open', priority: 'high' } });
  assert.deepEqual(names(both.records, 'subject'), ['Anvil delivery arrived damaged']);
});

test('canonical: implicit equality coerces text parameters to booleans and numbers', async () => {
  const dnc = await c.data.find('contact', { where: { do_not_call: true }, fields: ['last_name'] });
  assert.deepEqual(names(dnc.records, 'last_name'), ['Scorpio']);
  const big = await c.data.find('account', { where: { employees: 1800 }, fields: ['name'] });
  assert.deepEqual(names(big.records), ['Umbrella Retail GmbH']);
});

test("find: values with URL-significant characters round-trip (filter JSON and implicit equality)", async () => {
  const writer = client('find-writer');
  const name = unique("ct-find O'Brien & Co #1 +x/é*~ 100%");
  const created = await writer.data.create('account', { name });
  const byFilter = await c.data.find('account', { filter: ['name', '=', name], select: ['name'] });
  assert.deepEqual(byFilter.records.map((r) => r.id), [created.id]);
  const byParam = await c.data.find('account', { where: { name }, fields: ['name'] });
  assert.deepEqual(byParam.records.map((r) => r.id), [created.id]);
  assert.equal(byParam.records[0].name, name);
  const byLike = await c.data.find('account', { filter: ['name', 'contains', "O'Brien & Co #1 +x"], select: ['name'] });
  assert.ok(byLike.records.some((r) => r.id === created.id));
});

test('find: record values keep their types (numbers, booleans, arrays, JSON, dates, times)', async () => {
  const acme = await seeded(c, 'account', 'name', 'Acme Corporation');
  assert.equal(acme.annual_revenue, 12500000);
  assert.equal(acme.active, true);
  assert.deepEqual(acme.tags, ['enterprise', 'west']);
  assert.match(acme.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  const ticket = await seeded(c, 'ticket', 'subject', 'Anvil delivery arrived damaged');
  assert.deepEqual(ticket.details, { order: 'SO-10442', units: 2 });
  assert.equal(ticket.opened_at, '2026-11-02T09:15:00.000Z');
  assert.match(ticket.callback_time, /^10:30/);
  assert.equal(typeof ticket.number, 'number');
});

test('find: an unknown field in a filter is INVALID_FIELD, a bad sort is INVALID_SORT', async () => {
  await rejectsWith(c.data.find('account', { filter: ['no_such_field', '=', 1] }), 'INVALID_FIELD', 400);
  await rejectsWith(c.data.find('account', { sort: 'name sideways' }), 'INVALID_SORT', 400);
  await rejectsWith(c.data.find('account', { where: { no_such_field: 'x' } }), 'INVALID_FIELD', 400);
});
