// calc.js against the Python views, without a browser: `node --test tests/` (run by `make test`).
// tests/golden/calc-parity.json is written by Python (tests/test_calc_parity.py; UPDATE_GOLDEN=1
// rewrites it): the registry as the pages carry it, raw inputs with the view and HTML
// Python gives for them, and bad inputs with the field Python blames.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import vm from "node:vm";

const root = new URL("../", import.meta.url);
const golden = JSON.parse(readFileSync(new URL("tests/golden/calc-parity.json", root), "utf8"));
const source = readFileSync(new URL("docs/assets/javascripts/calc.js", root), "utf8");
// calc.js in a fresh context, given the registry as a page gives it
function loadCalc() {
  const context = vm.createContext({});
  vm.runInContext(source, context);
  context.BHCalc.use(JSON.parse(JSON.stringify(golden.registry)));
  return context.BHCalc;
}
const calc = loadCalc();
const digest = value => createHash("sha256").update(typeof value === "string" ? value : JSON.stringify(value)).digest("hex");

test("calc.js gives the Python view and HTML for every case", () => {
  assert.ok(golden.cases.length >= 300);
  const mismatches = [];
  for (const { type, raw, title, view, html_sha256 } of golden.cases) {
    let got;
    try {
      got = calc.view(type, raw, title);
    } catch (error) {
      mismatches.push({ type, raw, threw: `${error.field}: ${error.message}` });
      continue;
    }
    const { rows, bars, ...short } = JSON.parse(JSON.stringify(got)); // into this realm
    if (rows) short.rows_bars_sha256 = digest([rows, bars]);
    const diff = Object.keys({ ...view, ...short }).filter(k => !isDeepStrictEqual(view[k], short[k]));
    if (diff.length) mismatches.push({ type, raw, diff: Object.fromEntries(diff.map(k => [k, [view[k], short[k]]])) });
    else if (digest(calc.render(got)) !== html_sha256) mismatches.push({ type, raw, html: calc.render(got).slice(0, 300) });
  }
  assert.deepEqual(mismatches, []);
});

test("calc.js reads each rate field as Python does, with the same warning", () => {
  const wrong = [];
  let count = 0, warned = 0;
  for (const { readings } of golden.cases) {
    for (const [kind, text, label, reading, warning] of readings) {
      const got = [...calc.reading(kind, text, label)];
      count++;
      if (warning) warned++;
      if (!isDeepStrictEqual(got, [reading, warning])) wrong.push({ kind, text, expected: [reading, warning], got });
    }
  }
  assert.ok(count >= 300 && warned >= 10, `${count} readings, ${warned} warnings`);
  assert.deepEqual(wrong, []);
});

test("several pages' registry parts add up (the single-file edition has one per calculator page)", () => {
  const context = vm.createContext({});
  vm.runInContext(source, context);
  for (const part of golden.page_registries) context.BHCalc.use(JSON.parse(JSON.stringify(part)));
  const cases = golden.cases.filter(c => c.type === "daily_interest" || c.type === "overdue");
  assert.ok(cases.length > 20);
  for (const { type, raw, title, html_sha256 } of cases) {
    assert.equal(digest(context.BHCalc.render(context.BHCalc.view(type, raw, title))), html_sha256, type);
  }
});

test("calc.js refuses bad input naming the field Python names", () => {
  assert.ok(golden.errors.length >= 30);
  const wrong = [];
  for (const { type, raw, field } of golden.errors) {
    let got = "no error";
    try {
      calc.view(type, raw);
    } catch (error) {
      got = error.field === undefined ? "no field" : error.field;
    }
    if (got !== field) wrong.push({ type, raw, expected: field, got });
  }
  assert.deepEqual(wrong, []);
});
