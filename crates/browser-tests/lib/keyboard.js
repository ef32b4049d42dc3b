// Keyboard-only steps: focus moves with Tab and Shift+Tab only, things are pressed with Enter
// or Space and typed into — never clicked. A control that takes more than MAX_PRESSES to reach
// is a failure: a person would give up long before.

const MAX_PRESSES = 60;

/** Does the focused element match `selector`? */
function focusedMatches(page, selector) {
  return page.evaluate((s) => {
    const el = document.activeElement;
    return !!el && el !== document.body && el.matches(s);
  }, selector);
}

/** A short description of the focused element, for failure messages. */
function describeFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'nothing';
    const id = el.id ? `#${el.id}` : '';
    const name = el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '';
    return `${el.tagName.toLowerCase()}${id}${name} "${(el.textContent || '').trim().slice(0, 40)}"`;
  });
}

/** Presses Tab (or Shift+Tab with `backwards`) until the focus is on `selector`. */
export async function tabTo(page, selector, { backwards = false } = {}) {
  const key = backwards ? 'Shift+Tab' : 'Tab';
  for (let presses = 0; presses <= MAX_PRESSES; presses++) {
    if (await focusedMatches(page, selector)) return presses;
    await page.keyboard.press(key);
  }
  throw new Error(`${selector} not reached with ${MAX_PRESSES} presses of ${key}; the focus is on ${await describeFocus(page)}`);
}

/**
 * Starts a page the way keyboard users do: the first Tab reaches the "skip to content" link,
 * Enter moves the focus to <main>, and the next Tab is inside the content.
 */
export async function skipToContent(page) {
  await page.keyboard.press('Tab');
  if (!(await focusedMatches(page, 'a.skip-link'))) {
    throw new Error(`the first Tab should reach the skip link, not ${await describeFocus(page)}`);
  }
  await page.keyboard.press('Enter');
  if (!(await focusedMatches(page, 'main'))) {
    throw new Error(`the skip link should move the focus to <main>, not ${await describeFocus(page)}`);
  }
}

/** Tabs to a text field and types into it (replacing what it held). */
export async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}
