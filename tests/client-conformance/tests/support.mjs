// Shared helpers for the conformance tests. Each test file builds its own clients from OS_BASE_URL (set by run.mjs).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ObjectStackClient } from '@objectstack/client';

export const baseUrl = process.env.OS_BASE_URL ?? assert.fail('OS_BASE_URL is not set; run the tests through run.mjs');

/** The client's default logger prints a line for every non-2xx answer; the tests expect many, so keep it quiet. */
export const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * An official client, unchanged. `user` becomes the TEST-ONLY bearer token `test:<user>` understood by
 * Fixture.TestIdentityPlugin; null means anonymous (no Authorization header).
 */
export function client(user = 'conformance') {
  return new ObjectStackClient({ baseUrl, token: user === null ? undefined : `test:${user}`, logger: quietLogger });
}

/** A name no other test (or earlier run against the same database) uses. */
export function unique(prefix) {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

/**
 * Asserts that `promise` rejects with the error the client builds from a non-2xx answer, and returns it.
 * The client sets `code` (from the body's `code` / `error.code`), `httpStatus` (from the status line),
 * `details` (the body's `details` / `error.details` / the whole body) and `fields` (the body's `fields`).
 */
export async function rejectsWith(promise, code, httpStatus) {
  let error;
  try {
    const value = await promise;
    assert.fail(`expected the call to fail with ${code} (${httpStatus}), but it returned ${JSON.stringify(value)?.slice(0, 300)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    error = e;
  }

  assert.ok(error instanceof Error, 'the client throws an Error');
  assert.equal(error.code, code, `error.code (message: ${error.message}; body: ${JSON.stringify(error.details)})`);
  assert.equal(error.httpStatus, httpStatus, `error.httpStatus (message: ${error.message})`);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0, 'error.message is not empty');
  return error;
}

/** The names of `records`, in order. */
export const names = (records, field = 'name') => records.map((r) => r[field]);

/** The seeded CRM accounts (samples/crm/objectstack.json), by name. */
export const SEEDED_ACCOUNTS = ['Acme Corporation', 'Globex Health', 'Initech Software', 'Northwind Academy', 'Umbrella Retail GmbH'];

/** Looks up one seeded record by a field value; fails when it is not exactly one. */
export async function seeded(c, object, field, value) {
  const page = await c.data.find(object, { filter: [field, '=', value] });
  assert.equal(page.records.length, 1, `exactly one ${object} with ${field} = ${value}`);
  return page.records[0];
}
