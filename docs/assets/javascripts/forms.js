/* 借款人手册 · 文书模板和预算表的填写脚本（forms.js）
 *
 * 只在读者的浏览器里运行：不联网，默认不保存（不用 Cookie），刷新就清空。
 * 唯一的例外：文书下面有“在这台设备上保存”，读者点了它，这份文书的草稿才写进本机浏览器的
 * localStorage（键名 borrower-handbook:draft:模板名），之后的修改也随时存下，直到她点“清除”。
 * 没有 JavaScript 时，页面照样显示可打印的空白文书；按钮全部由本脚本生成，不会出现点了没反应的按钮。
 *
 * 页面上的三种写法（Markdown，需 md_in_html）：
 *
 * 1. 文书：一个 div 包住整封信，空白处写成【名称】。同名空白共用一个输入框。
 *    data-long 列出需要多行输入的空白（逗号分隔）。
 *
 *      <div class="letter-form" data-template="negotiation-letter" data-long="困难情况" markdown>
 *      致【借款机构名称】：
 *      本人【姓名】……
 *      </div>
 *
 * 2. 表格（沟通记录、证据清单）：div 里放一张 Markdown 表格，空行变成输入行，另有"添加一行"。
 *    data-long 列出需要多行输入的列名。
 *
 *      <div class="table-form" data-template="contact-log" data-long="对方说了什么" markdown>
 *      | 日期 | 时间 | …… |
 *      </div>
 *
 * 3. 预算表：把下面这段原样贴到 docs/cope/budget.md 的 <!-- budget-form --> 一行（替换该行）：
 *
 *      <div class="budget-form" markdown>
 *
 *      <div class="budget-income" markdown>
 *
 *      | 每月收入 | 金额（元） |
 *      | --- | --- |
 *      | 工资（到手的钱） | |
 *      | 兼职、奖金等其他收入 | |
 *      | 家人每月固定给的钱 | |
 *
 *      </div>
 *
 *      <div class="budget-essentials" markdown>
 *
 *      | 每月必需支出 | 金额（元） |
 *      | --- | --- |
 *      | 房租或房贷 | |
 *      | 吃饭 | |
 *      | 水电燃气、话费、网费 | |
 *      | 交通 | |
 *      | 看病吃药 | |
 *      | 孩子上学、照顾老人 | |
 *      | 其他必需开支 | |
 *
 *      </div>
 *
 *      <p class="budget-result">收入减去必需支出后还剩多少 = 每月收入合计 − 每月必需支出合计（还没留应急的钱）</p>
 *
 *      </div>
 *
 *    金额按整数"分"计算，不用浮点数：接受 12000、12,000、１２０００、3500.5、￥3500 元；
 *    负数、超过两位小数、逗号位置不对的写法会在该格旁边给出提示，结果处绝不出现 NaN。
 */
