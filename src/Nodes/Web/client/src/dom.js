// Small DOM helpers shared by the sections: lookup by data-testid, element creation, keyed table rows.

/** The element with data-testid=ID (inside root, default the document). */
export function byTestId(id, root = document) {
  return root.querySelector(`[data-testid="${id}"]`);
}

/** Creates an element: el('td', {testid: 'x', class: 'num'}, 'text', child...). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'testid') node.dataset.testid = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Sets text only when it changed, so a once-a-second refresh does not disturb selection or layout. */
export function setText(node, text) {
  const value = text === undefined || text === null ? '' : String(text);
  if (node.textContent !== value) node.textContent = value;
}

/** Sets (or, for null/undefined, removes) an attribute only when it changed. */
export function setAttr(node, name, value) {
  if (value === undefined || value === null) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== String(value)) {
    node.setAttribute(name, String(value));
  }
}

/**
 * Keeps a tbody's rows in step with items, keyed: rows of items still present are updated in place (their buttons
 * keep focus), new ones are created, the rest removed; rows follow the items' order.
 */
export function syncRows(tbody, items, keyOf, create, update) {
  const existing = new Map();
  for (const row of Array.from(tbody.rows)) existing.set(row.dataset.key, row);
  let previous = null;
  for (const item of items) {
    const key = String(keyOf(item));
    let row = existing.get(key);
    if (row) existing.delete(key);
    else {
      row = create(item);
      row.dataset.key = key;
    }
    update(row, item);
    const wanted = previous ? previous.nextSibling : tbody.firstChild;
    if (wanted !== row) tbody.insertBefore(row, wanted);
    previous = row;
  }
  for (const row of existing.values()) row.remove();
}

/** Keeps a <select>'s options equal to names, keeping the chosen one when it is still there. */
export function syncOptions(select, names, placeholder) {
  const current = select.value;
  const wanted = names.length === 0 && placeholder ? [''] : names;
  const have = Array.from(select.options).map((o) => o.value);
  if (have.length !== wanted.length || have.some((v, i) => v !== wanted[i])) {
    select.replaceChildren(...wanted.map((n) => el('option', { value: n }, n === '' ? placeholder : n)));
    if (wanted.includes(current)) select.value = current;
  }
  return select.value;
}

/** Copies text to the clipboard; the Clipboard API needs a secure context, so plain http on a LAN falls back. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the old way
    }
  }
  const area = el('textarea', { readonly: true, style: 'position:fixed;left:-9999px' });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** A copy button for text that says "copied" for a moment. */
export function copyButton(getText, testid) {
  const button = el('button', { type: 'button', class: 'copy', testid, title: 'copy to the clipboard' }, 'copy');
  button.addEventListener('click', async () => {
    const ok = await copyText(getText());
    button.textContent = ok ? 'copied' : 'select and copy';
    setTimeout(() => (button.textContent = 'copy'), 1500);
  });
  return button;
}

export function formatBits(bitsPerSecond) {
  if (bitsPerSecond === null || bitsPerSecond === undefined || Number.isNaN(bitsPerSecond)) return '';
  if (bitsPerSecond >= 1e6) return `${(bitsPerSecond / 1e6).toFixed(2)} Mbit/s`;
  return `${(bitsPerSecond / 1e3).toFixed(0)} kbit/s`;
}

export function formatNumber(value, digits = 1) {
  return value === null || value === undefined || Number.isNaN(value) ? '' : Number(value).toFixed(digits);
}

export function formatBytes(bytes) {
  if (!bytes) return '0 B';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
