/* 借款人手册 · calc.js: makes each ```calc block an editable form. Mirrors hooks/calc_blocks.py
 * (view) and hooks/calc_render.py (HTML) to the fen: money in BigInt fen, decimals rounded like
 * Python's 40-digit Decimal context, IRR in floating point. No network, nothing stored. */
(() => {
"use strict";

// --- decimals: [BigInt coefficient, exponent]
const P10 = k => 10n ** BigInt(k);
const abs = c => (c < 0n ? -c : c);
const len = c => abs(c).toString().length;
const N = n => [BigInt(n), 0];
const ZERO = N(0), ONE = N(1), TWELVE = N(12);

// p significant digits, half-even; sticky: a non-zero remainder was cut off
function rnd(c, e, p = 40, sticky = false) {
  const k = len(c) - p;
  if (k <= 0) return [c, e];
  const m = P10(k), h = m / 2n, neg = c < 0n;
  let q = abs(c) / m;
  const r = abs(c) % m;
  if (r > h || (r === h && (sticky || q % 2n))) q++;
  return [neg ? -q : q, e + k];
}
const mul = (a, b, p) => rnd(a[0] * b[0], a[1] + b[1], p);
function add(a, b) {
  const e = Math.min(a[1], b[1]);
  return rnd(a[0] * P10(a[1] - e) + b[0] * P10(b[1] - e), e);
}
const sub = (a, b) => add(a, [-b[0], b[1]]);
function div(a, b, p = 40) {
  if (!a[0]) return ZERO;
  const s = Math.max(0, p + 2 + len(b[0]) - len(a[0])), x = abs(a[0]) * P10(s), y = abs(b[0]);
  const [c, e] = rnd(x / y, a[1] - b[1] - s, p, x % y !== 0n);
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
  return rnd(r[0], r[1]);
}
function cmp(a, b) {
  const e = Math.min(a[1], b[1]), x = a[0] * P10(a[1] - e), y = b[0] * P10(b[1] - e);
  return x < y ? -1 : x > y ? 1 : 0;
}
// a × 10^places, half-up
function quant(a, places) {
  const e = a[1] + places;
  if (e >= 0) return a[0] * P10(e);
  const m = P10(-e);
  let q = abs(a[0]) / m;
  if ((abs(a[0]) % m) * 2n >= m) q++;
  return a[0] < 0n ? -q : q;
}
const fen = a => quant(a, 2);
const D = f => [f, -2]; // fen -> decimal

// --- display -----------------------------------------------------------------------
function fixed(k, places, neg) {
  const s = abs(k).toString().padStart(places + 1, "0");
  return (neg ? "-" : "") + s.slice(0, -places) + "." + s.slice(-places);
}
function money(f) {
  const s = fixed(f, 2, f < 0n);
  return s.replace(/\d+/, d => d.replace(/\B(?=(\d{3})+$)/g, ","));
}
function pct(rate, places = 2) {
  if (typeof rate === "number") {
    const k = Math.floor(Math.abs(rate) * 100 * 10 ** places + 0.5);
    return fixed(BigInt(k), places, rate < 0 && k > 0) + "%";
  }
  const v = mul(rate, N(100));
  return fixed(quant(v, places), places, v[0] < 0n) + "%";
}
const esc = s => String(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]);

// --- parsing (calculators/parsing.py) ----------------------------------------------------
const fail = (field, msg, plan) => { throw Object.assign(new Error(msg), { field, plan }); };
const WS = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const re = s => new RegExp(s.replace(/\\d/g, "\\p{Nd}").replace(/\\s/g, WS), "u");
const LEAD = re(`^\\s+`), TRAIL = re(`\\s+$`);
const strip = s => s.replace(LEAD, "").replace(TRAIL, "");
const norm = t => strip(t.normalize("NFKC")).toLowerCase();
const ND = /\p{Nd}/u;
const ascii = s => s.replace(/\p{Nd}/gu, ch => {
  const cp = ch.codePointAt(0);
  let z = cp;
  while (ND.test(String.fromCodePoint(z - 1))) z--;
  return String((cp - z) % 10);
});
function dec(s) {
  const [i, f = ""] = ascii(s).split(".");
  return [BigInt(i + f || "0"), -f.length];
}
const NUM = "(\\d+(?:\\.\\d+)?|\\.\\d+)";
const AMOUNT = re(`^(?:rmb|cny|¥)?\\s*([-+\u2212])?\\s*(?:¥)?\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(万|亿)?\\s*(?:元|块|yuan|rmb|cny)?$`);
const RATE_PCT = re(`^${NUM}\\s*(%|‰|‱)?$`);
const RATE_FRAC = re(`^(百|千|万)分之\\s*(${NUM}|[零一二两三四五六七八九十])$`);
const COUNT = re(`^(\\d+)\\s*(?:期|个月|月|天|日|days?|months?)?$`);
const SCALE = { "%": -2, "百": -2, "‰": -3, "千": -3, "‱": -4, "万": -4 };
// Longest first, as in parsing.py; the period is read off the word.
const period = w => (/年|year|yr|pa|p\.a/.test(w) ? "y" : /月|mo/.test(w) ? "m" : "d");
const words = s => s.split(",").map(w => [w, period(w)]);
const PREFIX = words("月手续费率,年化利率,年利率,年费率,月费率,月利率,日利率,日费率,年化,年息,月息,日息,年,月,日,天");
const SUFFIX = words("per month,per year,a month,per day,a year,/month,/year,a day,p.a.,/day,/yr,/mo,/年,每年,pa,/月,每月,/日,/天,每日,每天,年,月,日,天");
const PERIOD = { y: "年", m: "月", d: "日" };

function parseAmount(text, f) {
  const m = AMOUNT.exec(norm(text));
  if (!m) fail(f, "格式不对（如 12000、1.2万）");
  let v = dec(m[2].replace(/,/g, ""));
  if (m[3]) v = mul(v, m[3] === "万" ? [1n, 4] : [1n, 8]);
  return m[1] === "-" || m[1] === "\u2212" ? [-v[0], v[1]] : v;
}
function parseRate(text, per, f) {
  let core = norm(text), stated = null, m;
  for (const [w, p] of PREFIX) {
    if (core.startsWith(w)) { core = strip(core.slice(w.length)); stated = p; break; }
  }
  for (const [w, p] of SUFFIX) {
    if (core.endsWith(w) && core.length > w.length) {
      if (stated && stated !== p) fail(f, "单位矛盾");
      core = strip(core.slice(0, -w.length)); stated = p; break;
    }
  }
  let v;
  if ((m = RATE_PCT.exec(core))) {
    v = dec(m[1]);
    if (m[2]) v = [v[0], v[1] + SCALE[m[2]]];
    else if (cmp(v, ONE) >= 0) fail(f, `请写 ${m[1]}%`);
  } else if ((m = RATE_FRAC.exec(core))) {
    const cn = "零一二三四五六七八九十".indexOf(m[2].replace("两", "二"));
    v = cn >= 0 ? N(cn) : dec(m[2]);
    v = [v[0], v[1] + SCALE[m[1]]];
  } else fail(f, "格式不对（如 18%、0.05%/日）");
  if (stated && stated !== per) fail(f, `这里要${PERIOD[per]}利率`);
  return v;
}
function parseCount(text, f) {
  const m = COUNT.exec(norm(text));
  if (!m) fail(f, "须为整数");
  return Number(ascii(m[1]));
}
const METHODS = { equal_installment: "equal_installment", 等额本息: "equal_installment", equal_principal: "equal_principal", 等额本金: "equal_principal", fee_installment: "fee_installment", 分期手续费: "fee_installment", 等本等费: "fee_installment" };
const KEEPS = { term: "term", 期限不变: "term", payment: "payment", 月供不变: "payment" };
const choice = opts => (t, f) => (Object.keys(opts).includes(t) ? opts[t] : fail(f, "无此选项"));
const PARSE = {
  a: parseAmount, y: (t, f) => parseRate(t, "y", f), m: (t, f) => parseRate(t, "m", f),
  d: (t, f) => parseRate(t, "d", f), c: parseCount, t: t => t,
  p: (t, f) => { const v = parseAmount(t, f); return v[0] < 0n ? fail(f, "不能为负数") : v; },
  M: choice(METHODS), K: choice(KEEPS),
};
// type -> "field:kind[=default]" (no "=": required); mirrors calc_blocks.SPECS
const SPECS = {
  equal_installment: "principal:a annual_rate:y months:c",
  equal_principal: "principal:a annual_rate:y months:c",
  fee_installment: "principal:a monthly_fee_rate:m months:c upfront_fee:a=0",
  daily_interest: "principal:a daily_rate:d days:c",
  overdue: "overdue_principal:a overdue_interest:a=0 annual_rate:y days:c penalty_multiplier:p=1.5 basis:c=360 late_fee_rate:y=0",
  early_repayment: "method:M principal:a annual_rate:y= monthly_fee_rate:m= months:c after_period:c amount:a= fee_rate:y=0 keep:K=term",
  plan: "name:t method:M principal:a annual_rate:y= monthly_fee_rate:m= months:c pause_months:c=0 upfront_fee:a=0",
};
const spec = type => SPECS[type].split(" ").map(s => {
  const [name, rest] = s.split(":"), [kind, dflt] = rest.split("=");
  return { name, kind, dflt: dflt === undefined ? null : dflt };
});
const RATE_FIELD = { equal_installment: "annual_rate", equal_principal: "annual_rate", fee_installment: "monthly_fee_rate" };

// One field's raw text -> value (null for an empty optional field).
function parseField(fs, raw, prefix = "") {
  const text = raw[fs.name] ?? fs.dflt;
  if (text === null) fail(prefix + fs.name, "请填写");
  if (text === "") return null;
  try { return PARSE[fs.kind](text, fs.name); } catch (e) { return fail(prefix + fs.name, e.message); }
}
function parseSection(type, raw, prefix = "") {
  const p = {};
  for (const fs of spec(type)) p[fs.name] = parseField(fs, raw, prefix);
  if (p.method) { // early_repayment and plan: the rate that fits the method
    const need = RATE_FIELD[p.method], other = need === "annual_rate" ? "monthly_fee_rate" : "annual_rate";
    if (p[need] === null) fail(prefix + need, "此还款方式须填");
    if (p[other] !== null) fail(prefix + other, "此还款方式不填");
  }
  return p;
}

// --- validation (calculators/_core.py) -------------------------------------------------
const need = (v, f) => (v === null || v === undefined ? fail(f, "请填写") : v);
function cash(v, f, allowZero) {
  need(v, f);
  const s = cmp(v, ZERO);
  if (allowZero ? s < 0 : s <= 0) fail(f, allowZero ? "不能为负数" : "须大于 0");
  if (cmp(v, [1n, 12]) > 0) fail(f, "过大");
  const q = fen(v);
  if (cmp(D(q), v)) fail(f, "最多到分");
  return q;
}
function bounded(v, f, max, text) {
  need(v, f);
  if (cmp(v, ZERO) < 0 || cmp(v, max) > 0) fail(f, `须在 0–${text}`);
  return v;
}
const range = (n, f, lo, hi) => (need(n, f) < lo || n > hi ? fail(f, `须在 ${lo}–${hi}`) : n);

// --- schedules (calculators/schedules.py) ---------------------------------------------
const LABELS = { equal_installment: "等额本息", equal_principal: "等额本金", fee_installment: "等本等费（分期手续费）" };
const MAX_RATE = N(10), MAX_FEE_RATE = div(N(10), TWELVE), MAX_DAILY = div(N(10), N(360));

function annuity(P, a, n) {
  const r = div(a, TWELVE), nn = N(n);
  if (cmp(mul(r, nn), [1n, -20]) < 0) return mul(div(P, nn), add(ONE, div(mul(r, N(n + 1)), N(2))));
  const g = pow(add(ONE, r), n);
  return div(mul(mul(P, r), g), sub(g, ONE));
}
const interest = (bal, a) => fen(div(mul(D(bal), a), TWELVE));
function levelParts(P, n) {
  const part = fen(div(D(P), N(n))), out = [];
  let bal = P;
  for (let t = 1; t <= n; t++) {
    const p = t === n || part > bal ? bal : part;
    out.push(p); bal -= p;
  }
  return out;
}
// method, P (text values parsed), rate -> schedule; irr: also the annualized rate
function schedule(method, p, irr = true) {
  const P = cash(p.principal, "principal"), n = range(p.months, "months", 1, 600);
  const up = cash(p.upfront_fee ?? ZERO, "upfront_fee", true);
  if (up >= P) fail("upfront_fee", "须小于本金");
  const rows = [];
  let bal = P, payment;
  if (method === "fee_installment") {
    const fr = bounded(p.monthly_fee_rate, "monthly_fee_rate", MAX_FEE_RATE, "83.33%");
    const charge = fen(mul(D(P), fr));
    levelParts(P, n).forEach((part, i) => { bal -= part; rows.push([i + 1, part + charge, part, 0n, charge, bal]); });
  } else {
    const a = bounded(p.annual_rate, "annual_rate", MAX_RATE, "1000%");
    if (method === "equal_installment") {
      payment = fen(annuity(D(P), a, n));
      for (let t = 1; t <= n; t++) {
        const i = interest(bal, a);
        let part = t === n ? bal : payment - i;
        if (part > bal) part = bal;
        bal -= part; rows.push([t, part + i, part, i, 0n, bal]);
      }
    } else {
      levelParts(P, n).forEach((part, t) => { const i = interest(bal, a); bal -= part; rows.push([t + 1, part + i, part, i, 0n, bal]); });
    }
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
  if (flows.reduce((s, v) => s + v, 0n) === 0n) return { s: ZERO, c: ZERO, hi: false };
  if (flows.length === 2) {
    // one payment: r is exact; Python reports it to 30 digits
    const r = div(D(-flows[1] - flows[0]), D(flows[0]), 30), c = sub(pow(add(ONE, r), 12), ONE);
    return { s: mul(TWELVE, r), c, hi: cmp(c, [24n, -2]) > 0 };
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
  return { s: 12 * r, c, hi: c > 0.24 };
}

// --- early repayment (calculators/prepayment.py) ---------------------------------------
function early(s, after, amount, feeRate, keep) {
  const n = s.n, k = need(after, "after_period");
  if (k < 1 || k > n - 1) fail("after_period", n === 1 ? "无可提前的期" : `须在 1–${n - 1}`);
  if (keep !== "term" && keep !== "payment") fail("keep", "无此选项");
  const rate = bounded(feeRate, "fee_rate", ONE, "100%");
  const out = s.rows[k - 1][5], left = s.rows.slice(k).reduce((t, r) => t + r[3] + r[4], 0n);
  if (!out) fail("after_period", "已无剩余本金");
  let paid = out;
  if (amount !== null) {
    paid = cash(amount, "amount");
    if (paid > out) fail("amount", `超过剩余本金 ${money(out)}`);
  }
  const fee = fen(mul(D(paid), rate)), e = { k, out, paid, fee, due: paid + fee, saved: left, keep: "", next: null };
  if (paid === out) return e;
  const rest = out - paid, remaining = n - k;
  let months = remaining;
  if (keep === "payment") { // fewest months whose level amount is not above the old one
    let old, level;
    if (s.method === "equal_installment") {
      old = s.payment; level = m => fen(annuity(D(rest), s.rate, m));
    } else if (s.method === "equal_principal") {
      old = fen(div(D(s.P), N(n))); level = m => fen(div(D(rest), N(m)));
    } else {
      const charge = fen(mul(D(rest), s.fr));
      old = fen(div(D(s.P), N(n))) + fen(mul(D(s.P), s.fr)); level = m => fen(div(D(rest), N(m))) + charge;
    }
    let lo = 1, hi = remaining;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (level(mid) <= old) hi = mid; else lo = mid + 1; }
    months = lo;
  }
  const next = schedule(s.method, { principal: D(rest), months, annual_rate: s.rate, monthly_fee_rate: s.fr }, false);
  return Object.assign(e, { saved: left - next.ti - next.tf, keep, next });
}

// --- views (calc_blocks.compute) -----------------------------------------------------------
const M = money;
function scheduleView(s) {
  const last = s.rows[s.rows.length - 1];
  return {
    method: s.method, method_label: LABELS[s.method], principal: M(s.P), months: String(s.n),
    payment: M(s.payment), last_payment: M(last[1]), fee: M(s.rows[0][4]), upfront_fee: M(s.up),
    total_interest: M(s.ti), total_fee: M(s.tf), total_cost: M(s.ti + s.tf), total_payment: M(s.tp),
    apr_simple: pct(s.apr.s), apr_compound: pct(s.apr.c), above_24: s.apr.hi,
    rows: s.rows.map(r => [String(r[0]), M(r[1]), M(r[2]), M(r[3] + r[4]), M(r[5])]),
    bars: s.rows.map(r => [Number(r[2]), Number(r[3] + r[4])]),
  };
}
function compute(type, p, title) {
  const v = { type, title };
  if (LABELS[type]) {
    Object.assign(v, scheduleView(schedule(type, p)));
    if (type === "fee_installment") {
      v.nominal_rate = pct(rnd(p.monthly_fee_rate[0] * 12n, p.monthly_fee_rate[1], 28));
      v.monthly_fee_rate = pct(p.monthly_fee_rate);
    } else v.annual_rate = pct(p.annual_rate);
  } else if (type === "daily_interest") {
    const P = cash(p.principal, "principal"), r = bounded(p.daily_rate, "daily_rate", MAX_DAILY, "2.78%");
    const n = range(p.days, "days", 0, 36500);
    Object.assign(v, { principal: M(P), days: String(n), daily_rate: pct(r, 3), interest: M(fen(mul(mul(D(P), r), N(n)))),
      annual_360: pct(mul(r, N(360))), annual_365: pct(mul(r, N(365))) });
  } else if (type === "overdue") {
    const P = cash(p.overdue_principal, "overdue_principal", true), I = cash(p.overdue_interest, "overdue_interest", true);
    if (P + I === 0n) fail("overdue_principal", "本金和利息不能都为 0");
    const a = bounded(p.annual_rate, "annual_rate", MAX_RATE, "1000%"), n = range(p.days, "days", 0, 36500);
    const mult = bounded(p.penalty_multiplier, "penalty_multiplier", N(10), "10");
    const base = need(p.basis, "basis");
    if (base !== 360 && base !== 365) fail("basis", "须为 360 或 365");
    const late = bounded(p.late_fee_rate, "late_fee_rate", ONE, "100%");
    const pr = mul(a, mult), charge = x => fen(div(mul(mul(D(x), pr), N(n)), N(base)));
    const pen = charge(P), comp = charge(I), fee = n > 0 ? fen(mul(D(P + I), late)) : 0n, total = pen + comp + fee;
    const ann = n > 0 ? div(mul(div(D(total), D(P + I)), N(base)), N(n)) : ZERO;
    let [c, e] = rnd(mult[0], mult[1], 28); // Decimal.normalize() in the default 28-digit context
    while (c && c % 10n === 0n) { c /= 10n; e++; }
    if (!c) e = 0;
    Object.assign(v, { overdue_principal: M(P), overdue_interest: M(I), annual_rate: pct(a), penalty_rate: pct(pr),
      multiplier: e >= 0 ? String(c * P10(e)) : fixed(c, -e, false), days: String(n), basis: String(base),
      late_fee_rate: pct(late), penalty_interest: M(pen), compound_interest: M(comp), late_fee: M(fee),
      total: M(total), annualized: pct(ann), above_24: cmp(ann, [24n, -2]) > 0 });
  } else if (type === "early_repayment") {
    const s = schedule(p.method, p, false), e = early(s, p.after_period, p.amount, p.fee_rate, p.keep);
    Object.assign(v, { method_label: LABELS[s.method], principal: M(s.P), months: String(s.n), payment: M(s.payment),
      after_period: String(e.k), outstanding: M(e.out), amount: M(e.paid), full: !e.next, fee_rate: pct(p.fee_rate),
      fee: M(e.fee), amount_due: M(e.due), interest_saved: M(e.saved), net_saving: M(e.saved - e.fee), keep: e.keep,
      new_payment: e.next ? M(e.next.payment) : "", new_months: e.next ? String(e.next.n) : "0" });
  } else if (type === "compare") {
    v.plans = p.plans.map((q, i) => {
      try { return planView(q); } catch (e) { e.plan = i; throw e; }
    });
  }
  return v;
}
function planView(q) {
  const s = schedule(q.method, q), pause = q.pause_months;
  if (need(pause, "pause_months") > 120) fail("pause_months", "须在 0–120");
  const apr = pause ? annualized([s.flows[0], ...Array(pause).fill(0n), ...s.flows.slice(1)]) : s.apr;
  return { name: q.name, method_label: LABELS[s.method], pause_months: String(pause), months: String(s.n + pause),
    payment: M(s.payment), last_payment: M(s.rows[s.n - 1][1]), total_cost: M(s.ti + s.tf), total_payment: M(s.tp),
    apr_simple: pct(apr.s), apr_compound: pct(apr.c), above_24: apr.hi, cost_fen: Number(s.ti + s.tf), payment_fen: Number(s.payment) };
}
// The view of a block from its raw strings (compare: {plans: [...]}); throws Error with .field.
function view(type, raw, title = "") {
  if (type === "compare") {
    const plans = raw.plans.map((r, i) => parseSection("plan", r, `plans[${i + 1}].`));
    return compute(type, { plans }, title);
  }
  if (!SPECS[type]) fail("type", "未知");
  return compute(type, parseSection(type, raw), title);
}

// --- HTML (calc_render.output) ---------------------------------------------------------------
const li = (label, value) => `<li>${label}：${value}</li>`;
const strong = (v, unit = " 元") => `<strong>${esc(v)}</strong>${unit}`;
const verdict = hi => `（${hi ? "高于" : "不高于"} 24%）`;
const apr = v => `按实际占用本金计算的年化利率：复利口径 <strong>${esc(v.apr_compound)}</strong>，单利口径 ${esc(v.apr_simple)}${verdict(v.above_24)}`;
function summary(v) {
  const t = v.type, x = k => esc(v[k]), items = [];
  if (t === "equal_installment" || t === "equal_principal") {
    items.push(li("借款", `${x("principal")} 元，年利率 ${x("annual_rate")}，分 ${x("months")} 期，${x("method_label")}`));
    items.push(li("每期还款", t === "equal_installment" ? `${strong(v.payment)}（最后一期 ${x("last_payment")} 元）`
      : `第一期 ${strong(v.payment)}，之后每期减少，最后一期 ${x("last_payment")} 元`));
    items.push(li("总利息", `${strong(v.total_interest)}；本息合计 ${x("total_payment")} 元`), `<li>${apr(v)}</li>`);
  } else if (t === "fee_installment") {
    const up = v.upfront_fee === "0.00" ? "" : `（含放款时收取的 ${x("upfront_fee")} 元）`;
    items.push(li("借款", `${x("principal")} 元，月费率 ${x("monthly_fee_rate")}，分 ${x("months")} 期`),
      li("每期还款", `${strong(v.payment)}，其中手续费 ${x("fee")} 元，每期都按最初借的 ${x("principal")} 元计算`),
      li("总手续费", `${strong(v.total_fee)}${up}；合计还款 ${x("total_payment")} 元`),
      `<li>月费率乘以 12 只有 ${x("nominal_rate")}；${apr(v)}</li>`);
  } else if (t === "daily_interest") {
    items.push(li("借款", `${x("principal")} 元，日利率 ${x("daily_rate")}，借 ${x("days")} 天`), li("利息", strong(v.interest)),
      li("换算成年利率", `按一年 360 天是 <strong>${x("annual_360")}</strong>，按 365 天是 ${x("annual_365")}`));
  } else if (t === "overdue") {
    items.push(li("逾期", `本金 ${x("overdue_principal")} 元、利息 ${x("overdue_interest")} 元，逾期 ${x("days")} 天；合同年利率 ${x("annual_rate")}，罚息利率为其 ${x("multiplier")} 倍，即 ${x("penalty_rate")}`),
      li("罚息（按逾期本金）", strong(v.penalty_interest)), li("复利（按未付利息）", strong(v.compound_interest)));
    if (v.late_fee !== "0.00") items.push(li("违约金", `${strong(v.late_fee)}（按 ${x("late_fee_rate")} 一次性计算）`));
    items.push(li("合计", `${strong(v.total)}；折合年化 <strong>${x("annualized")}</strong>${verdict(v.above_24)}`));
  } else if (t === "early_repayment") {
    items.push(li("原借款", `${x("principal")} 元，${x("method_label")}，分 ${x("months")} 期，每期 ${x("payment")} 元`),
      li(`第 ${x("after_period")} 期还完后剩余本金`, strong(v.outstanding)));
    if (v.full) items.push(li("一次还清需付", `${strong(v.amount_due)}（含手续费 ${x("fee")} 元）`));
    else {
      items.push(li("提前还", `${strong(v.amount)}，需付 ${x("amount_due")} 元（含手续费 ${x("fee")} 元）`));
      items.push(v.keep === "term" ? li("之后（期限不变）", `每期 ${strong(v.new_payment)}，还 ${x("new_months")} 期`)
        : li("之后（月供基本不变）", `每期 ${strong(v.new_payment)}，只需再还 ${x("new_months")} 期`));
    }
    items.push(li("不用再付的利息和费用", strong(v.interest_saved)), li("扣掉手续费，净省", strong(v.net_saving)));
  } else if (t === "compare") {
    for (const p of v.plans) {
      const pause = p.pause_months !== "0" ? `先暂停 ${esc(p.pause_months)} 个月，` : "";
      items.push(`<li><strong>${esc(p.name)}</strong>：${pause}每月 ${esc(p.payment)} 元，共 ${esc(p.months)} 个月，利息和费用合计 ${esc(p.total_cost)} 元</li>`);
    }
  }
  return `<ul class="calc-summary">${items.join("")}</ul>`;
}
const row = ([h, ...rest]) => `<tr><th scope="row">${esc(h)}</th>${rest.map(c => `<td class="num">${esc(c)}</td>`).join("")}</tr>`;
const head = cols => `<thead><tr>${cols.map(c => `<th scope="col">${c}</th>`).join("")}</tr></thead>`;
const third = v => (v.type === "fee_installment" ? "手续费" : "利息");
const toFen = s => BigInt(s.replace(/[,.]/g, ""));
function scheduleTable(v) {
  const rows = v.rows, n = rows.length, fee = v.type === "fee_installment";
  const cap = `<caption>还款计划（${esc(v.method_label)}，共 ${n} 期，单位：元）</caption>${head(["期数", "还款额", "本金", third(v), "剩余本金"])}`;
  const charged = fee ? (v.upfront_fee !== "0.00" ? M(toFen(v.total_fee) - toFen(v.upfront_fee)) : v.total_fee) : v.total_interest;
  const foot = `<tfoot><tr><th scope="row">合计</th><td class="num">${esc(v.total_payment)}</td><td class="num">${esc(v.principal)}</td><td class="num">${esc(charged)}</td><td></td></tr></tfoot>`;
  const all = rows.map(row).join("");
  if (n <= 12) return `<table class="calc-table">${cap}<tbody>${all}</tbody>${foot}</table>`;
  const gap = `<tr class="calc-gap"><td colspan="5">第 4–${n - 3} 期见下方完整列表</td></tr>`;
  return `<table class="calc-table">${cap}<tbody>${rows.slice(0, 3).map(row).join("")}${gap}${rows.slice(-3).map(row).join("")}</tbody>${foot}</table>` +
    `<details class="calc-all"><summary>展开全部 ${n} 期</summary><table class="calc-table">${cap}<tbody>${all}</tbody></table></details>`;
}
const svg = (h, desc, rects) => `<figure class="calc-chart"><svg viewBox="0 0 600 ${h}" role="img" aria-label="${esc(desc)}" preserveAspectRatio="none">${rects.join("")}</svg>`;
const rect = (cls, x, y, w, h) => `<rect class="calc-bar-${cls}" x="${x}" y="${y}" width="${w}" height="${h}"></rect>`;
function scheduleChart(v) {
  let bars = v.bars.map(b => b.map(BigInt));
  if (bars.length > 60) {
    const g = [];
    for (let i = 0; i < bars.length; i += 12) g.push(bars.slice(i, i + 12).reduce((s, b) => [s[0] + b[0], s[1] + b[1]], [0n, 0n]));
    bars = g;
  }
  const unit = bars.length === v.bars.length ? "期" : "年";
  const top = bars.reduce((m, [p, i]) => (p + i > m ? p + i : m), 0n) || 1n;
  const w = Math.floor(600 / bars.length), gap = w > 3 ? 1 : 0, rects = [];
  bars.forEach(([p, i], k) => {
    const hp = p * 160n / top, hi = (p + i) * 160n / top - hp;
    rects.push(rect("p", k * w, 160n - hp, w - gap, hp));
    if (hi) rects.push(rect("i", k * w, 160n - hp - hi, w - gap, hi));
  });
  const th = third(v), f = v.rows[0], l = v.rows[v.rows.length - 1];
  const desc = `每${unit}还款中本金和${th}的构成。第 1 期还本金 ${f[2]} 元、${th} ${f[3]} 元；最后一期还本金 ${l[2]} 元、${th} ${l[3]} 元。`;
  return svg(160, desc, rects) + `<figcaption><span class="calc-key calc-key-p"></span>本金　<span class="calc-key calc-key-i"></span>${th}（每根柱子是一${unit}）</figcaption></figure>`;
}
function compareChart(v) {
  const plans = v.plans, top = BigInt(Math.max(...plans.map(p => p.cost_fen)) || 1);
  const rects = plans.map((p, i) => rect("i", 0, i * 28 + 4, BigInt(p.cost_fen) * 600n / top, 20));
  const desc = "各方案利息和费用合计：" + plans.map(p => `${p.name} ${p.total_cost} 元`).join("；") + "。";
  return svg(28 * plans.length, desc, rects) + `<figcaption>利息和费用合计，从上到下依次为：${esc(plans.map(p => p.name).join("、"))}</figcaption></figure>`;
}
function render(v) {
  let html = (v.title ? `<p class="calc-title"><strong>${esc(v.title)}</strong></p>` : "") + summary(v);
  if (LABELS[v.type]) html += scheduleChart(v) + scheduleTable(v);
  else if (v.type === "compare") {
    html += compareChart(v) + `<table class="calc-table"><caption>方案对比（金额单位：元）</caption>${head(["方案", "每月还款", "期数（月）", "利息和费用", "合计还款", "年化（复利口径）"])}<tbody>` +
      v.plans.map(p => row([p.name, p.payment, p.months, p.total_cost, p.total_payment, p.apr_compound])).join("") + "</tbody></table>";
  }
  return html;
}

window.BHCalc = { view, render };

// --- the form ------------------------------------------------------------------------------------
const LABEL = {
  principal: "借款金额（元）", annual_rate: "年利率", monthly_fee_rate: "月费率", months: "期数", upfront_fee: "放款时收取的费用（元）",
  daily_rate: "日利率", days: "天数", overdue_principal: "逾期本金（元）", overdue_interest: "逾期利息（元）",
  penalty_multiplier: "罚息倍数", basis: "计息天数基准", late_fee_rate: "违约金比例", method: "还款方式",
  after_period: "已还期数", amount: "提前还款金额（元，留空 = 全部还清）", fee_rate: "提前还款手续费率",
  keep: "部分提前还款后", name: "方案名称", pause_months: "暂停月数",
};
const OPTIONS = {
  M: [["equal_installment", "等额本息"], ["equal_principal", "等额本金"], ["fee_installment", "分期手续费"]],
  K: [["term", "期限不变"], ["payment", "月供不变"]],
  basis: [["360", "360 天"], ["365", "365 天"]],
};
let uid = 0;

function fieldHTML(fs, value, id) {
  const opts = OPTIONS[fs.kind] || OPTIONS[fs.name], sel = opts && (METHODS[value] || KEEPS[value] || ascii(norm(value)).replace(/\D/g, ""));
  const aria = `id="${id}" name="${fs.name}"`;
  const input = opts
    ? `<select ${aria}>${opts.map(([k, t]) => `<option value="${k}"${k === sel ? " selected" : ""}>${t}</option>`).join("")}</select>`
    : `<input ${aria} type="text" autocomplete="off" value="${esc(value)}"` +
      ("tymd".includes(fs.kind) ? ">" : ' inputmode="decimal">');
  return `<div class="calc-field" data-field="${fs.name}"><label for="${id}">${LABEL[fs.name]}</label>${input}<p class="calc-error" id="${id}-e" hidden></p></div>`;
}

function setup(el) {
  const type = el.dataset.calc, out = el.querySelector(".calc-output");
  if (!out || !(SPECS[type] || type === "compare")) return;
  let raw0;
  try { raw0 = JSON.parse(el.dataset.params); } catch { return; }
  const title = el.querySelector(".calc-output > .calc-title strong")?.textContent || "";
  const n = ++uid, sections = type === "compare" ? raw0.plans : [raw0], kind = type === "compare" ? "plan" : type;
  const fields = (raw, i) => `<div class="calc-fields">${spec(kind).map(fs => fieldHTML(fs, raw[fs.name] ?? fs.dflt ?? "", `calc${n}-${i}-${fs.name}`)).join("")}</div>`;
  const form = document.createElement("form");
  form.className = "calc-form";
  form.noValidate = true;
  form.innerHTML = (type === "compare" ? sections.map((r, i) => `<fieldset class="calc-plan"><legend>方案 ${i + 1}</legend>${fields(r, i)}</fieldset>`).join("") : fields(raw0, 0)) +
    `<div class="calc-buttons"><button type="button" class="md-button" data-act="reset">重置</button> <button type="button" class="md-button" data-act="print">打印</button></div>`;
  const note = document.createElement("p"), inputs = document.createElement("ul");
  note.className = "calc-stale-note";
  note.hidden = true;
  inputs.className = "calc-inputs";
  out.before(form, inputs, note);
  const status = el.querySelector(".calc-status"), groups = [...form.querySelectorAll(".calc-fields")];
  let timer;

  // Show only the rate field that fits the chosen method; read the raw strings.
  const toggle = () => groups.forEach(g => {
    const m = g.querySelector("[name=method]");
    if (m) for (const r of ["annual_rate", "monthly_fee_rate"]) g.querySelector(`[data-field=${r}]`).hidden = RATE_FIELD[m.value] !== r;
  });
  const read = () => groups.map(g => {
    const raw = {};
    for (const box of g.querySelectorAll(".calc-field")) raw[box.dataset.field] = box.hidden ? "" : box.querySelector("input,select").value;
    return raw;
  });
  function showError(plan, field, msg) {
    const [, i, f] = /^(?:plans\[(\d+)\]\.)?(.*)$/.exec(field || "");
    const g = groups[i ? i - 1 : plan || 0], box = g && g.querySelector(`[data-field="${f}"]`);
    if (!box || box.hidden) { note.textContent += msg; return; }
    const input = box.querySelector("input,select"), err = box.querySelector(".calc-error");
    err.textContent = msg;
    err.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", err.id);
  }
  function update(announce) {
    for (const e of form.querySelectorAll(".calc-error")) e.hidden = true;
    for (const i of form.querySelectorAll("[aria-invalid]")) { i.removeAttribute("aria-invalid"); i.removeAttribute("aria-describedby"); }
    note.textContent = "输入有误，下面仍是上一次的结果。";
    const raws = read(), errors = [];
    raws.forEach((raw, i) => spec(kind).forEach(fs => {
      if (raw[fs.name] === "" && fs.dflt === null) errors.push([i, fs.name, "请填写"]);
      else try { parseField(fs, raw); } catch (e) { errors.push([i, e.field, e.message]); }
    }));
    let v;
    if (!errors.length) {
      try { v = view(type, type === "compare" ? { plans: raws } : raws[0], title); } catch (e) { errors.push([e.plan, e.field, e.message]); }
    }
    el.classList.toggle("calc-stale", !!errors.length);
    note.hidden = !errors.length;
    if (errors.length) { errors.forEach(e => showError(...e)); return; }
    const open = out.querySelector("details")?.open;
    out.innerHTML = render(v);
    if (open) out.querySelector("details").open = true;
    inputs.innerHTML = groups.map((g, i) => (type === "compare" ? `<li><strong>方案 ${i + 1}</strong></li>` : "") +
      [...g.querySelectorAll(".calc-field:not([hidden])")].map(box => {
        const c = box.querySelector("input,select"), val = c.tagName === "SELECT" ? c.selectedOptions[0].text : c.value;
        return `<li>${esc(box.firstChild.textContent)}：${esc(val || "（空）")}</li>`;
      }).join("")).join("");
    if (announce) status.textContent = [...out.querySelectorAll(".calc-summary li")].slice(type === "compare" ? 0 : 1).map(li => li.textContent).join("；") + "。";
  }
  form.addEventListener("input", e => {
    if (e.target.name === "method") toggle();
    clearTimeout(timer);
    timer = setTimeout(() => update(true), 150);
  });
  form.addEventListener("submit", e => { e.preventDefault(); update(true); });
  form.addEventListener("click", e => {
    const act = e.target.dataset && e.target.dataset.act;
    if (act === "print") window.print();
    if (act === "reset") {
      groups.forEach((g, i) => spec(kind).forEach(fs => {
        const c = g.querySelector(`[name=${fs.name}]`), v = sections[i][fs.name] ?? fs.dflt ?? "";
        c.value = c.tagName === "SELECT" ? METHODS[v] || KEEPS[v] || ascii(norm(v)).replace(/\D/g, "") : v;
      }));
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