(() => {
  "use strict";

  const BLANK = /【([^【】\n]{1,40})】/g;
  const PRIVACY = "你填写的内容只在你的设备上处理，不会发送或保存，刷新页面就会清空。";
  const LETTER_PRIVACY =
    "你填写的内容只在你的设备上处理，不会发送出去。默认不保存，刷新页面就会清空；点下面的“在这台设备上保存”，草稿才会留在这台设备的浏览器里。";
  let counter = 0;
  const nextId = (prefix) => `${prefix}-${++counter}`;

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function listAttr(node, name) {
    return (node.getAttribute(name) || "").split(/[,，]/).map((s) => s.trim()).filter(Boolean);
  }

  function button(label, onClick) {
    const node = el("button", { type: "button", class: "md-button" }, label);
    node.addEventListener("click", onClick);
    return node;
  }

  function statusRegion() {
    return el("p", { class: "form-status", role: "status", "aria-live": "polite" });
  }

  function field(multiline, id) {
    const input = el(multiline ? "textarea" : "input", {
      id, name: id, autocomplete: "off", autocapitalize: "off", spellcheck: "false",
    });
    if (multiline) input.rows = 2;
    else input.type = "text";
    return input;
  }

  /* Glossary tooltips (<abbr>) can split a blank such as 【异议事项】 into several text nodes. */
  function unwrapTooltips(root) {
    for (const abbr of root.querySelectorAll("abbr")) abbr.replaceWith(abbr.textContent);
    root.normalize();
  }

  /* Wrap every 【名称】 in <span class="blank" data-field="名称">; return the spans in order. */
  function markBlanks(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    const spans = [];
    for (const text of texts) {
      const value = text.nodeValue;
      if (!value.includes("【")) continue;
      const parts = [];
      let last = 0;
      value.replace(BLANK, (match, name, offset) => {
        const span = el("span", { class: "blank", "data-field": name }, match);
        parts.push(value.slice(last, offset), span);
        spans.push(span);
        last = offset + match.length;
        return match;
      });
      if (last === 0) continue;
      parts.push(value.slice(last));
      text.replaceWith(...parts);
    }
    return spans;
  }

  async function copy(text, target, region) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        region.textContent = "已复制全文，可以粘贴到短信、邮件或文档里。";
        return;
      }
    } catch (error) {
      // No permission or no focus: fall back to selecting the text.
    }
    const range = document.createRange();
    range.selectNodeContents(target);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    region.textContent = "没能自动复制，全文已选中：请长按选择后复制。";
  }

  function toolbar(region, ...buttons) {
    const bar = el("p", { class: "form-buttons" });
    bar.append(...buttons);
    const box = el("div", { class: "form-actions" });
    box.append(bar, region);
    return box;
  }

  /* ---------- 文书 ---------- */

  function setupLetter(box) {
    unwrapTooltips(box);
    const letter = el("div", { class: "letter-text" });
    letter.append(...box.childNodes);
    box.append(letter);
    const spans = markBlanks(letter);
    if (!spans.length) return;
    const multiline = new Set(listAttr(box, "data-long"));

    const fields = el("fieldset", { class: "form-fields" });
    fields.append(el("legend", {}, "在这里填写，下面的文书会同步更新"));
    fields.append(el("p", { class: "form-privacy" }, LETTER_PRIVACY));
    const names = [...new Set(spans.map((span) => span.dataset.field))];
    const inputs = {};
    // A long answer left empty prints as a box to write in (forms.css, print).
    for (const span of spans) if (multiline.has(span.dataset.field)) span.classList.add("blank-long");
    for (const name of names) {
      const id = nextId("letter-field");
      const targets = spans.filter((span) => span.dataset.field === name);
      const input = field(multiline.has(name), id);
      input.addEventListener("input", () => {
        const value = input.value.trim();
        for (const span of targets) {
          span.textContent = value || `【${name}】`;
          span.classList.toggle("filled", value !== "");
        }
      });
      const row = el("p", { class: "form-field" });
      row.append(el("label", { for: id }, name), input);
      fields.append(row);
      inputs[name] = input;
    }
    const region = statusRegion();
    const draft = draftButtons(box.dataset.template, inputs, region);
    const tools = el("div", { class: "form-tools" });
    tools.append(fields, toolbar(region,
      button("复制全文", () => copy(letter.innerText.trim(), letter, region)),
      button("打印", () => window.print()),
      ...draft));
    box.prepend(tools);
    box.classList.add("form-ready");
  }

  /* ---------- 草稿：只在读者点了“在这台设备上保存”之后 ---------- */

  // Returns the two buttons; restores a draft saved earlier on this device, if there is one.
  function draftButtons(template, inputs, region) {
    if (!template) return [];
    const key = `borrower-handbook:draft:${template}`;
    let store = null;
    try {
      store = window.localStorage;
    } catch (error) {
      store = null; // storage switched off in this browser
    }
    const read = () => {
      try {
        return JSON.parse(store.getItem(key) || "null");
      } catch (error) {
        return null;
      }
    };
    const write = () => {
      const values = {};
      for (const [name, input] of Object.entries(inputs)) if (input.value) values[name] = input.value;
      store.setItem(key, JSON.stringify(values));
    };
    const fill = (name, value) => {
      inputs[name].value = value;
      inputs[name].dispatchEvent(new Event("input"));
    };
    let keeping = false;
    const saved = store ? read() : null;
    if (saved && typeof saved === "object") {
      for (const [name, value] of Object.entries(saved)) {
        if (inputs[name] && typeof value === "string") fill(name, value);
      }
      keeping = true;
      region.textContent = "已恢复你上次在这台设备上保存的草稿。之后的修改也会存下，点“清除”就删掉。";
    }
    for (const input of Object.values(inputs)) {
      input.addEventListener("input", () => {
        if (keeping) {
          try {
            write();
          } catch (error) {
            keeping = false;
          }
        }
      });
    }
    const save = button("在这台设备上保存", () => {
      if (!store) {
        region.textContent = "这个浏览器不允许保存。请点“复制全文”，粘贴到备忘录里留底。";
        return;
      }
      try {
        write();
        keeping = true;
        region.textContent = "草稿已保存在这台设备的浏览器里，不会发送出去；之后的修改也会存下。用完请点“清除”。";
      } catch (error) {
        region.textContent = "没能保存（浏览器的存储空间已满或被关闭）。请点“复制全文”留底。";
      }
    });
    const clear = button("清除", () => {
      keeping = false;
      try {
        if (store) store.removeItem(key);
      } catch (error) {
        // nothing was stored
      }
      for (const name of Object.keys(inputs)) fill(name, "");
      region.textContent = "已清除：表单清空了，这台设备上也没有这份草稿了。";
    });
    return [save, clear];
  }

  /* ---------- 表格 ---------- */

  function setupTable(box) {
    const table = box.querySelector("table");
    if (!table || !table.tBodies.length) return;
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    const multiline = new Set(listAttr(box, "data-long"));
    const body = table.tBodies[0];

    const fillRow = (row) => {
      const number = row.rowIndex;
      headers.forEach((header, column) => {
        const cell = row.cells[column] || row.insertCell();
        cell.dataset.label = header; // the column name above the field when a phone shows rows as cards
        const id = nextId("table-field");
        const input = field(multiline.has(header), id);
        input.setAttribute("aria-label", `第${number}行 ${header}`);
        const shown = el("span", { class: "cell-value" });
        input.addEventListener("input", () => { shown.textContent = input.value.trim(); });
        cell.replaceChildren(input, shown);
      });
      return row;
    };
    const isEmpty = (row) => [...row.cells].every((cell) => cell.textContent.trim() === "");
    [...body.rows].filter(isEmpty).forEach(fillRow);

    const region = statusRegion();
    const tableText = () => {
      const lines = [headers.join("\t")];
      for (const row of body.rows) {
        const cells = [...row.cells].map((cell) => {
          const shown = cell.querySelector(".cell-value");
          return (shown ? shown.textContent : cell.textContent).trim().replace(/\s+/g, " ");
        });
        if (cells.some(Boolean)) lines.push(cells.join("\t"));
      }
      return lines.join("\n");
    };
    const addRow = () => {
      const row = fillRow(body.insertRow());
      region.textContent = `已添加第${row.rowIndex}行。`;
      row.querySelector("input, textarea").focus();
    };
    box.prepend(el("p", { class: "form-privacy" }, PRIVACY));
    box.append(toolbar(region,
      button("添加一行", addRow),
      button("复制全文", () => copy(tableText(), table, region)),
      button("打印", () => window.print())));
    box.classList.add("form-ready");
  }

  /* ---------- 预算 ---------- */

  const FULLWIDTH = /[０-９]/g;
  const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{0,2}))?$/;

  /* "12,000" / "１２０００" / "3500.5" -> {fen}; anything unclear -> {error}. Exact: integer fen. */
  function parseFen(raw) {
    const text = raw
      .replace(FULLWIDTH, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/，/g, ",").replace(/[．。]/g, ".")
      .replace(/[\s\u3000]/g, "").replace(/^[¥￥]/, "").replace(/元$/, "");
    if (text === "") return { fen: 0 };
    if (/^[-－−]/.test(text)) return { error: "请填写0或正数，不要写负号。" };
    const match = AMOUNT.exec(text);
    if (!match) {
      if (/^[\d,]*\.\d{3,}$/.test(text)) return { error: "最多精确到分：小数点后最多两位。" };
      if (/^[\d,.]+$/.test(text)) return { error: "逗号或小数点的位置看不明白，请直接写数字，例如12000或3500.50。" };
      return { error: "请只填写数字，例如12000或3500.50。" };
    }
    const whole = match[1].replace(/,/g, "");
    if (whole.replace(/^0+/, "").length > 9) return { error: "金额太大了，请检查是否多写了几位。" };
    return { fen: Number(whole) * 100 + Number((match[2] || "").padEnd(2, "0")) };
  }

  function formatFen(fen) {
    const abs = Math.abs(fen);
    const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return `${yuan}.${String(abs % 100).padStart(2, "0")}`;
  }

  function setupBudget(box) {
    const groups = { income: box.querySelector(".budget-income table"), essentials: box.querySelector(".budget-essentials table") };
    if (!groups.income || !groups.essentials) return;
    const inputs = { income: [], essentials: [] };
    const result = box.querySelector(".budget-result") || box.appendChild(el("p", { class: "budget-result" }));
    result.setAttribute("role", "status");
    result.setAttribute("aria-live", "polite");

    for (const [group, table] of Object.entries(groups)) {
      for (const row of table.tBodies[0].rows) {
        if (row.cells.length < 2 || row.cells[1].textContent.trim() !== "") continue;
        const id = nextId("budget-field");
        const label = el("label", { for: id }, row.cells[0].textContent.trim());
        row.cells[0].replaceChildren(label);
        const input = field(false, id);
        input.setAttribute("inputmode", "decimal");
        input.setAttribute("aria-describedby", `${id}-error`);
        const error = el("span", { class: "field-error", id: `${id}-error` });
        const shown = el("span", { class: "cell-value" });
        row.cells[1].replaceChildren(input, shown, error);
        inputs[group].push({ input, error, shown });
      }
    }

    const showError = (item, message) => {
      item.error.textContent = message || "";
      if (message) item.input.setAttribute("aria-invalid", "true");
      else item.input.removeAttribute("aria-invalid");
    };

    const update = () => {
      const totals = { income: 0, essentials: 0 };
      let bad = 0;
      let filled = 0;
      for (const [group, items] of Object.entries(inputs)) {
        for (const item of items) {
          const parsed = parseFen(item.input.value);
          item.shown.textContent = item.input.value.trim();
          if (parsed.error) { bad += 1; continue; }
          if (item.input.value.trim() !== "") filled += 1;
          if (item.error.textContent) showError(item, "");
          totals[group] += parsed.fen;
        }
      }
      result.replaceChildren();
      result.removeAttribute("data-fen");
      if (bad) {
        result.append("有金额没填对，改正后这里会显示结果。");
        return;
      }
      if (!filled) {
        result.append("填入金额后，这里会显示收入减去必需支出后每月还剩多少。");
        return;
      }
      const left = totals.income - totals.essentials;
      result.dataset.fen = String(left);
      const sum = el("span", { class: "budget-totals" },
        `每月收入合计 ${formatFen(totals.income)} 元，必需支出合计 ${formatFen(totals.essentials)} 元。`);
      const line = el("strong");
      line.textContent = left >= 0
        ? `收入减去必需支出，每月还剩 ${formatFen(left)} 元（还没留应急的钱）。`
        : `每月收入比必需支出少 ${formatFen(left)} 元，眼下拿不出钱还款。`;
      result.append(sum, " ", line);
    };

    for (const items of Object.values(inputs)) {
      for (const item of items) {
        item.input.addEventListener("input", () => {
          update();
          const parsed = parseFen(item.input.value);
          if (parsed.error && item.error.textContent) showError(item, parsed.error);
        });
        item.input.addEventListener("change", () => showError(item, parseFen(item.input.value).error));
      }
    }
    update();
    box.classList.add("form-ready");
  }

  /* 预填 #空白名=值&…（单文件版 #页面--…），用后从地址栏去掉 */
  function prefill() {
    const hash = location.hash.slice(1), cut = hash.lastIndexOf("--"), page = hash.slice(0, Math.max(cut, 0)),
      values = new URLSearchParams(hash.slice(cut + 1 && cut + 2));
    let used = false;
    for (const box of document.querySelectorAll(".letter-form.form-ready")) {
      if (page && !page.endsWith(box.dataset.template)) continue;
      for (const row of box.querySelectorAll(".form-field")) {
        const input = row.querySelector("input, textarea"), value = values.get(row.querySelector("label").textContent);
        if (input && value) { input.value = value.slice(0, 200); input.dispatchEvent(new Event("input")); used = true; }
      }
      if (used && page) box.scrollIntoView();
    }
    if (used) try { history.replaceState(history.state, "", location.pathname + location.search); } catch (error) {}
  }

  /* ---------- 预算的结果带给“欠了好几家怎么分”：只改链接的 #，不保存 ---------- */

  function linkBudgetToDebtPlan() {
    const links = [...document.querySelectorAll("a.debt-plan-link")];
    if (!links.length) return;
    for (const a of links) a.dataset.base ??= a.getAttribute("href");
    const refresh = () => {
      const fen = document.querySelector(".budget-result")?.dataset.fen;
      const yuan = fen && /^\d+$/.test(fen) && fen !== "0"
        ? `${BigInt(fen) / 100n}.${String(BigInt(fen) % 100n).padStart(2, "0")}` : "";
      for (const a of links) {
        const base = a.dataset.base;
        a.href = yuan ? `${base}${base.includes("#") ? "--" : "#"}available=${yuan}` : base;
      }
    };
    document.addEventListener("input", refresh);
    refresh();
  }

  /* ---------- 启动 ---------- */

  const SETUP = [[".letter-form", setupLetter], [".table-form", setupTable], [".budget-form", setupBudget]];

  function init() {
    for (const [selector, setup] of SETUP) {
      for (const box of document.querySelectorAll(selector)) {
        if (box.dataset.formReady) continue;
        box.dataset.formReady = "1";
        setup(box);
      }
    }
    prefill();
    linkBudgetToDebtPlan();
  }
  window.addEventListener("hashchange", prefill);

  window.BorrowerForms = { parseFen, formatFen };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
