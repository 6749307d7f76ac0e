// A tiny element builder: h('button', { class: 'x', onclick }, 'text', child). Text is always set as text, never as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function replace(target, ...children) {
  target.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
}

/** A .NET TimeSpan as JSON ("[-][d.]hh:mm:ss[.fffffff]") in milliseconds. */
export function timeSpanMs(text) {
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)(?:\.(\d+))?$/.exec(text ?? '');
  if (!match) return 0;
  const [, minus, days, hours, minutes, seconds] = match;
  const ms = ((+(days ?? 0) * 24 + +hours) * 60 + +minutes) * 60_000 + +seconds * 1000;
  return minus ? -ms : ms;
}

/**
 * A duration for people: "2h 05m", "12m", or seconds under a minute (a clock about to turn is not "0m"). Time left is
 * rounded down and time overdue (negative) up, so neither looks better than it is.
 */
export function formatDuration(ms) {
  if (Math.abs(ms) < 60_000) return `${ms < 0 ? Math.ceil(-ms / 1000) : Math.floor(ms / 1000)}s`;
  const minutes = ms < 0 ? Math.ceil(-ms / 60_000) : Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`;
}
