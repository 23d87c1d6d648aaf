/* 借款人手册 · calc.js: makes each ```calc block an editable form.
 *
 * Only what must run in the browser is here: decimal arithmetic, a mirror of the engine
 * (calculators/ and the view of hooks/calc_blocks.py, to the fen) and the DOM wiring.
 * Fields, defaults, option words, summary sentences and table columns come from the
 * calculator registry (data/calculators.yml): each page with a block carries the part it
 * needs as JSON (<script type="application/json" class="calc-registry">, hooks/calc_embed.py).
 * The build minifies this file with esbuild (hooks/minify_js.py).
 * Money is BigInt fen; decimals round like Python's 40-digit Decimal context; the IRR is
 * floating point. No network, nothing stored. tests/calc_parity.test.mjs runs it against
 * the Python views in tests/golden/calc-parity.json. */
(() => {
"use strict";

let REGISTRY = { types: {} }, TYPES = REGISTRY.types;
// add a registry (a page's part of it; several in the single-file edition)
const use = registry => {
  for (const [key, value] of Object.entries(registry)) {
    REGISTRY[key] = value && typeof value === "object" && !Array.isArray(value) ? { ...REGISTRY[key], ...value } : value;
  }
  TYPES = REGISTRY.types;
};

// --- decimals: [BigInt coefficient, exponent] ---------------------------------------------
const pow10 = k => 10n ** BigInt(k),
  absInt = c => (c < 0n ? -c : c),
  digitCount = c => absInt(c).toString().length,
  dec = n => [BigInt(n), 0],
  ZERO = dec(0), ONE = dec(1), TWELVE = dec(12);

// to `precision` significant digits, half-even; sticky: a non-zero remainder was already cut off
function round(coefficient, exponent, precision = 40, sticky) {
  const cut = digitCount(coefficient) - precision;
  if (cut <= 0) return [coefficient, exponent];
  const unit = pow10(cut), half = unit / 2n, rest = absInt(coefficient) % unit;
  let kept = absInt(coefficient) / unit;
  if (rest > half || (rest === half && (sticky || kept % 2n))) kept++;
  return [coefficient < 0n ? -kept : kept, exponent + cut];
}
const mul = (a, b, precision) => round(a[0] * b[0], a[1] + b[1], precision);
// both coefficients on the smaller exponent: [x, y, exponent]
function align(a, b) {
  const e = Math.min(a[1], b[1]);
  return [a[0] * pow10(a[1] - e), b[0] * pow10(b[1] - e), e];
}
const add = (a, b) => { const [x, y, e] = align(a, b); return round(x + y, e); },
  sub = (a, b) => add(a, [-b[0], b[1]]),
  compare = (a, b) => { const [x, y] = align(a, b); return x < y ? -1 : x > y ? 1 : 0; };
function div(a, b, precision = 40) {
  if (!a[0]) return ZERO;
  const shift = Math.max(0, precision + 2 + digitCount(b[0]) - digitCount(a[0])),
    x = absInt(a[0]) * pow10(shift), y = absInt(b[0]),
    [c, e] = round(x / y, a[1] - b[1] - shift, precision, x % y !== 0n);
  return [(a[0] < 0n) !== (b[0] < 0n) ? -c : c, e];
}
// integer power as libmpdec does it
function power(a, n) {
  const work = 42 + String(n).length;
  let result = a;
  for (const bit of n.toString(2).slice(1)) {
    result = mul(result, result, work);
    if (bit === "1") result = mul(result, a, work);
  }
  return round(...result);
}
// a × 10^places as an integer, half-up
function quantize(a, places) {
  const e = a[1] + places;
  if (e >= 0) return a[0] * pow10(e);
  const unit = pow10(-e);
  let q = absInt(a[0]) / unit;
  if ((absInt(a[0]) % unit) * 2n >= unit) q++;
  return a[0] < 0n ? -q : q;
}
const toFen = a => quantize(a, 2),
  fromFen = fen => [fen, -2];

// --- display -----------------------------------------------------------------------------
function fixed(k, places, negative) {
  const digits = absInt(k).toString().padStart(places + 1, "0");
  return (negative ? "-" : "") + digits.slice(0, -places) + "." + digits.slice(-places);
}
// fen -> "1,234.56"
const money = fen => fixed(fen, 2, fen < 0n).replace(/\d+/, d => d.replace(/\B(?=(\d{3})+$)/g, ","));
// rate (decimal, or a float from the IRR) -> "12.34%"
function percent(rate, places = 2) {
  if (typeof rate === "number") {
    const k = Math.floor(Math.abs(rate) * 100 * 10 ** places + 0.5);
    return fixed(BigInt(k), places, rate < 0 && k > 0) + "%";
  }
  const hundredfold = mul(rate, dec(100));
  return fixed(quantize(hundredfold, places), places, hundredfold[0] < 0n) + "%";
}
const str = String,
  ENTITY = { "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#x27" },
  esc = s => str(s).replace(/[&<>"']/g, c => "&" + ENTITY[c] + ";");

// --- parsing (calculators/parsing.py) ------------------------------------------------------
// fail(field, message): every error carries the field Python names
const fail = (field, message) => { throw Object.assign(new Error(message), { field }); };
// Python's \s: JS \s without U+FEFF, plus \x1c-\x1f and \x85
const PY_SPACE = "(?:[^\\S\\ufeff]|[\\x1c-\\x1f\\x85])",
  regex = (source, flags = "") => new RegExp(source.replace(/\\d/g, "\\p{Nd}").replace(/\\s/g, PY_SPACE), flags + "u"),
  TRIM = regex("^\\s+|\\s+$", "g"),
  strip = s => s.replace(TRIM, ""),
  normalize = t => strip(t.normalize("NFKC")).toLowerCase(),
  DIGIT = /\p{Nd}/u;
// any Unicode decimal digit -> ASCII (digits come in runs of ten starting at 0)
const asciiDigits = s => s.replace(/\p{Nd}/gu, ch => {
  const cp = ch.codePointAt(0);
  let zero = cp;
  while (DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return str((cp - zero) % 10);
});
function decimal(text) {
  const [whole, fraction = ""] = asciiDigits(text).split(".");
  return [BigInt(whole + fraction || "0"), -fraction.length];
}
const NUMBER = "(\\d+(?:\\.\\d+)?|\\.\\d+)",
  AMOUNT = regex(`^(?:rmb|cny|¥)?\\s*([-+\u2212])?\\s*(?:¥)?\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(万|亿)?\\s*(?:元|块|yuan|rmb|cny)?$`),
  RATE_PERCENT = regex(`^${NUMBER}\\s*(%|‰|‱)?$`),
  RATE_FRACTION = regex(`^(百|千|万)分之\\s*(${NUMBER}|[零一二两三四五六七八九十])$`),
  COUNT = regex(`^(\\d+)\\s*(期|个月|月|months?|天|日|days?)?$`);
// exponent of a unit: % 百 -2, ‰ 千 -3, ‱ 万 -4
const unitExponent = u => -2 - ("%百‰千‱万".indexOf(u) >> 1);
// Longest first, as in parsing.py; the period (y/m/d) is read off the word.
const periodOf = w => (/年|year|yr|pa|p\.a/.test(w) ? "year" : /月|mo/.test(w) ? "month" : "day"),
  periodWords = s => s.split(",").map(w => [w, periodOf(w)]),
  PREFIXES = periodWords("月手续费率,年化利率,年利率,年费率,月费率,月利率,日利率,日费率,年化,年息,月息,日息,年,月,日,天"),
  SUFFIXES = periodWords("per month,per year,a month,per day,a year,/month,/year,a day,p.a.,/day,/yr,/mo,/年,每年,pa,/月,每月,/日,/天,每日,每天,年,月,日,天"),
  PERIOD_ZH = { year: "年", month: "月", day: "日" };

function parseAmount(text, field) {
  const m = AMOUNT.exec(normalize(text));
  if (!m) fail(field, "格式不对（如 12000、1.2万）");
  let value = decimal(m[2].replace(/,/g, ""));
  if (m[3]) value = mul(value, [1n, m[3] === "万" ? 4 : 8]);
  return m[1] === "-" || m[1] === "\u2212" ? [-value[0], value[1]] : value;
}
function parseRate(text, per, field) {
  let core = normalize(text), stated = null, m, value;
  for (const [word, period] of PREFIXES) {
    if (core.startsWith(word)) { core = strip(core.slice(word.length)); stated = period; break; }
  }
  for (const [word, period] of SUFFIXES) {
    if (core.endsWith(word) && core.length > word.length) {
      if (stated && stated !== period) fail(field, "单位矛盾");
      core = strip(core.slice(0, -word.length)); stated = period; break;
    }
  }
  if ((m = RATE_PERCENT.exec(core))) {
    value = decimal(m[1]);
    value[1] += unitExponent(m[2] || "%"); // a bare number is a percent in the field's period
  } else if ((m = RATE_FRACTION.exec(core))) {
    const chinese = "零一二三四五六七八九十".indexOf(m[2].replace("两", "二"));
    value = chinese >= 0 ? dec(chinese) : decimal(m[2]);
    value[1] += unitExponent(m[1]);
  } else fail(field, "格式不对（如 18%、18、0.05%/日）");
  if (stated && stated !== per) fail(field, `这里要${PERIOD_ZH[per]}利率`);
  return value;
}
function parseCount(text, field) {
  const m = COUNT.exec(normalize(text));
  if (!m) fail(field, "须为整数");
  // a unit that is not the field's own is refused (parsing.COUNT_FIELD_UNITS)
  const unit = /days$/.test(field) ? "天" : /(months|period)$/.test(field) ? "月" : 0;
  if (unit && m[2] && (/天|日|d/.test(m[2]) ? "天" : "月") !== unit) fail(field, `这里填${unit}数`);
  return Number(asciiDigits(m[1]));
}
// How a rate was read, and a message when it is implausible for its period
// (calculators.describe_rate / format_rate / rate_warning; bounds from the engine via the registry).
function formatRate(rate) {
  let [c, e] = [rate[0], rate[1] + 2];
  while (c && c % 10n === 0n) { c /= 10n; e++; }
  return (!c ? "0" : e >= 0 ? str(c * pow10(e)) : fixed(c, -e, c < 0n)) + "%";
}
function rateReading(rate, per, label) {
  const [low, high] = REGISTRY.plausible[per].map(decimal), shown = formatRate(rate);
  let warning = null;
  if (compare(rate, ZERO) > 0 && compare(rate, low) < 0) {
    const meant = formatRate([rate[0], rate[1] + 2]).slice(0, -1);
    warning = `${label} ${shown} 低得少见，请核对：数字按百分数读，${meant} 就是 ${meant}%`;
  } else if (compare(rate, high) > 0) warning = `${label} ${shown} 高得少见，请核对合同或 App 上的数字`;
  return [`按 ${label} ${shown} 计算`, warning];
}
// registry options ([value, ...aliases] each) -> {word: value}
const optionWords = name => Object.fromEntries(REGISTRY.options[name].flatMap(words => words.map(w => [w, words[0]])));
function parserOf(kind) {
  const spec = REGISTRY.kinds[kind];
  if (spec.per) return (text, field) => parseRate(text, spec.per, field);
  if (spec.options) {
    const words = optionWords(spec.options);
    return (text, field) => (Object.hasOwn(words, text) ? words[text] : fail(field, "无此选项"));
  }
  if (kind === "count") return parseCount;
  if (kind === "text") return text => text;
  if (kind === "plain") return (text, field) => { const v = parseAmount(text, field); return v[0] < 0n ? fail(field, "不能为负数") : v; };
  return parseAmount;
}
// a type's fields in form order: {name, kind, fallback (null: required)}; "plan" is a compare plan
const fieldsOf = type => TYPES[type === "plan" ? "compare" : type].fields.map(([name, kind, fallback]) => ({ name, kind, fallback }));
// a method's own rate field, and the other one it leaves empty
const RATE_FIELDS = ["annual_rate", "monthly_fee_rate"],
  rateFieldOf = method => TYPES[method]?.rate_field;

// One field's raw text -> value (null for an empty optional field).
function parseField(field, raw, prefix = "") {
  const text = raw[field.name] ?? field.fallback;
  if (text === null) fail(prefix + field.name, "请填写");
  if (text === "") return null;
  return parserOf(field.kind)(text, prefix + field.name); // parsers blame the field they are given
}
function parseSection(type, raw, prefix = "") {
  const values = {};
  for (const field of fieldsOf(type)) values[field.name] = parseField(field, raw, prefix);
  if (values.method) { // early_repayment and plan: the rate that fits the method
    const needed = rateFieldOf(values.method), other = RATE_FIELDS.find(r => r !== needed);
    if (values[needed] === null) fail(prefix + needed, "此还款方式须填");
    if (values[other] !== null) fail(prefix + other, "此还款方式不填");
  }
  return values;
}

// --- validation (calculators/_core.py): each check reads p[f] and blames field f ----------
const need = (p, f) => p[f] ?? fail(f, "请填写");
function cash(p, f, allowZero) {
  const value = need(p, f), sign = compare(value, ZERO);
  if (allowZero ? sign < 0 : sign <= 0) fail(f, allowZero ? "不能为负数" : "须大于 0");
  if (compare(value, [1n, 12]) > 0) fail(f, "过大");
  const fen = toFen(value);
  if (compare(fromFen(fen), value)) fail(f, "最多到分");
  return fen;
}
function bounded(p, f, max, maxText) {
  const value = need(p, f);
  return compare(value, ZERO) < 0 || compare(value, max) > 0 ? fail(f, `须在 0–${maxText}`) : value;
}
function inRange(p, f, lo, hi) {
  const n = need(p, f);
  return n < lo || n > hi ? fail(f, `须在 ${lo}–${hi}`) : n;
}

// --- schedules (calculators/schedules.py) -------------------------------------------------
const MAX_RATE = dec(10), MAX_FEE_RATE = div(dec(10), TWELVE), MAX_DAILY = div(dec(10), dec(360)),
  courtLine = () => decimal(REGISTRY.court_line); // calculators.COURT_REVIEW_THRESHOLD, via the registry

function annuity(principal, annualRate, n) {
  const r = div(annualRate, TWELVE), count = dec(n);
  if (compare(mul(r, count), [1n, -20]) < 0) return mul(div(principal, count), add(ONE, div(mul(r, dec(n + 1)), dec(2))));
  const growth = power(add(ONE, r), n);
  return div(mul(mul(principal, r), growth), sub(growth, ONE));
}
const monthInterest = (balance, annualRate) => toFen(div(mul(fromFen(balance), annualRate), TWELVE)),
  levelPart = (principal, n) => toFen(div(fromFen(principal), dec(n))); // P/n in fen
function levelParts(principal, n) {
  const part = levelPart(principal, n), parts = [];
  let balance = principal;
  for (let t = 1; t <= n; t++) {
    const p = t === n || part > balance ? balance : part;
    parts.push(p); balance -= p;
  }
  return parts;
}
// exact balances b*_0..b*_n of the level schedule paying A*, as present values
function exactBalances(principal, r, n, exact) {
  const b = Array(n + 1).fill(ZERO);
  if (compare(mul(r, dec(n)), [1n, -20]) < 0) for (let k = 0; k <= n; k++) b[k] = mul(exact, dec(n - k));
  else {
    const v = div(ONE, add(ONE, r));
    let w = ONE;
    for (let m = 1; m <= n; m++) { w = mul(w, v); b[n - m] = div(mul(exact, sub(ONE, w)), r); }
  }
  b[0] = fromFen(principal);
  return b;
}
// every row repays principal; last payment and total interest within n+1 fen (schedules._amortizes)
function amortizes(rows, principal, n, payment, exact) {
  const t = BigInt(n + 1),
    off = sub(fromFen(rows.reduce((sum, r) => sum + r[3], 0n)), sub(mul(dec(n), exact), fromFen(principal)));
  return rows.every(r => r[2] > 0n) && absInt(rows[n - 1][1] - payment) <= t && compare([absInt(off[0]), off[1]], fromFen(t)) <= 0;
}
// method, parsed values -> schedule; rows: [period, payment, principal, interest, fee, balance] in fen
function schedule(method, p, withRate = true) {
  const principal = cash(p, "principal"), n = inRange(p, "months", 1, 600),
    upfront = p.upfront_fee ? cash(p, "upfront_fee", true) : 0n;
  if (upfront >= principal) fail("upfront_fee", "须小于本金");
  const rows = [], push = (part, interest, fee) => { balance -= part; rows.push([rows.length + 1, part + interest + fee, part, interest, fee, balance]); };
  let balance = principal, payment;
  if (method === "fee_installment") {
    const charge = toFen(mul(fromFen(principal), bounded(p, "monthly_fee_rate", MAX_FEE_RATE, "83.333…%")));
    levelParts(principal, n).forEach(part => push(part, 0n, charge));
  } else {
    const rate = bounded(p, "annual_rate", MAX_RATE, "1000%");
    if (method === "equal_installment") {
      const exact = annuity(fromFen(principal), rate, n);
      payment = toFen(exact);
      for (let t = 1; t <= n; t++) {
        const interest = monthInterest(balance, rate), part = t === n ? balance : payment - interest;
        push(part > balance ? balance : part, interest, 0n);
      }
      if (p.rounding === "carry" || !amortizes(rows, principal, n, payment, exact)) {
        // carry the sub-fen remainder (schedules._carry_rows): interest on the exact balance
        rows.length = 0; balance = principal; payment = toFen(sub(exact, [5n, -3])); // A* rounded down
        const r = div(rate, TWELVE), b = exactBalances(principal, r, n, exact);
        let owed = ZERO, charged = 0n;
        for (let t = 1; t <= n; t++) {
          owed = add(owed, div(mul(b[t - 1], rate), TWELVE));
          const interest = toFen(owed) - charged;
          charged += interest;
          const part = t === n ? balance : payment - interest;
          push(part > balance ? balance : part, interest, 0n);
        }
        if (n === 1) payment = rows[0][1];
        if (!amortizes(rows, principal, n, payment, exact)) fail("months", "每期还不到 1 分钱本金，请减少期数");
      }
    } else levelParts(principal, n).forEach(part => push(part, monthInterest(balance, rate), 0n));
  }
  const total = k => rows.reduce((sum, r) => sum + r[k], 0n);
  const s = { method, principal, n, upfront, rows, rate: p.annual_rate, feeRate: p.monthly_fee_rate,
    payment: payment ?? rows[0][1], interest: total(3), fees: total(4) + upfront, paid: total(1) };
  s.flows = [principal - upfront, ...rows.map(r => -r[1])];
  if (withRate) s.apr = annualized(s.flows);
  return s;
}

// --- annualized rate (calculators/irr.py): monthly IRR r; simple 12r, compound (1+r)^12 - 1
function annualized(flows) {
  if (flows.reduce((sum, v) => sum + v, 0n) === 0n) return { simple: ZERO, compound: ZERO, above: false, aboveSimple: false };
  if (flows.length === 2) {
    // one payment: r is exact; Python reports it to 30 digits
    const r = div(fromFen(-flows[1] - flows[0]), fromFen(flows[0]), 30),
      compound = sub(power(add(ONE, r), 12), ONE), simple = mul(TWELVE, r);
    return { simple, compound, above: compare(compound, courtLine()) > 0, aboveSimple: compare(simple, courtLine()) > 0 };
  }
  const cf = flows.map(Number);
  const valueAndSlope = r => { // p(x) and dp/dr with x = 1/(1+r), Horner
    const x = 1 / (1 + r);
    let v = 0, d = 0;
    for (let t = cf.length - 1; t >= 0; t--) { d = d * x + v; v = v * x + cf[t]; }
    return [v, -x * x * d];
  };
  // p(r) rises from p(0) < 0: bracket the root, then safeguarded Newton
  let lo = 0, hi = 1;
  while (valueAndSlope(hi)[0] < 0 && hi < 1e15) { lo = hi; hi *= 2; }
  const repaid = -cf.slice(1).reduce((sum, v) => sum + v, 0);
  let r = 2 * (repaid - cf[0]) / (cf[0] * cf.length);
  if (!(r > lo && r < hi)) r = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const [v, d] = valueAndSlope(r);
    if (v === 0) break;
    if (v < 0) lo = r; else hi = r;
    let next = r - v / d;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const done = Math.abs(next - r) <= 1e-15 * Math.max(1, r);
    r = next;
    if (done) break;
  }
  const compound = Math.expm1(12 * Math.log1p(r)), line = Number(REGISTRY.court_line);
  return { simple: 12 * r, compound, above: compound > line, aboveSimple: 12 * r > line };
}

// --- early repayment (calculators/prepayment.py) -----------------------------------------
// schedule s, prepay after period k -> the view's fields
function earlyRepayment(s, p) {
  const n = s.n, k = need(p, "after_period"), keep = p.keep;
  if (k < 1 || k > n - 1) fail("after_period", n === 1 ? "无可提前的期" : `须在 1–${n - 1}`);
  if (keep !== "term" && keep !== "payment") fail("keep", "无此选项");
  const feeRate = bounded(p, "fee_rate", ONE, "100%"),
    outstanding = s.rows[k - 1][5], chargesLeft = s.rows.slice(k).reduce((sum, r) => sum + r[3] + r[4], 0n);
  if (!outstanding) fail("after_period", "已无剩余本金");
  let paid = outstanding;
  if (p.amount) {
    paid = cash(p, "amount");
    if (paid > outstanding) fail("amount", `超过剩余本金 ${money(outstanding)}`);
  }
  const fee = toFen(mul(fromFen(paid), feeRate)), rest = outstanding - paid;
  let saved = chargesLeft, after = null, months = n - k;
  if (rest) {
    if (keep === "payment") { // fewest months whose level amount is not above the old one
      let old = levelPart(s.principal, s.n), levelFor = m => levelPart(rest, m);
      if (s.method === "equal_installment") {
        old = s.payment; levelFor = m => toFen(annuity(fromFen(rest), s.rate, m));
      } else if (s.method === "fee_installment") {
        const charge = toFen(mul(fromFen(rest), s.feeRate));
        old += toFen(mul(fromFen(s.principal), s.feeRate)); levelFor = m => levelPart(rest, m) + charge;
      }
      let lo = 1, hi = months;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (levelFor(mid) <= old) hi = mid; else lo = mid + 1; }
      months = lo;
    }
    const terms = { principal: fromFen(rest), months, annual_rate: s.rate, monthly_fee_rate: s.feeRate };
    after = schedule(s.method, terms, false);
    // the payment kept: the level one, or with one period left the old last payment
    const cap = n - k > 1 ? s.payment : s.rows[n - 1][1];
    if (keep === "payment" && after.payment > cap) { // prepayment._keep_payment_fallback
      if (s.method === "equal_installment") after = schedule(s.method, { ...terms, rounding: "carry" }, false);
      if (after.payment > cap) fail("amount", "太少，月供会多 1 分钱");
    }
    saved -= after.interest + after.fees;
  }
  return { method_label: TYPES[s.method].method_label, principal: money(s.principal), months: str(n), payment: money(s.payment),
    after_period: str(k), outstanding: money(outstanding), amount: money(paid), full: !after, fee_rate: percent(p.fee_rate),
    fee: money(fee), amount_due: money(paid + fee), interest_saved: money(saved), net_saving: money(saved - fee),
    keep: after ? keep : "", new_payment: after ? money(after.payment) : "", new_months: after ? str(after.n) : "0" };
}

// --- views (calc_blocks.compute) ---------------------------------------------------------
function scheduleView(s) {
  const last = s.rows[s.n - 1];
  return {
    method: s.method, method_label: TYPES[s.method].method_label, principal: money(s.principal), months: str(s.n),
    payment: money(s.payment), last_payment: money(last[1]), fee: money(s.rows[0][4]), upfront_fee: money(s.upfront),
    total_interest: money(s.interest), total_fee: money(s.fees), total_cost: money(s.interest + s.fees),
    total_payment: money(s.paid), charged: money(s.interest + s.fees - s.upfront),
    apr_simple: percent(s.apr.simple), apr_compound: percent(s.apr.compound), above_24: s.apr.above, above_24_simple: s.apr.aboveSimple,
    rows: s.rows.map(r => [str(r[0]), money(r[1]), money(r[2]), money(r[3] + r[4]), money(r[5])]),
    bars: s.rows.map(r => [Number(r[2]), Number(r[3] + r[4])]),
  };
}
function overdueView(p) {
  const principal = cash(p, "overdue_principal", true), interest = cash(p, "overdue_interest", true);
  if (principal + interest === 0n) fail("overdue_principal", "本金和利息不能都为 0");
  const rate = bounded(p, "annual_rate", MAX_RATE, "1000%"), days = inRange(p, "days", 0, 36500),
    multiplier = bounded(p, "penalty_multiplier", dec(10), "10"), basis = need(p, "basis");
  if (basis !== 360 && basis !== 365) fail("basis", "须为 360 或 365");
  const lateRate = bounded(p, "late_fee_rate", ONE, "100%"), penaltyRate = mul(rate, multiplier),
    charge = x => toFen(div(mul(mul(fromFen(x), penaltyRate), dec(days)), dec(basis))),
    penalty = charge(principal), compound = charge(interest),
    lateFee = days > 0 ? toFen(mul(fromFen(principal + interest), lateRate)) : 0n, total = penalty + compound + lateFee,
    annual = days > 0 ? div(mul(div(fromFen(total), fromFen(principal + interest)), dec(basis)), dec(days)) : ZERO;
  let [c, e] = round(multiplier[0], multiplier[1], 28); // Decimal.normalize() in the default 28-digit context
  while (c && c % 10n === 0n) { c /= 10n; e++; }
  if (!c) e = 0;
  return { overdue_principal: money(principal), overdue_interest: money(interest), annual_rate: percent(rate),
    penalty_rate: percent(penaltyRate), multiplier: e >= 0 ? str(c * pow10(e)) : fixed(c, -e, false), days: str(days),
    basis: str(basis), late_fee_rate: percent(lateRate), penalty_interest: money(penalty), compound_interest: money(compound),
    late_fee: money(lateFee), total: money(total), owed: money(principal + interest + total), annualized: percent(annual), above_24: compare(annual, courtLine()) > 0 };
}
function compute(type, p, title) {
  const view = { type, title }, put = fields => Object.assign(view, fields);
  if (TYPES[type]?.table === "schedule") {
    const feeRate = p.monthly_fee_rate;
    put(scheduleView(schedule(type, p)));
    if (feeRate) put({ nominal_rate: percent(round(feeRate[0] * 12n, feeRate[1], 28)), monthly_fee_rate: percent(feeRate) });
    else view.annual_rate = percent(p.annual_rate);
  } else if (type === "daily_interest") {
    const principal = cash(p, "principal"), rate = bounded(p, "daily_rate", MAX_DAILY, "2.7777…%"), days = inRange(p, "days", 0, 36500);
    put({ principal: money(principal), days: str(days), daily_rate: percent(rate, 3),
      interest: money(toFen(mul(mul(fromFen(principal), rate), dec(days)))),
      annual_360: percent(mul(rate, dec(360))), annual_365: percent(mul(rate, dec(365))) });
  } else if (type === "overdue") {
    put(overdueView(p));
  } else if (type === "early_repayment") {
    put(earlyRepayment(schedule(p.method, p, false), p));
  } else if (p.plans) {
    view.plans = p.plans.map((plan, i) => {
      try { return planView(plan); } catch (error) { // name the plan's own field, as Python does
        error.field = `plans[${i + 1}]` + (error.field ? "." + error.field : "");
        throw error;
      }
    });
  }
  return view;
}
function planView(plan) {
  const s = schedule(plan.method, plan), pause = inRange(plan, "pause_months", 0, 120);
  if (pause) s.apr = annualized([s.flows[0], ...Array(pause).fill(0n), ...s.flows.slice(1)]);
  // a plan's view: the schedule's, less what a plan does not show
  const { method, principal, fee, upfront_fee, total_interest, total_fee, charged, rows, bars, ...shown } = scheduleView(s);
  return { ...shown, name: plan.name, pause_months: str(pause), months: str(s.n + pause),
    cost_fen: Number(s.interest + s.fees), payment_fen: Number(s.payment) };
}
// The view of a block from its raw strings (compare: {plans: [...]}); throws Error with .field.
function view(type, raw, title = "") {
  if (type === "compare") {
    const plans = raw.plans.map((r, i) => parseSection("plan", r, `plans[${i + 1}].`));
    return compute(type, { plans }, title);
  }
  if (!TYPES[type]) fail("type", "未知");
  return compute(type, parseSection(type, raw), title);
}

// --- templates (the registry's language; calc_registry.fill / lines) ----------------------
const PART = /\{>(\w+)\}|\{(\w+)\}|\[(\w+)\]/g,
  CONDITION = /^(?:(not )?(\w+)|(\w+) (==|!=) (\S+))$/;
function holds(condition, v) {
  const m = CONDITION.exec(condition);
  if (m[2]) {
    const value = v[m[2]], truthy = value === true || (typeof value === "string" && value !== "");
    return m[1] ? !truthy : truthy;
  }
  return (str(v[m[3]]) === m[5]) === (m[4] === "==");
}
function choose(cases, v) {
  for (const c of cases) {
    if (!("if" in c)) return c.else;
    if (holds(c.if, v)) return c.then;
  }
  return null;
}
const isConditional = item => Array.isArray(item) && item.length > 0 && item.every(x => x && typeof x === "object" && !Array.isArray(x));
function fill(template, v) {
  if (typeof template !== "string") return fill(choose(template, v) ?? "", v);
  return template.replace(PART, (_, snippet, plain, strong) =>
    snippet ? fill(REGISTRY.snippets[snippet], v) : strong ? `<strong>${esc(v[strong])}</strong>` : esc(v[plain]));
}
function lines(items, v) {
  return items.flatMap(item => {
    if (typeof item === "string") return [fill(item, v)];
    const chosen = isConditional(item) ? choose(item, v) : item;
    return chosen == null ? [] : lines(typeof chosen === "string" ? [chosen] : chosen, v);
  });
}

// --- HTML (calc_render.output) -----------------------------------------------------------
function summary(v) {
  const type = TYPES[v.type],
    items = type.summary_each ? v.plans.map(plan => fill(type.summary_each, plan)) : lines(type.summary, v);
  return `<ul class="calc-summary">${items.map(s => `<li>${s}</li>`).join("")}</ul>`;
}
const CELL = '<td class="num">',
  cells = values => values.map(c => CELL + esc(c) + "</td>").join(""),
  tableRow = ([head, ...rest]) => `<tr><th scope="row">${esc(head)}</th>${cells(rest)}</tr>`,
  tableRows = list => list.map(tableRow).join(""),
  tableHead = cols => `<thead><tr>${cols.map(c => `<th scope="col">${c}</th>`).join("")}</tr></thead>`,
  table = (caption, cols, body) => `<table class="calc-table"><caption>${caption}</caption>${tableHead(cols)}<tbody>${body}</tbody>`,
  FOLD_HEAD = 3, FOLD_TAIL = 3, CHART_W = 600, CHART_H = 160, MAX_BARS = 60;
function scheduleTable(v) {
  const spec = REGISTRY.tables.schedule, all = v.rows, n = all.length, charge = TYPES[v.type].charge,
    cols = spec.columns.map(c => fill(c, { charge })),
    withBody = body => table(fill(spec.caption, { method_label: v.method_label, count: n }), cols, body);
  const foot = `<tfoot><tr><th scope="row">${spec.total}</th>${cells([v.total_payment, v.principal, v.charged])}<td></td></tr></tfoot></table>`;
  if (n <= FOLD_HEAD + FOLD_TAIL + 6) return withBody(tableRows(all)) + foot;
  const gap = `<tr class="calc-gap"><td colspan="5">${fill(spec.fold, { from: FOLD_HEAD + 1, to: n - FOLD_TAIL })}</td></tr>`;
  return withBody(tableRows(all.slice(0, FOLD_HEAD)) + gap + tableRows(all.slice(-FOLD_TAIL))) + foot +
    `<details class="calc-all"><summary>${fill(spec.expand, { count: n })}</summary>${withBody(tableRows(all))}</table></details>`;
}
const svg = (height, desc, rects) => `<figure class="calc-chart"><svg viewBox="0 0 ${CHART_W} ${height}" role="img" aria-label="${esc(desc)}" preserveAspectRatio="none">${rects.join("")}</svg>`,
  rect = (cls, x, y, w, h) => `<rect class="calc-bar-${cls}" x="${x}" y="${y}" width="${w}" height="${h}"></rect>`;
function scheduleChart(v) {
  let bars = v.bars.map(b => b.map(BigInt));
  if (bars.length > MAX_BARS) { // a year a bar
    const years = [];
    for (let i = 0; i < bars.length; i += 12) years.push(bars.slice(i, i + 12).reduce((s, b) => [s[0] + b[0], s[1] + b[1]], [0n, 0n]));
    bars = years;
  }
  const unit = bars.length === v.bars.length ? "期" : "年", height = BigInt(CHART_H),
    top = bars.reduce((m, [p, i]) => (p + i > m ? p + i : m), 0n) || 1n,
    width = Math.floor(CHART_W / bars.length), gap = width > 3 ? 1 : 0, rects = [];
  bars.forEach(([p, i], k) => {
    const hp = p * height / top, hi = (p + i) * height / top - hp;
    rects.push(rect("p", k * width, height - hp, width - gap, hp));
    if (hi) rects.push(rect("i", k * width, height - hp - hi, width - gap, hi));
  });
  const charge = TYPES[v.type].charge, first = v.rows[0], last = v.rows[v.rows.length - 1],
    desc = `每${unit}还款中本金和${charge}的构成。第 1 期还本金 ${first[2]} 元、${charge} ${first[3]} 元；最后一期还本金 ${last[2]} 元、${charge} ${last[3]} 元。`;
  return svg(CHART_H, desc, rects) + `<figcaption><span class="calc-key calc-key-p"></span>本金　<span class="calc-key calc-key-i"></span>${charge}（每根柱子是一${unit}）</figcaption></figure>`;
}
function compareChart(v) {
  const plans = v.plans, top = BigInt(Math.max(...plans.map(p => p.cost_fen)) || 1), row = 28,
    rects = plans.map((p, i) => rect("i", 0, i * row + 4, BigInt(p.cost_fen) * BigInt(CHART_W) / top, row - 8)),
    desc = "各方案利息和费用合计：" + plans.map(p => `${p.name} ${p.total_cost} 元`).join("；") + "。";
  return svg(row * plans.length, desc, rects) + `<figcaption>利息和费用合计，从上到下依次为：${esc(plans.map(p => p.name).join("、"))}</figcaption></figure>`;
}
function compareTable(v) {
  const spec = REGISTRY.tables.compare;
  return table(spec.caption, spec.columns.map(c => c[0]), tableRows(v.plans.map(p => spec.columns.map(c => p[c[1]])))) + "</table>";
}
function render(v) {
  const kind = TYPES[v.type].table;
  const lead = TYPES[v.type].lead;
  let html = (v.title ? `<p class="calc-title"><strong>${esc(v.title)}</strong></p>` : "") +
    (lead ? `<p class="calc-lead">${fill(lead, v)}</p>` : "") + summary(v);
  if (kind === "schedule") html += scheduleChart(v) + scheduleTable(v);
  else if (kind === "compare") html += compareChart(v) + compareTable(v);
  return html;
}

// the reading of a rate field's text (for the tests): [reading, warning or null]
const reading = (kind, text, label) => rateReading(parserOf(kind)(text, ""), REGISTRY.kinds[kind].per, label);
globalThis.BHCalc = { use, view, render, reading };

// --- the form (built into the page hidden by calc_render.form; shown here) ---------------
const one = (el, selector) => el.querySelector(selector), all = (el, selector) => [...el.querySelectorAll(selector)],
  CONTROLS = "input,select";

function setup(el) {
  const type = el.dataset.calc, out = one(el, ".calc-output"), form = one(el, ".calc-form"), isCompare = type === "compare",
    note = one(el, ".calc-stale-note"), inputs = one(el, ".calc-inputs");
  if (!form) return;
  let timer;
  const title = one(el, ".calc-output > .calc-title strong")?.textContent || "", fields = fieldsOf(isCompare ? "plan" : type);
  form.hidden = inputs.hidden = false;
  // one .calc-fields per section; a control's box (.calc-field) is its parent, its message its next element
  const sections = all(form, ".calc-fields"), controls = section => all(section, CONTROLS);

  // Show only the rate field that fits the chosen method; read the raw strings.
  const toggle = () => sections.forEach(section => {
    const method = one(section, "[name=method]");
    if (method) RATE_FIELDS.forEach(r => { one(section, `[name=${r}]`).parentNode.hidden = r !== rateFieldOf(method.value); });
  });
  // Once she changes a value, the page's own heading (which describes the page's numbers) would be stale.
  const edited = () => controls(form).some(c => (c.options ? [...c.options].some(o => o.selected !== o.defaultSelected) : c.value !== c.defaultValue));
  const read = () => sections.map(section => Object.fromEntries(controls(section).map(c => [c.name, c.parentNode.hidden ? "" : c.value])));
  // An error by its field (plans[i].name in a compare block), else in the stale note.
  function showError(plan, field, message) {
    const [, index, name] = /^(?:plans\[(\d+)\]\.)?(.*)$/.exec(field || ""),
      control = sections[index ? index - 1 : plan || 0]?.querySelector(`[name="${name}"]`);
    if (!control || control.parentNode.hidden) { note.textContent += message; return; }
    const box = control.nextElementSibling;
    box.textContent = message;
    box.hidden = false;
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", box.id);
  }
  // Beside each rate field: how its number was read, and a message if it is implausible.
  function showReadings() {
    sections.forEach(section => fields.forEach(field => {
      const per = REGISTRY.kinds[field.kind].per, control = per && one(section, `[name="${field.name}"]`);
      if (!control) return;
      const readingBox = control.nextElementSibling.nextElementSibling, warningBox = readingBox.nextElementSibling;
      let shown = ["", null];
      try {
        const value = control.value && parserOf(field.kind)(control.value, field.name);
        if (value) shown = rateReading(value, per, control.labels[0].textContent);
        if (value && control.value.trim() === formatRate(value)) shown[0] = ""; // "18%" says it already
      } catch { /* the field's message says why */ }
      readingBox.textContent = shown[0];
      warningBox.textContent = shown[1] || "";
      readingBox.hidden = !shown[0];
      warningBox.hidden = !shown[1];
      const described = [shown[0] && readingBox.id, shown[1] && warningBox.id].filter(Boolean).join(" ");
      if (described) control.setAttribute("aria-describedby", described);
    }));
  }
  function update(announce) {
    for (const c of controls(form)) { c.removeAttribute("aria-invalid"); c.removeAttribute("aria-describedby"); c.nextElementSibling.hidden = true; }
    showReadings();
    note.textContent = "输入有误，下面仍是上一次的结果。";
    const raws = read(), errors = [];
    raws.forEach((raw, i) => fields.forEach(field => {
      try {
        if (raw[field.name] === "" && field.fallback === null) fail(field.name, "请填写");
        parseField(field, raw);
      } catch (error) { errors.push([i, error.field, error.message]); }
    }));
    let result;
    if (!errors.length) {
      try { result = view(type, isCompare ? { plans: raws } : raws[0], title && edited() ? REGISTRY.texts.edited_title : title); } catch (error) { errors.push([0, error.field, error.message]); }
    }
    el.classList.toggle("calc-stale", !!errors.length);
    note.hidden = !errors.length;
    if (errors.length) return errors.forEach(e => showError(...e));
    const open = one(out, "details")?.open;
    out.innerHTML = render(result);
    if (open) one(out, "details").open = true;
    // for print: what was entered
    inputs.innerHTML = sections.map((section, i) => (isCompare ? `<li><strong>方案 ${i + 1}</strong></li>` : "") +
      controls(section).filter(c => !c.parentNode.hidden)
        .map(c => `<li>${esc(c.labels[0].textContent)}：${esc((c.selectedOptions?.[0].text ?? c.value) || "（空）")}</li>`).join("")).join("");
    if (announce) one(el, ".calc-status").textContent = [one(out, ".calc-lead"), ...all(out, ".calc-summary li").slice(isCompare ? 0 : 1)]
      .filter(Boolean).map(node => node.textContent.replace(/。$/, "")).join("；") + "。";
  }
  form.addEventListener("input", event => {
    if (event.target.name === "method") toggle();
    clearTimeout(timer);
    timer = setTimeout(() => update(true), 150);
  });
  form.addEventListener("submit", event => { event.preventDefault(); update(true); });
  form.addEventListener("click", event => {
    const act = event.target.dataset?.act;
    if (act === "print") printBlock(el);
    if (act === "reset") {
      form.reset();
      toggle();
      clearTimeout(timer);
      update(true);
    }
  });
  toggle();
  update(false);
}

// Print this block alone (its inputs and results), not the whole article: calc.css hides every
// element that is neither on the path from <body> to the block nor inside it, until afterprint.
function printBlock(el) {
  const path = [];
  for (let node = el.parentElement; node && node !== document.documentElement; node = node.parentElement) path.push(node);
  const mark = on => {
    path.forEach(node => node.classList.toggle("calc-print-path", on));
    el.classList.toggle("calc-print-this", on);
  };
  mark(true);
  addEventListener("afterprint", () => mark(false), { once: true });
  window.print();
}

if (typeof document === "undefined") return; // node --test loads the arithmetic and the views only
const start = () => {
  document.querySelectorAll("script.calc-registry").forEach(script => use(JSON.parse(script.textContent)));
  document.querySelectorAll(".calc[data-calc]").forEach(setup);
};
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();
