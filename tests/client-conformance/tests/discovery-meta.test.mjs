// connect() / discovery and the meta.* namespace against the CRM sample.
import test from 'node:test';
import assert from 'node:assert/strict';
import { client, rejectsWith } from './support.mjs';

const CRM_OBJECTS = ['account', 'contact', 'opportunity', 'ticket'];
const SYSTEM_FIELDS = ['id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'owner_id', 'organization_id'];

test('connect() reads the discovery document and its routes', async () => {
  const c = client();
  const discovery = await c.connect();
  assert.equal(typeof discovery.version, 'string');
  assert.equal(discovery.routes.data, '/api/v1/data');
  assert.equal(discovery.routes.metadata, '/api/v1/meta');
  assert.deepEqual(c.discoveryInfo, discovery);
  // The client's capability flags come from discovery: the cross-object batch is transactional.
  assert.equal(c.capabilities.transactionalBatch, true);
  // Calls after connect() go through the discovered routes.
  const page = await c.data.find('account', { top: 1 });
  assert.equal(page.records.length, 1);
});

test('connect() works anonymously (discovery is sent without Authorization)', async () => {
  const discovery = await client(null).connect();
  assert.equal(discovery.routes.data, '/api/v1/data');
});

test('meta.getTypes() lists the object type', async () => {
  const types = await client().meta.getTypes();
  assert.ok(Array.isArray(types.types), 'types is an array');
  assert.ok(types.types.includes('object'), `types ${JSON.stringify(types.types)} include 'object'`);
});

test("meta.getItems('object') returns every CRM object with a fields map including the system fields", async () => {
  const result = await client().meta.getItems('object');
  assert.equal(result.type, 'object');
  assert.ok(Array.isArray(result.items));
  const byName = Object.fromEntries(result.items.map((i) => [i.name, i]));
  for (const name of CRM_OBJECTS) {
    const item = byName[name];
    assert.ok(item, `object ${name} is listed`);
    assert.equal(typeof item.fields, 'object');
    assert.ok(!Array.isArray(item.fields), 'fields is a name-keyed map, not an array');
    for (const system of SYSTEM_FIELDS) {
      assert.ok(item.fields[system], `${name}.fields has the system field ${system}`);
    }
  }

  assert.equal(byName.contact.fields.email.type, 'email');
  assert.equal(byName.opportunity.fields.amount.type, 'currency');
  assert.equal(byName.ticket.fields.number.type, 'autonumber');
});

test("meta.getItem('object', 'account') returns the envelope {type, name, item}", async () => {
  const result = await client().meta.getItem('object', 'account');
  assert.equal(result.type, 'object');
  assert.equal(result.name, 'account');
  const account = result.item;
  assert.equal(account.name, 'account');
  assert.equal(account.label, 'Account');
  assert.equal(account.nameField, 'name');
  assert.deepEqual(account.searchableFields, ['name', 'website', 'billing_city']);
  assert.equal(account.fields.name.type, 'text');
  assert.equal(account.fields.name.required, true);
  assert.equal(account.fields.name.unique, true);
  assert.equal(account.fields.name.maxLength, 120);
  assert.deepEqual(account.fields.type.options.map((o) => o.value), ['prospect', 'customer', 'partner']);
  assert.equal(account.fields.type.defaultValue, 'prospect');
  assert.equal(account.fields.id.readonly, true);
});

test("meta.getItem('object', 'ticket') describes lookups and their delete behaviour", async () => {
  const { item: ticket } = await client().meta.getItem('object', 'ticket');
  assert.equal(ticket.fields.account.type, 'lookup');
  assert.equal(ticket.fields.account.reference, 'account');
  assert.equal(ticket.fields.account.deleteBehavior, 'restrict');
  const { item: opportunity } = await client().meta.getItem('object', 'opportunity');
  assert.equal(opportunity.fields.account.type, 'master_detail');
  assert.equal(opportunity.fields.account.reference, 'account');
});

test('meta.getItem() of an unknown object is RESOURCE_NOT_FOUND', async () => {
  await rejectsWith(client().meta.getItem('object', 'no_such_object'), 'RESOURCE_NOT_FOUND', 404);
});

test('meta.* requires authentication', async () => {
  await rejectsWith(client(null).meta.getTypes(), 'UNAUTHENTICATED', 401);
});
