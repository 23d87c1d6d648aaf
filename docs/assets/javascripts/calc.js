/* 借款人手册 · calc.js: makes each ```calc block an editable form. Mirrors hooks/calc_blocks.py
 * (view) and hooks/calc_render.py (HTML) to the fen: money in BigInt fen, decimals rounded like
 * Python's 40-digit Decimal context, IRR in floating point. No network, nothing stored.
 * The form itself is built into the page (calc_render.form, hidden until this script runs).
 * Size budget: ≤ 10 KB gzip as served (rjsmin strips comments and whitespace only), so
 * internal names are short; each block below says what it mirrors. */
(() => {
"use strict";

// --- decimals: [BigInt coefficient, exponent]
const P10 = k => 10n ** BigInt(k),
  abs = c => (c < 0n ? -c : c),
  len = c => abs(c).toString().length,
  N = n => [BigInt(n), 0],
  ZERO = N(0), ONE = N(1), TWELVE = N(12);

// p significant digits, half-even; sticky: a non-zero remainder was cut off
function rnd(c, e, p = 40, sticky) {
  const k = len(c) - p;
  if (k <= 0) return [c, e];
  const m = P10(k), h = m / 2n, r = abs(c) % m;
  let q = abs(c) / m;
  if (r > h || (r === h && (sticky || q % 2n))) q++;
  return [c < 0n ? -q : q, e + k];
}
const mul = (a, b, p) => rnd(a[0] * b[0], a[1] + b[1], p);
// both coefficients on the smaller exponent: [x, y, e]
function align(a, b) {
  const e = Math.min(a[1], b[1]);
  return [a[0] * P10(a[1] - e), b[0] * P10(b[1] - e), e];
}
const add = (a, b) => { const [x, y, e] = align(a, b); return rnd(x + y, e); },
  sub = (a, b) => add(a, [-b[0], b[1]]),
  cmp = (a, b) => { const [x, y] = align(a, b); return x < y ? -1 : x > y ? 1 : 0; };
function div(a, b, p = 40) {
  if (!a[0]) return ZERO;
  const s = Math.max(0, p + 2 + len(b[0]) - len(a[0])), x = abs(a[0]) * P10(s), y = abs(b[0]),
    [c, e] = rnd(x / y, a[1] - b[1] - s, p, x % y !== 0n);
  return [(a[0] < 0n) !== (b[0] < 0n) ? -c : c, e];
}
// integer power as libmpdec does it
function pow(a, n) {
  const w = 42 + String(n).length;
  let r = a;
  for (const bit of n.toString(2).slice(1)) {
    r = mul(r, r, w);
    if (bit === "1") r = mul(r, a, w);
  }
  return rnd(...r);
}
// a × 10^places as an integer, half-up
function quant(a, places) {
  const e = a[1] + places;
  if (e >= 0) return a[0] * P10(e);
  const m = P10(-e);
  let q = abs(a[0]) / m;
  if ((abs(a[0]) % m) * 2n >= m) q++;
  return a[0] < 0n ? -q : q;
}
const fen = a => quant(a, 2),
  D = f => [f, -2]; // fen -> decimal

// --- display -----------------------------------------------------------------------
function fixed(k, places, neg) {
  const s = abs(k).toString().padStart(places + 1, "0");
  return (neg ? "-" : "") + s.slice(0, -places) + "." + s.slice(-places);
}
// M: fen -> "1,234.56"
const M = f => fixed(f, 2, f < 0n).replace(/\d+/, d => d.replace(/\B(?=(\d{3})+$)/g, ","));
// rate (decimal, or a float from the IRR) -> "12.34%"
function pct(rate, places = 2) {
  if (typeof rate === "number") {
    const k = Math.floor(Math.abs(rate) * 100 * 10 ** places + 0.5);
    return fixed(BigInt(k), places, rate < 0 && k > 0) + "%";
  }
  const v = mul(rate, N(100));
  return fixed(quant(v, places), places, v[0] < 0n) + "%";
}
const S = String,
  esc = s => S(s).replace(/[&<>"']/g, c => "&" + { "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#x27" }[c] + ";");

// --- parsing (calculators/parsing.py) ----------------------------------------------------
// fail(field, message): every error carries the field Python names
const fail = (field, msg) => { throw Object.assign(new Error(msg), { field }); };
// Python's \s: JS \s without U+FEFF, plus \x1c-\x1f and \x85
const WS = "(?:[^\\S\\ufeff]|[\\x1c-\\x1f\\x85])",
  re = (s, g = "") => new RegExp(s.replace(/\\d/g, "\\p{Nd}").replace(/\\s/g, WS), g + "u"),
  TRIM = re("^\\s+|\\s+$", "g"),
  strip = s => s.replace(TRIM, ""),
  norm = t => strip(t.normalize("NFKC")).toLowerCase(),
  ND = /\p{Nd}/u;
// any Unicode decimal digit -> ASCII (digits come in runs of ten starting at 0)
const ascii = s => s.replace(/\p{Nd}/gu, ch => {
  const cp = ch.codePointAt(0);
  let z = cp;
  while (ND.test(String.fromCodePoint(z - 1))) z--;
  return S((cp - z) % 10);
});
function dec(s) {
  const [i, f = ""] = ascii(s).split(".");
  return [BigInt(i + f || "0"), -f.length];
}
const NUM = "(\\d+(?:\\.\\d+)?|\\.\\d+)",
  AMOUNT = re(`^(?:rmb|cny|¥)?\\s*([-+\u2212])?\\s*(?:¥)?\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(万|亿)?\\s*(?:元|块|yuan|rmb|cny)?$`),
  RATE_PCT = re(`^${NUM}\\s*(%|‰|‱)?$`),
  RATE_FRAC = re(`^(百|千|万)分之\\s*(${NUM}|[零一二两三四五六七八九十])$`),
  COUNT = re(`^(\\d+)\\s*(期|个月|月|months?|天|日|days?)?$`);
// exponent of a unit: % 百 -2, ‰ 千 -3, ‱ 万 -4
const scale = u => -2 - ("%百‰千‱万".indexOf(u) >> 1);
// Longest first, as in parsing.py; the period (y/m/d) is read off the word.
const period = w => (/年|year|yr|pa|p\.a/.test(w) ? "y" : /月|mo/.test(w) ? "m" : "d"),
  words = s => s.split(",").map(w => [w, period(w)]),
  PREFIX = words("月手续费率,年化利率,年利率,年费率,月费率,月利率,日利率,日费率,年化,年息,月息,日息,年,月,日,天"),
  SUFFIX = words("per month,per year,a month,per day,a year,/month,/year,a day,p.a.,/day,/yr,/mo,/年,每年,pa,/月,每月,/日,/天,每日,每天,年,月,日,天");

function parseAmount(text, f) {
  const m = AMOUNT.exec(norm(text));
  if (!m) fail(f, "格式不对（如 12000、1.2万）");
  let v = dec(m[2].replace(/,/g, ""));
  if (m[3]) v = mul(v, [1n, m[3] === "万" ? 4 : 8]);
  return m[1] === "-" || m[1] === "\u2212" ? [-v[0], v[1]] : v;
}
function parseRate(text, per, f) {
  let core = norm(text), stated = null, m, v;
  for (const [w, p] of PREFIX) {
    if (core.startsWith(w)) { core = strip(core.slice(w.length)); stated = p; break; }
  }
  for (const [w, p] of SUFFIX) {
    if (core.endsWith(w) && core.length > w.length) {
      if (stated && stated !== p) fail(f, "单位矛盾");
      core = strip(core.slice(0, -w.length)); stated = p; break;
    }
  }
  if ((m = RATE_PCT.exec(core))) {
    v = dec(m[1]);
    v[1] += scale(m[2] || "%"); // a bare number is a percent in the field's period
  } else if ((m = RATE_FRAC.exec(core))) {
    const cn = "零一二三四五六七八九十".indexOf(m[2].replace("两", "二"));
    v = cn >= 0 ? N(cn) : dec(m[2]);
    v[1] += scale(m[1]);
  } else fail(f, "格式不对（如 18%、18、0.05%/日）");
  if (stated && stated !== per) fail(f, `这里要${"年月日"["ymd".indexOf(per)]}利率`);
  return v;
}
function parseCount(text, f) {
  const m = COUNT.exec(norm(text));
  if (!m) fail(f, "须为整数");
  // a unit that is not the field's own is refused (parsing.COUNT_FIELD_UNITS)
  const u = /days$/.test(f) ? "天" : /(months|period)$/.test(f) ? "月" : 0;
  if (u && m[2] && (/天|日|d/.test(m[2]) ? "天" : "月") !== u) fail(f, `这里填${u}数`);
  return Number(ascii(m[1]));
}
// "value,alias,…" groups -> {word: value} (calc_blocks.METHODS, KEEPS)
const aliases = s => Object.fromEntries(s.split(" ").flatMap(g => g.split(",").map((w, _, a) => [w, a[0]]))),
  METHODS = aliases("equal_installment,等额本息 equal_principal,等额本金 fee_installment,分期手续费,等本等费"),
  KEEPS = aliases("term,期限不变 payment,月供不变"),
  choice = opts => (t, f) => (Object.keys(opts).includes(t) ? opts[t] : fail(f, "无此选项"));
// field kinds: a amount, y/m/d rate per year/month/day, c count, p plain (≥ 0), t text, M method, K keep
const PARSE = {
  a: parseAmount, c: parseCount, t: t => t, M: choice(METHODS), K: choice(KEEPS),
  p: (t, f) => { const v = parseAmount(t, f); return v[0] < 0n ? fail(f, "不能为负数") : v; },
};
for (const k of "ymd") PARSE[k] = (t, f) => parseRate(t, k, f);
// type -> "field:kind[=default]" (no "=": required); mirrors calc_blocks.SPECS
const SPECS = {
  equal_installment: "principal:a annual_rate:y months:c",
  fee_installment: "principal:a monthly_fee_rate:m months:c upfront_fee:a=0",
  daily_interest: "principal:a daily_rate:d days:c",
  overdue: "overdue_principal:a overdue_interest:a=0 annual_rate:y days:c penalty_multiplier:p=1.5 basis:c=360 late_fee_rate:y=0",
  early_repayment: "method:M principal:a annual_rate:y= monthly_fee_rate:m= months:c after_period:c amount:a= fee_rate:y=0 keep:K=term",
  plan: "name:t method:M principal:a annual_rate:y= monthly_fee_rate:m= months:c pause_months:c=0 upfront_fee:a=0",
};
SPECS.equal_principal = SPECS.equal_installment;
const spec = type => SPECS[type].split(" ").map(s => {
  const [name, rest] = s.split(":"), [kind, dflt = null] = rest.split("=");
  return { name, kind, dflt };
});
// the two rate fields; a method takes RATES[isFee(method)] and leaves the other empty
const RATES = ["annual_rate", "monthly_fee_rate"], isFee = m => +(m === "fee_installment");

// One field's raw text -> value (null for an empty optional field).
function parseField(fs, raw, prefix = "") {
  const text = raw[fs.name] ?? fs.dflt;
  if (text === null) fail(prefix + fs.name, "请填写");
  if (text === "") return null;
  return PARSE[fs.kind](text, prefix + fs.name); // parsers blame the field they are given
}
function parseSection(type, raw, prefix = "") {
  const p = {};
  for (const fs of spec(type)) p[fs.name] = parseField(fs, raw, prefix);
  if (p.method) { // early_repayment and plan: the rate that fits the method
    const f = isFee(p.method), need = RATES[f], other = RATES[1 - f];
    if (p[need] === null) fail(prefix + need, "此还款方式须填");
    if (p[other] !== null) fail(prefix + other, "此还款方式不填");
  }
  return p;
}

// --- validation (calculators/_core.py): each check reads p[f] and blames field f
const need = (p, f) => p[f] ?? fail(f, "请填写");
function cash(p, f, allowZero) {
  const v = need(p, f), s = cmp(v, ZERO);
  if (allowZero ? s < 0 : s <= 0) fail(f, allowZero ? "不能为负数" : "须大于 0");
  if (cmp(v, [1n, 12]) > 0) fail(f, "过大");
  const q = fen(v);
  if (cmp(D(q), v)) fail(f, "最多到分");
  return q;
}
function bounded(p, f, max, text) {
  const v = need(p, f);
  return cmp(v, ZERO) < 0 || cmp(v, max) > 0 ? fail(f, `须在 0–${text}`) : v;
}
function range(p, f, lo, hi) {
  const n = need(p, f);
  return n < lo || n > hi ? fail(f, `须在 ${lo}–${hi}`) : n;
}

// --- schedules (calculators/schedules.py) ---------------------------------------------
const LABELS = { equal_installment: "等额本息", equal_principal: "等额本金", fee_installment: "等本等费（分期手续费）" },
  MAX_RATE = N(10), MAX_FEE_RATE = div(N(10), TWELVE), MAX_DAILY = div(N(10), N(360));

function annuity(P, a, n) {
  const r = div(a, TWELVE), nn = N(n);
  if (cmp(mul(r, nn), [1n, -20]) < 0) return mul(div(P, nn), add(ONE, div(mul(r, N(n + 1)), N(2))));
  const g = pow(add(ONE, r), n);
  return div(mul(mul(P, r), g), sub(g, ONE));
}
const interest = (bal, a) => fen(div(mul(D(bal), a), TWELVE)),
  level = (P, n) => fen(div(D(P), N(n))); // P/n in fen
function levelParts(P, n) {
  const part = level(P, n), out = [];
  let bal = P;
  for (let t = 1; t <= n; t++) {
    const p = t === n || part > bal ? bal : part;
    out.push(p); bal -= p;
  }
  return out;
}
// exact balances b*_0..b*_n of the level schedule paying A*, as present values
function exactBalances(P, r, n, A) {
  const b = Array(n + 1).fill(ZERO);
  if (cmp(mul(r, N(n)), [1n, -20]) < 0) for (let k = 0; k <= n; k++) b[k] = mul(A, N(n - k));
  else {
    const v = div(ONE, add(ONE, r));
    let w = ONE;
    for (let m = 1; m <= n; m++) { w = mul(w, v); b[n - m] = div(mul(A, sub(ONE, w)), r); }
  }
  b[0] = D(P);
  return b;
}
// every row repays principal; last payment and total interest within n+1 fen (schedules._amortizes)
function amortizes(R, P, n, a, A) {
  const t = BigInt(n + 1), o = sub(D(R.reduce((s, r) => s + r[3], 0n)), sub(mul(N(n), A), D(P)));
  return R.every(r => r[2] > 0n) && abs(R[n - 1][1] - a) <= t && cmp([abs(o[0]), o[1]], D(t)) <= 0;
}
// method, parsed values -> schedule; rows: [period, payment, principal, interest, fee, balance] in fen
function schedule(method, p, irr = true) {
  const P = cash(p, "principal"), n = range(p, "months", 1, 600), up = p.upfront_fee ? cash(p, "upfront_fee", true) : 0n;
  if (up >= P) fail("upfront_fee", "须小于本金");
  const rows = [], push = (part, i, f) => { bal -= part; rows.push([rows.length + 1, part + i + f, part, i, f, bal]); };
  let bal = P, payment;
  if (method === "fee_installment") {
    const charge = fen(mul(D(P), bounded(p, "monthly_fee_rate", MAX_FEE_RATE, "83.333…%")));
    levelParts(P, n).forEach(part => push(part, 0n, charge));
  } else {
    const a = bounded(p, "annual_rate", MAX_RATE, "1000%");
    if (method === "equal_installment") {
      const A = annuity(D(P), a, n);
      payment = fen(A);
      for (let t = 1; t <= n; t++) {
        const i = interest(bal, a);
        let part = t === n ? bal : payment - i;
        push(part > bal ? bal : part, i, 0n);
      }
      if (p.rounding === "carry" || !amortizes(rows, P, n, payment, A)) {
        // carry the sub-fen remainder (schedules._carry_rows): interest on the exact balance
        rows.length = 0; bal = P; payment = fen(sub(A, [5n, -3])); // A* rounded down
        const r = div(a, TWELVE), b = exactBalances(P, r, n, A);
        let acc = ZERO, got = 0n;
        for (let t = 1; t <= n; t++) {
          acc = add(acc, div(mul(b[t - 1], a), TWELVE));
          const i = fen(acc) - got;
          got += i;
          const part = t === n ? bal : payment - i;
          push(part > bal ? bal : part, i, 0n);
        }
        if (n === 1) payment = rows[0][1];
        if (!amortizes(rows, P, n, payment, A)) fail("months", "每期还不到 1 分钱本金，请减少期数");
      }
    } else levelParts(P, n).forEach(part => push(part, interest(bal, a), 0n));
  }
  const sum = k => rows.reduce((s, r) => s + r[k], 0n);
  const s = { method, P, n, up, rows, rate: p.annual_rate, fr: p.monthly_fee_rate, payment: payment ?? rows[0][1],
    ti: sum(3), tf: sum(4) + up, tp: sum(1) };
  s.flows = [P - up, ...rows.map(r => -r[1])];
  if (irr) s.apr = annualized(s.flows);
  return s;
}

// --- annualized rate (calculators/irr.py): monthly IRR r; simple 12r, compound (1+r)^12 - 1
function annualized(flows) {
  if (flows.reduce((s, v) => s + v, 0n) === 0n) return { s: ZERO, c: ZERO, hi: false, hs: false };
  if (flows.length === 2) {
    // one payment: r is exact; Python reports it to 30 digits
    const r = div(D(-flows[1] - flows[0]), D(flows[0]), 30), c = sub(pow(add(ONE, r), 12), ONE);
    const s = mul(TWELVE, r);
    return { s, c, hi: cmp(c, [24n, -2]) > 0, hs: cmp(s, [24n, -2]) > 0 };
  }
  const cf = flows.map(Number);
  const f = r => { // p(x) and dp/dr with x = 1/(1+r), Horner
    const x = 1 / (1 + r);
    let v = 0, d = 0;
    for (let t = cf.length - 1; t >= 0; t--) { d = d * x + v; v = v * x + cf[t]; }
    return [v, -x * x * d];
  };
  // p(r) rises from p(0) < 0: bracket the root, then safeguarded Newton
  let lo = 0, hi = 1;
  while (f(hi)[0] < 0 && hi < 1e15) { lo = hi; hi *= 2; }
  const paid = -cf.slice(1).reduce((s, v) => s + v, 0);
  let r = 2 * (paid - cf[0]) / (cf[0] * cf.length);
  if (!(r > lo && r < hi)) r = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const [v, d] = f(r);
    if (v === 0) break;
    if (v < 0) lo = r; else hi = r;
    let next = r - v / d;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const done = Math.abs(next - r) <= 1e-15 * Math.max(1, r);
    r = next;
    if (done) break;
  }
  const c = Math.expm1(12 * Math.log1p(r));
  return { s: 12 * r, c, hi: c > 0.24, hs: 12 * r > 0.24 };
}

// --- early repayment (calculators/prepayment.py) ---------------------------------------
// schedule s, prepay after period k -> the view's fields
function early(s, p) {
  const n = s.n, k = need(p, "after_period"), keep = p.keep;
  if (k < 1 || k > n - 1) fail("after_period", n === 1 ? "无可提前的期" : `须在 1–${n-1}`);
  if (keep !== "term" && keep !== "payment") fail("keep", "无此选项");
  const rate = bounded(p, "fee_rate", ONE, "100%"),
    out = s.rows[k - 1][5], left = s.rows.slice(k).reduce((t, r) => t + r[3] + r[4], 0n);
  if (!out) fail("after_period", "已无剩余本金");
  let paid = out;
  if (p.amount) {
    paid = cash(p, "amount");
    if (paid > out) fail("amount", `超过剩余本金 ${M(out)}`);
  }
  const fee = fen(mul(D(paid), rate)), rest = out - paid;
  let saved = left, x = null, months = n - k;
  if (rest) {
    if (keep === "payment") { // fewest months whose level amount is not above the old one
      let old = level(s.P, s.n), lv = m => level(rest, m);
      if (s.method === "equal_installment") {
        old = s.payment; lv = m => fen(annuity(D(rest), s.rate, m));
      } else if (s.method === "fee_installment") {
        const charge = fen(mul(D(rest), s.fr));
        old += fen(mul(D(s.P), s.fr)); lv = m => level(rest, m) + charge;
      }
      let lo = 1, hi = months;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (lv(mid) <= old) hi = mid; else lo = mid + 1; }
      months = lo;
    }
    const q = { principal: D(rest), months, annual_rate: s.rate, monthly_fee_rate: s.fr };
    x = schedule(s.method, q, false);
    if (keep === "payment" && x.payment > s.payment) { // prepayment._keep_payment_fallback
      if (s.method === "equal_installment") x = schedule(s.method, { ...q, rounding: "carry" }, false);
      if (x.payment > s.payment) fail("amount", "太少，月供会多 1 分钱");
    }
    saved -= x.ti + x.tf;
  }
  return { method_label: LABELS[s.method], principal: M(s.P), months: S(n), payment: M(s.payment),
    after_period: S(k), outstanding: M(out), amount: M(paid), full: !x, fee_rate: pct(p.fee_rate),
    fee: M(fee), amount_due: M(paid + fee), interest_saved: M(saved), net_saving: M(saved - fee), keep: x ? keep : "",
    new_payment: x ? M(x.payment) : "", new_months: x ? S(x.n) : "0" };
}

// --- views (calc_blocks.compute) -----------------------------------------------------------
function scheduleView(s) {
  const last = s.rows[s.n - 1];
  return {
    method: s.method, method_label: LABELS[s.method], principal: M(s.P), months: S(s.n),
    payment: M(s.payment), last_payment: M(last[1]), fee: M(s.rows[0][4]), upfront_fee: M(s.up),
    total_interest: M(s.ti), total_fee: M(s.tf), total_cost: M(s.ti + s.tf), total_payment: M(s.tp), charged: M(s.ti + s.tf - s.up),
    apr_simple: pct(s.apr.s), apr_compound: pct(s.apr.c), above_24: s.apr.hi, above_24_simple: s.apr.hs,
    rows: s.rows.map(r => [S(r[0]), M(r[1]), M(r[2]), M(r[3] + r[4]), M(r[5])]),
    bars: s.rows.map(r => [Number(r[2]), Number(r[3] + r[4])]),
  };
}
function compute(type, p, title) {
  const v = { type, title }, put = o => Object.assign(v, o);
  if (LABELS[type]) {
    const fr = p.monthly_fee_rate;
    put(scheduleView(schedule(type, p)));
    if (fr) put({ nominal_rate: pct(rnd(fr[0] * 12n, fr[1], 28)), monthly_fee_rate: pct(fr) });
    else v.annual_rate = pct(p.annual_rate);
  } else if (type === "daily_interest") {
    const P = cash(p, "principal"), r = bounded(p, "daily_rate", MAX_DAILY, "2.7777…%"), n = range(p, "days", 0, 36500);
    put({ principal: M(P), days: S(n), daily_rate: pct(r, 3), interest: M(fen(mul(mul(D(P), r), N(n)))),
      annual_360: pct(mul(r, N(360))), annual_365: pct(mul(r, N(365))) });
  } else if (type === "overdue") {
    const P = cash(p, "overdue_principal", true), I = cash(p, "overdue_interest", true);
    if (P + I === 0n) fail("overdue_principal", "本金和利息不能都为 0");
    const a = bounded(p, "annual_rate", MAX_RATE, "1000%"), n = range(p, "days", 0, 36500),
      mult = bounded(p, "penalty_multiplier", N(10), "10"), base = need(p, "basis");
    if (base !== 360 && base !== 365) fail("basis", "须为 360 或 365");
    const late = bounded(p, "late_fee_rate", ONE, "100%"),
      pr = mul(a, mult), charge = x => fen(div(mul(mul(D(x), pr), N(n)), N(base))),
      pen = charge(P), comp = charge(I), fee = n > 0 ? fen(mul(D(P + I), late)) : 0n, total = pen + comp + fee,
      ann = n > 0 ? div(mul(div(D(total), D(P + I)), N(base)), N(n)) : ZERO;
    let [c, e] = rnd(mult[0], mult[1], 28); // Decimal.normalize() in the default 28-digit context
    while (c && c % 10n === 0n) { c /= 10n; e++; }
    if (!c) e = 0;
    put({ overdue_principal: M(P), overdue_interest: M(I), annual_rate: pct(a), penalty_rate: pct(pr),
      multiplier: e >= 0 ? S(c * P10(e)) : fixed(c, -e, false), days: S(n), basis: S(base),
      late_fee_rate: pct(late), penalty_interest: M(pen), compound_interest: M(comp), late_fee: M(fee),
      total: M(total), annualized: pct(ann), above_24: cmp(ann, [24n, -2]) > 0 });
  } else if (type === "early_repayment") {
    put(early(schedule(p.method, p, false), p));
  } else if (p.plans) {
    v.plans = p.plans.map((q, i) => {
      try { return planView(q); } catch (e) { e.plan = i; throw e; }
    });
  }
  return v;
}
function planView(q) {
  const s = schedule(q.method, q), pause = range(q, "pause_months", 0, 120);
  if (pause) s.apr = annualized([s.flows[0], ...Array(pause).fill(0n), ...s.flows.slice(1)]);
  // a plan's view: the schedule's, less what a plan does not show
  const { method, principal, fee, upfront_fee, total_interest, total_fee, charged, rows, bars, ...w } = scheduleView(s);
  return { ...w, name: q.name, pause_months: S(pause), months: S(s.n + pause), cost_fen: Number(s.ti + s.tf), payment_fen: Number(s.payment) };
}
// The view of a block from its raw strings (compare: {plans: [...]}); throws Error with .field.
function view(type, raw, title = "") {
  if (type === "compare") {
    const plans = raw.plans.map((r, i) => parseSection("plan", r, `plans[${i+1}].`));
    return compute(type, { plans }, title);
  }
  if (!SPECS[type]) fail("type", "未知");
  return compute(type, parseSection(type, raw), title);
}

// --- HTML (calc_render.output) ---------------------------------------------------------------
// Summary lines are templates: {key} is the escaped view value, [key] the same in <strong>.
const fill = (s, o) => s.replace(/([{[])(\w+)[}\]]/g, (_, b, k) => (k = esc(o[k]), b === "[" ? `<strong>${k}</strong>` : k));
const APR = "按实际占用本金计算的年化利率：复利口径 [apr_compound]，单利口径 {apr_simple}（{court}）",
  LOAN = "借款：{principal} 元，";
const SUMMARY = {
  equal_installment: v => [LOAN + "年利率 {annual_rate}，分 {months} 期，{method_label}",
    "每期还款：" + (v.type === "equal_installment" ? "[payment] 元（最后一期 {last_payment} 元）"
      : "第一期 [payment] 元，之后每期减少，最后一期 {last_payment} 元"),
    "总利息：[total_interest] 元；本息合计 {total_payment} 元", APR],
  fee_installment: v => [LOAN + "月费率 {monthly_fee_rate}，分 {months} 期",
    "每期还款：[payment] 元，其中手续费 {fee} 元，每期都按最初借的 {principal} 元计算",
    "总手续费：[total_fee] 元" + (v.upfront_fee === "0.00" ? "" : "（含放款时收取的 {upfront_fee} 元）") + "；合计还款 {total_payment} 元",
    "月费率乘以 12 只有 {nominal_rate}；" + APR],
  daily_interest: () => [LOAN + "日利率 {daily_rate}，借 {days} 天", "利息：[interest] 元",
    "换算成年利率：按一年 360 天是 [annual_360]，按 365 天是 {annual_365}"],
  overdue: v => ["逾期：本金 {overdue_principal} 元、利息 {overdue_interest} 元，逾期 {days} 天；合同年利率 {annual_rate}，罚息利率为其 {multiplier} 倍，即 {penalty_rate}",
    "罚息（按逾期本金）：[penalty_interest] 元", "复利（按未付利息）：[compound_interest] 元",
    ...(v.late_fee === "0.00" ? [] : ["违约金：[late_fee] 元（按 {late_fee_rate} 一次性计算）"]),
    "合计：[total] 元；折合年化 [annualized]（{hi} 24%）"],
  early_repayment: v => ["原借款：{principal} 元，{method_label}，分 {months} 期，每期 {payment} 元",
    "第 {after_period} 期还完后剩余本金：[outstanding] 元",
    ...(v.full ? ["一次还清需付：[amount_due] 元（含手续费 {fee} 元）"] : ["提前还：[amount] 元，需付 {amount_due} 元（含手续费 {fee} 元）",
      v.keep === "term" ? "之后（期限不变）：每期 [new_payment] 元，还 {new_months} 期" : "之后（月供基本不变）：每期 [new_payment] 元，只需再还 {new_months} 期"]),
    "不用再付的利息和费用：[interest_saved] 元", "扣掉手续费，净省：[net_saving] 元"],
};
SUMMARY.equal_principal = SUMMARY.equal_installment;
function summary(v) {
  const o = { ...v, hi: v.above_24 ? "高于" : "不高于", // calc_render.court_line for a pair of rates
    court: v.above_24_simple ? "两种口径都高于 24%" : v.above_24 ? "复利口径高于 24%，单利口径不高于" : "不高于 24%" };
  const items = v.plans ? v.plans.map(p => fill("[name]：" + (p.pause_months !== "0" ? "先暂停 {pause_months} 个月，" : "") +
    "每月 {payment} 元，共 {months} 个月，利息和费用合计 {total_cost} 元", p)) : (SUMMARY[v.type]?.(v) || []).map(s => fill(s, o));
  return `<ul class="calc-summary">${items.map(s=>`<li>${s}</li>`).join("")}</ul>`;
}
const TD = '<td class="num">',
  row = ([h, ...rest]) => `<tr><th scope="row">${esc(h)}</th>${rest.map(c=>TD+esc(c)+"</td>").join("")}</tr>`,
  rows = r => r.map(row).join(""),
  head = cols => `<thead><tr>${cols.map(c=>`<th scope="col">${c}</th>`).join("")}</tr></thead>`,
  table = (cap, h, body) => `<table class="calc-table"><caption>${cap}</caption>${head(h)}<tbody>${body}</tbody>`,
  third = v => (v.type === "fee_installment" ? "手续费" : "利息");
function scheduleTable(v) {
  const r = v.rows, n = r.length,
    t = body => table(`还款计划（${esc(v.method_label)}，共 ${n} 期，单位：元）`, ["期数", "还款额", "本金", third(v), "剩余本金"], body);
  const foot = `<tfoot><tr><th scope="row">合计</th>${[v.total_payment,v.principal,v.charged].map(c=>TD+esc(c)+"</td>").join("")}<td></td></tr></tfoot></table>`;
  if (n <= 12) return t(rows(r)) + foot;
  const gap = `<tr class="calc-gap"><td colspan="5">第 4–${n-3} 期见下方完整列表</td></tr>`;
  return t(rows(r.slice(0, 3)) + gap + rows(r.slice(-3))) + foot +
    `<details class="calc-all"><summary>展开全部 ${n} 期</summary>${t(rows(r))}</table></details>`;
}
const svg = (h, desc, rects) => `<figure class="calc-chart"><svg viewBox="0 0 600 ${h}" role="img" aria-label="${esc(desc)}" preserveAspectRatio="none">${rects.join("")}</svg>`,
  rect = (cls, x, y, w, h) => `<rect class="calc-bar-${cls}" x="${x}" y="${y}" width="${w}" height="${h}"></rect>`;
function scheduleChart(v) {
  let bars = v.bars.map(b => b.map(BigInt));
  if (bars.length > 60) { // a year a bar
    const g = [];
    for (let i = 0; i < bars.length; i += 12) g.push(bars.slice(i, i + 12).reduce((s, b) => [s[0] + b[0], s[1] + b[1]], [0n, 0n]));
    bars = g;
  }
  const unit = bars.length === v.bars.length ? "期" : "年",
    top = bars.reduce((m, [p, i]) => (p + i > m ? p + i : m), 0n) || 1n,
    w = Math.floor(600 / bars.length), gap = w > 3 ? 1 : 0, rects = [];
  bars.forEach(([p, i], k) => {
    const hp = p * 160n / top, hi = (p + i) * 160n / top - hp;
    rects.push(rect("p", k * w, 160n - hp, w - gap, hp));
    if (hi) rects.push(rect("i", k * w, 160n - hp - hi, w - gap, hi));
  });
  const th = third(v), f = v.rows[0], l = v.rows[v.rows.length - 1],
    desc = `每${unit}还款中本金和${th}的构成。第 1 期还本金 ${f[2]} 元、${th} ${f[3]} 元；最后一期还本金 ${l[2]} 元、${th} ${l[3]} 元。`;
  return svg(160, desc, rects) + `<figcaption><span class="calc-key calc-key-p"></span>本金　<span class="calc-key calc-key-i"></span>${th}（每根柱子是一${unit}）</figcaption></figure>`;
}
function compareChart(v) {
  const plans = v.plans, top = BigInt(Math.max(...plans.map(p => p.cost_fen)) || 1),
    rects = plans.map((p, i) => rect("i", 0, i * 28 + 4, BigInt(p.cost_fen) * 600n / top, 20)),
    desc = "各方案利息和费用合计：" + plans.map(p => `${p.name} ${p.total_cost} 元`).join("；") + "。";
  return svg(28 * plans.length, desc, rects) + `<figcaption>利息和费用合计，从上到下依次为：${esc(plans.map(p=>p.name).join("、"))}</figcaption></figure>`;
}
function render(v) {
  let html = (v.title ? `<p class="calc-title"><strong>${esc(v.title)}</strong></p>` : "") + summary(v);
  if (LABELS[v.type]) html += scheduleChart(v) + scheduleTable(v);
  else if (v.plans) {
    html += compareChart(v) + table("方案对比（金额单位：元）", ["方案", "每月还款", "期数（月）", "利息和费用", "合计还款", "年化（复利口径）"],
      rows(v.plans.map(p => [p.name, p.payment, p.months, p.total_cost, p.total_payment, p.apr_compound]))) + "</table>";
  }
  return html;
}

window.BHCalc = { view, render };

// --- the form (built into the page hidden by calc_render.form; shown here) ---------------------------
const Q = (el, s) => el.querySelector(s), QA = (el, s) => [...el.querySelectorAll(s)],
  CTRL = "input,select";

function setup(el) {
  const type = el.dataset.calc, out = Q(el, ".calc-output"), form = Q(el, ".calc-form"), cmpr = type === "compare",
    note = Q(el, ".calc-stale-note"), inputs = Q(el, ".calc-inputs");
  if (!form) return;
  let timer;
  const title = Q(el, ".calc-output > .calc-title strong")?.textContent || "", fss = spec(cmpr ? "plan" : type);
  form.hidden = inputs.hidden = false;
  // one .calc-fields per section; a control's box (.calc-field) is its parent, its message its next element
  const boxes = QA(form, ".calc-fields"), ctrls = g => QA(g, CTRL);

  // Show only the rate field that fits the chosen method; read the raw strings.
  const toggle = () => boxes.forEach(g => {
    const m = Q(g, "[name=method]");
    if (m) RATES.forEach((r, i) => { Q(g, `[name=${r}]`).parentNode.hidden = i !== isFee(m.value); });
  });
  const read = () => boxes.map(g => Object.fromEntries(ctrls(g).map(c => [c.name, c.parentNode.hidden ? "" : c.value])));
  // An error by its field (plans[i].name in a compare block), else in the stale note.
  function showError(plan, field, msg) {
    const [, i, f] = /^(?:plans\[(\d+)\]\.)?(.*)$/.exec(field || ""), c = boxes[i ? i - 1 : plan || 0]?.querySelector(`[name="${f}"]`);
    if (!c || c.parentNode.hidden) { note.textContent += msg; return; }
    const err = c.nextElementSibling;
    err.textContent = msg;
    err.hidden = false;
    c.setAttribute("aria-invalid", "true");
    c.setAttribute("aria-describedby", err.id);
  }
  function update(announce) {
    for (const c of ctrls(form)) { c.removeAttribute("aria-invalid"); c.removeAttribute("aria-describedby"); c.nextElementSibling.hidden = true; }
    note.textContent = "输入有误，下面仍是上一次的结果。";
    const raws = read(), errors = [];
    raws.forEach((raw, i) => fss.forEach(fs => {
      try {
        if (raw[fs.name] === "" && fs.dflt === null) fail(fs.name, "请填写");
        parseField(fs, raw);
      } catch (e) { errors.push([i, e.field, e.message]); }
    }));
    let v;
    if (!errors.length) {
      try { v = view(type, cmpr ? { plans: raws } : raws[0], title); } catch (e) { errors.push([e.plan, e.field, e.message]); }
    }
    el.classList.toggle("calc-stale", !!errors.length);
    note.hidden = !errors.length;
    if (errors.length) return errors.forEach(e => showError(...e));
    const open = Q(out, "details")?.open;
    out.innerHTML = render(v);
    if (open) Q(out, "details").open = true;
    // for print: what was entered
    inputs.innerHTML = boxes.map((g, i) => (cmpr ? `<li><strong>方案 ${i+1}</strong></li>` : "") +
      ctrls(g).filter(c => !c.parentNode.hidden).map(c => `<li>${esc(c.labels[0].textContent)}：${esc((c.selectedOptions?.[0].text??c.value)||"（空）")}</li>`).join("")).join("");
    if (announce) Q(el, ".calc-status").textContent = QA(out, ".calc-summary li").slice(cmpr ? 0 : 1).map(li => li.textContent).join("；") + "。";
  }
  form.addEventListener("input", e => {
    if (e.target.name === "method") toggle();
    clearTimeout(timer);
    timer = setTimeout(() => update(true), 150);
  });
  form.addEventListener("submit", e => { e.preventDefault(); update(true); });
  form.addEventListener("click", e => {
    const act = e.target.dataset?.act;
    if (act === "print") window.print();
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

const start = () => document.querySelectorAll(".calc[data-calc]").forEach(setup);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();
