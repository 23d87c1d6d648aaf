/* 借款人手册 · debt-plan.js: the ```calc type: debt_plan block (欠了好几家怎么分) made editable.
 * Mirrors calculators/debts.py (debt_plan, Debt), calculators.parse_amount and
 * hooks/debt_plan_block.py (view and HTML) to the fen: money in BigInt fen, shares compared
 * as exact fractions, so the browser gives the same offers as Python. No network, nothing stored.
 * The debt page reads #available=… (the budget page's link puts it there: forms.js), then drops
 * it from the address bar.
 * In node (tests) the engine is exported instead of touching a document. */
(() => {
"use strict";

// The registry's debt_plan entry and tables.debt_plan (data/calculators.yml), written in by the
// build (hooks/minify_js.py, debt_plan_block.browser_json): summary sentences, table, letter wording.
const REG = /* @debt-plan-registry */ {};

// --- parsing (calculators.parse_amount + _core.money) ---------------------------------------
const fail = (field, msg) => { throw Object.assign(new Error(msg), { field }); };
// Python's \s: JS \s without U+FEFF, plus \x1c-\x1f and \x85; \d: any Unicode decimal digit
const WS = "(?:[^\\S\\ufeff]|[\\x1c-\\x1f\\x85])",
  re = (s, g = "") => new RegExp(s.replace(/\\d/g, "\\p{Nd}").replace(/\\s/g, WS), g + "u"),
  TRIM = re("^\\s+|\\s+$", "g"), SPACES = re("\\s+", "g"), ND = /\p{Nd}/u,
  AMOUNT = re("^(?:rmb|cny|¥)?\\s*([-+\u2212])?\\s*(?:¥)?\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(万|亿)?\\s*(?:元|块|yuan|rmb|cny)?$");
const ascii = s => s.replace(/\p{Nd}/gu, ch => {
  const cp = ch.codePointAt(0);
  let z = cp;
  while (ND.test(String.fromCodePoint(z - 1))) z--;
  return String((cp - z) % 10);
});
// field names as in the form and the registry (the engine's errors say name / payment)
const LABEL = { available: "每月能拿出来还债的钱", balance: "欠款余额", contract_payment: "合同月还款" },
  MAX_FEN = 10n ** 14n, MAX_DEBTS = 50, MAX_NAME = 40;

// text -> BigInt fen; errors carry the Python field name and the Chinese half of its message
function money(text, field, allowZero) {
  const label = LABEL[field], m = AMOUNT.exec(text.normalize("NFKC").replace(TRIM, "").toLowerCase());
  if (!m) fail(field, `${label}格式无法识别（示例：12000、12,000、1.2万）`);
  const [i, f = ""] = ascii(m[2].replace(/,/g, "")).split(".");
  let c = BigInt(i + f || "0"), e = -f.length + (m[3] === "万" ? 4 : m[3] === "亿" ? 8 : 0);
  if ((m[1] === "-" || m[1] === "\u2212") && c) c = -c;
  if (allowZero ? c < 0n : c <= 0n) fail(field, allowZero ? `${label}不能为负数` : `${label}必须大于 0`);
  let fen;
  if (e + 2 >= 0) fen = c * 10n ** BigInt(e + 2);
  else {
    const d = 10n ** BigInt(-(e + 2));
    fen = c / d;
    if (c > MAX_FEN * d) fail(field, `${label}不能超过 1,000,000,000,000`);
    if (c % d) fail(field, `${label}最多保留两位小数（到分）`);
  }
  if (fen > MAX_FEN) fail(field, `${label}不能超过 1,000,000,000,000`);
  return fen;
}
function debt(name, balance, payment, priority) {
  const n = name.replace(TRIM, "").replace(SPACES, " ");
  if (!n) fail("lender", "借款机构名称不能为空");
  if ([...n].length > MAX_NAME) fail("lender", `借款机构名称最多 ${MAX_NAME} 个字`);
  const b = money(balance, "balance"), p = money(payment, "contract_payment");
  if (p > b) fail("contract_payment", "合同月还款不能超过欠款余额");
  return { name: n, balance: b, payment: p, priority: !!priority };
}

// --- the plan (calculators.debts.split_fen / debt_plan) -------------------------------------
function splitFen(amount, balances, caps) {
  const shares = balances.map(() => 0n);
  let active = balances.map((_, i) => i), rest = amount;
  for (;;) {
    const total = active.reduce((s, i) => s + balances[i], 0n),
      capped = active.filter(i => rest * balances[i] >= caps[i] * total);
    if (!capped.length) break;
    for (const i of capped) { shares[i] = caps[i]; rest -= caps[i]; }
    active = active.filter(i => !capped.includes(i));
  }
  if (!active.length) return shares;
  const total = active.reduce((s, i) => s + balances[i], 0n), rems = [];
  for (const i of active) {
    shares[i] = rest * balances[i] / total;
    rems.push([rest * balances[i] % total, i]);
  }
  let left = rest - active.reduce((s, i) => s + shares[i], 0n);
  rems.sort((a, b) => (a[0] > b[0] ? -1 : a[0] < b[0] ? 1 : a[1] - b[1]));
  for (const [, i] of rems) { if (left <= 0n) break; shares[i] += 1n; left -= 1n; }
  return shares;
}
function plan(avail, debts) {
  if (!debts.length) fail("debts", "至少要有一笔债务");
  if (debts.length > MAX_DEBTS) fail("debts", `最多 ${MAX_DEBTS} 笔债务`);
  const seen = new Set();
  debts.forEach((d, i) => {
    if (seen.has(d.name)) throw Object.assign(new Error("两笔债务的名称相同，请区分（如“招联 1”“招联 2”）"), { field: "lender", index: i });
    seen.add(d.name);
  });
  const pay = debts.map(d => d.payment), bal = debts.map(d => d.balance),
    sum = xs => xs.reduce((s, x) => s + x, 0n), totalPay = sum(pay);
  let amounts;
  if (avail >= totalPay) amounts = pay.slice();
  else {
    amounts = debts.map(() => 0n);
    const pri = [], oth = [];
    debts.forEach((d, i) => (d.priority ? pri : oth).push(i));
    const priTotal = sum(pri.map(i => pay[i]));
    let group, rest;
    if (avail >= priTotal) { pri.forEach(i => { amounts[i] = pay[i]; }); group = oth; rest = avail - priTotal; }
    else { group = pri; rest = avail; }
    splitFen(rest, group.map(i => bal[i]), group.map(i => pay[i])).forEach((s, k) => { amounts[group[k]] = s; });
  }
  const offered = sum(amounts);
  return {
    available: avail, total_payments: totalPay, total_offered: offered,
    shortfall: totalPay > avail ? totalPay - avail : 0n, surplus: avail > totalPay ? avail - totalPay : 0n,
    offers: debts.map((d, i) => ({ debt: d, amount: amounts[i], months: amounts[i] ? (bal[i] + amounts[i] - 1n) / amounts[i] : null })),
  };
}

// --- view and HTML (hooks/debt_plan_block.py view_of / output) -------------------------------
const fmt = fen => `${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(fen % 100n).toString().padStart(2, "0")}`;
function view(p, title = "") {
  return {
    title, available: fmt(p.available), total_balance: fmt(p.offers.reduce((s, o) => s + o.debt.balance, 0n)),
    total_payments: fmt(p.total_payments), total_offered: fmt(p.total_offered),
    shortfall: fmt(p.shortfall), surplus: fmt(p.surplus), short: p.shortfall > 0n,
    any_priority: p.offers.some(o => o.debt.priority), count: String(p.offers.length),
    rows: p.offers.map(o => ({
      name: o.debt.name, priority: o.debt.priority, balance: fmt(o.debt.balance), payment: fmt(o.debt.payment),
      offer: fmt(o.amount), months: o.months === null ? "" : o.months.toString(), full: o.amount === o.debt.payment,
    })),
  };
}
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" },
  esc = s => String(s).replace(/[&<>"']/g, c => ESC[c]);
// the registry's template language (calc_registry.fill / lines; the same as in calc.js)
const PART = /\{>(\w+)\}|\{(\w+)\}|\[(\w+)\]/g,
  CONDITION = /^(?:(not )?(\w+)|(\w+) (==|!=) (\S+))$/;
function holds(condition, v) {
  const m = CONDITION.exec(condition);
  if (m[2]) {
    const value = v[m[2]], truthy = value === true || (typeof value === "string" && value !== "");
    return m[1] ? !truthy : truthy;
  }
  return (String(v[m[3]]) === m[5]) === (m[4] === "==");
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
    snippet ? fill(REG.snippets[snippet], v) : strong ? `<strong>${esc(v[strong])}</strong>` : esc(v[plain]));
}
function lines(items, v) {
  return items.flatMap(item => {
    if (typeof item === "string") return [fill(item, v)];
    const chosen = isConditional(item) ? choose(item, v) : item;
    return chosen == null ? [] : lines(typeof chosen === "string" ? [chosen] : chosen, v);
  });
}
const letterFill = r => [["借款机构名称", r.name], ...(r.months ? [["每月可还金额", r.offer]] : [])]
  .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
// hooks/debt_plan_block.output
function render(v, base) {
  const T = REG.table, cols = T.columns, num = s => `<td class="num">${esc(s)}</td>`,
    head = cols.map(([title]) => `<th scope="col">${esc(title)}</th>`).join(""),
    tag = `<span class="debt-tag">${esc(T.tag)}</span>`,
    body = v.rows.map(r => `<tr><th scope="row">${esc(r[cols[0][1]])}${r.priority ? tag : ""}</th>` +
      cols.slice(1).map(([, key]) => num(r[key] || T.none)).join("") + "</tr>").join(""),
    foot = `<tfoot><tr><th scope="row">${esc(T.total)}</th>${num(v.total_balance)}${num(v.total_payments)}${num(v.total_offered)}<td></td></tr></tfoot>`,
    letters = v.rows.map(r => `<li><a href="${esc(base)}" data-fill="${esc(letterFill(r))}">${fill(T.letter, r)}</a>${fill(T.letter_offer, r)}</li>`).join("");
  return (v.title ? `<p class="calc-title"><strong>${esc(v.title)}</strong></p>` : "") +
    `<ul class="calc-summary">${lines(REG.summary, v).map(s => `<li>${s}</li>`).join("")}</ul>` +
    `<table class="calc-table debt-table"><caption>${esc(T.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>${foot}</table>` +
    `<p class="debt-frozen">${esc(T.frozen)}</p><p class="debt-letters-head">${esc(T.letters)}</p><ul class="debt-letters">${letters}</ul>`;
}

// Strings as typed -> view; errors: [{row (null: the available field), field, message}].
function compute(raw, title) {
  const errors = [], debts = [], rows = [];
  let avail = null;
  if (raw.available.replace(TRIM, "") === "") errors.push({ row: null, field: "available", message: "请填写" });
  else { try { avail = money(raw.available, "available", true); } catch (e) { errors.push({ row: null, field: e.field, message: e.message }); } }
  raw.debts.forEach((d, row) => {
    const blank = ["lender", "balance", "contract_payment"].filter(k => d[k].replace(TRIM, "") === "");
    if (blank.length === 3 && !d.priority) return; // an empty row is left out until she fills it in
    if (blank.length) { blank.forEach(field => errors.push({ row, field, message: "请填写" })); return; }
    try { debts.push(debt(d.lender, d.balance, d.contract_payment, d.priority)); rows.push(row); } catch (e) { errors.push({ row, field: e.field, message: e.message }); }
  });
  if (!errors.length && !debts.length) errors.push({ row: null, field: "debts", message: "至少填写一家：名称、欠款余额和合同月还款" });
  if (errors.length) return { errors };
  try { return { view: view(plan(avail, debts), title) }; } catch (e) {
    return { errors: [{ row: e.index === undefined ? null : rows[e.index], field: e.field, message: e.message }] };
  }
}

const api = { money, debt, plan, splitFen, view, render, compute, letterFill, fmt };
if (typeof module === "object" && module.exports) { module.exports = api; return; }
window.BHDebtPlan = api;

// --- the page ----------------------------------------------------------------------------------
const Q = (el, s) => el.querySelector(s), QA = (el, s) => [...el.querySelectorAll(s)];
// "#available=3000.00" or, in the single-file edition, "#cope-several-debts--available=3000.00"
function hashParams() {
  let h = location.hash.slice(1);
  const cut = h.lastIndexOf("--");
  if (cut >= 0) h = h.slice(cut + 2);
  const out = {};
  for (const part of h.split("&")) {
    const [k, v = ""] = part.split("=");
    try { out[decodeURIComponent(k)] = decodeURIComponent(v); } catch (e) { /* not ours */ }
  }
  return out;
}
function dropHash() {
  try { history.replaceState(history.state, "", location.pathname + location.search); } catch (e) { /* file:// in some browsers */ }
}
let counter = 0;

function setup(el) {
  const form = Q(el, ".debt-form"), out = Q(el, ".calc-output"), rowsBox = Q(el, ".debt-rows");
  if (!form || !rowsBox || !rowsBox.firstElementChild) return;
  const note = Q(el, ".calc-stale-note"), status = Q(el, ".calc-status"), from = Q(el, ".debt-from-budget"),
    base = Q(el, ".debt-letter-base").getAttribute("href"), initial = rowsBox.innerHTML,
    title = Q(out, ".calc-title strong")?.textContent || "", blankRow = rowsBox.firstElementChild.cloneNode(true);
  form.hidden = false;
  const rows = () => QA(rowsBox, ".debt-row");
  const renumber = () => rows().forEach((r, i, all) => {
    Q(r, "legend").textContent = `第 ${i + 1} 家`;
    Q(r, ".debt-remove").disabled = all.length === 1;
  });
  function freshRow() {
    const r = blankRow.cloneNode(true), id = `debt-new-${++counter}`;
    for (const c of QA(r, "input")) {
      const box = `${id}-${c.name}`, label = c.closest(".calc-field").querySelector("label");
      c.id = box;
      label.htmlFor = box;
      if (c.type === "checkbox") c.checked = c.defaultChecked = false;
      else { c.value = c.defaultValue = ""; c.nextElementSibling.id = `${box}-e`; }
    }
    return r;
  }
  const read = () => ({
    available: Q(form, "[name=available]").value,
    debts: rows().map(r => ({ lender: Q(r, "[name=lender]").value, balance: Q(r, "[name=balance]").value,
      contract_payment: Q(r, "[name=contract_payment]").value, priority: Q(r, "[name=priority]").checked })),
  });

  function show(err) {
    const scope = err.row === null ? form : rows()[err.row], c = scope && Q(scope, `[name="${err.field}"]`);
    if (!c || c.type === "checkbox") { note.textContent += err.message + "。"; return; }
    const box = c.nextElementSibling;
    box.textContent = err.message;
    box.hidden = false;
    c.setAttribute("aria-invalid", "true");
    c.setAttribute("aria-describedby", box.id);
  }
  // The page's title describes its example ("例子：…"): once she changes anything it would be wrong.
  let timer, edited = false;
  function update(announce) {
    for (const c of QA(form, "input[type=text]")) {
      c.removeAttribute("aria-invalid");
      c.removeAttribute("aria-describedby");
      c.nextElementSibling.hidden = true;
    }
    const result = compute(read(), edited ? "" : title);
    el.classList.toggle("calc-stale", !!result.errors);
    note.hidden = !result.errors;
    if (result.errors) {
      note.textContent = "输入有误，下面仍是上一次的结果。";
      result.errors.forEach(show);
      return;
    }
    out.innerHTML = render(result.view, base);
    if (announce) status.textContent = "方案已更新：" + result.view.rows.map(r => `${r.name}每月 ${r.offer} 元`).join("，") + "。";
  }
  function fromHash() {
    const inFile = location.hash.includes("--"), amount = hashParams().available;
    if (!amount || !/^\d{1,13}(\.\d{1,2})?$/.test(amount)) return;
    Q(form, "[name=available]").value = amount;
    from.textContent = `已填入你在“做一份预算”粗算出的 ${fmt(money(amount, "available", true))} 元。那个数还没有留出应急的钱：如果你已经算出第四步的⑤，请改成⑤。`;
    from.hidden = false;
    edited = true;
    dropHash();
    update(true);
    if (inFile) el.scrollIntoView(); // single-file edition: the link's target was this page's section
  }
  const today = () => { const d = new Date(); return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`; };
  window.addEventListener("beforeprint", () => { Q(el, ".debt-date").textContent = today(); });
  window.addEventListener("afterprint", () => document.documentElement.classList.remove("debt-printing"));
  window.addEventListener("hashchange", fromHash);
  // A letter link gets its #借款机构名称=… just before she follows it (or long-presses it).
  const withFill = e => {
    const a = e.target.closest && e.target.closest("a[data-fill]");
    if (a) a.setAttribute("href", base + (base.includes("#") ? "--" : "#") + a.dataset.fill);
  };
  for (const type of ["pointerdown", "focusin", "click"]) out.addEventListener(type, withFill);
  form.addEventListener("input", () => { edited = true; clearTimeout(timer); timer = setTimeout(() => update(true), 150); });
  form.addEventListener("change", e => { if (e.target.type === "checkbox") { edited = true; update(true); } });
  form.addEventListener("submit", e => { e.preventDefault(); update(true); });
  form.addEventListener("click", e => {
    const act = e.target.dataset?.act;
    if (!act) return;
    if (act === "add") {
      edited = true;
      const r = freshRow();
      rowsBox.append(r);
      renumber();
      Q(r, "[name=lender]").focus();
      status.textContent = `已添加第 ${rows().length} 家，请填写名称、欠款余额和合同月还款。`;
    } else if (act === "remove" && rows().length > 1) {
      const r = e.target.closest(".debt-row"), name = Q(r, "[name=lender]").value || "这一家";
      r.remove();
      edited = true;
      renumber();
      update(false);
      status.textContent = `已删除${name}。` + status.textContent;
      Q(form, "[data-act=add]").focus();
    } else if (act === "reset") {
      form.reset();
      rowsBox.innerHTML = initial;
      from.hidden = true;
      edited = false;
      renumber();
      clearTimeout(timer);
      update(true);
    } else if (act === "print") {
      Q(el, ".debt-date").textContent = today();
      document.documentElement.classList.add("debt-printing");
      window.print();
    }
  });
  renumber();
  update(false);
  fromHash();
}

const start = () => QA(document, ".debt-plan[data-debt-plan]").forEach(setup);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();
