/**
 * What runs inside the window, as plain JavaScript source: tsx would wrap named
 * functions in a helper the page does not have. Times are the page's own
 * `performance.now()`, from the start of navigation.
 */

/** Before any page script: note when the first row of the list enters the DOM. */
export const RECORD_FIRST_ROW = `
  new MutationObserver(function (_records, observer) {
    if (window.__firstRowAt === undefined && document.querySelector('.grid-body [role="row"]')) {
      window.__firstRowAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

export const FIRST_ROW_AT = 'window.__firstRowAt';

/** Rows the list has in the DOM, and rows it stands for. */
export const LIST_ROWS = `({
  inDom: document.querySelectorAll('.grid-body [role="row"]').length,
  total: Number(document.querySelector('[role="grid"]').getAttribute('aria-rowcount')) - 1,
})`;

/** Scrolls the list to its end and resolves when the last row is in the DOM and a frame has passed. */
export const SCROLL_TO_END = `new Promise(function (resolve) {
  var body = document.querySelector('.grid-body');
  var last = Number(document.querySelector('[role="grid"]').getAttribute('aria-rowcount'));
  var started = performance.now();
  body.scrollTop = body.scrollHeight;
  function check() {
    if (document.querySelector('.grid-body [aria-rowindex="' + last + '"]')) {
      requestAnimationFrame(function () {
        resolve({ ms: performance.now() - started, inDom: document.querySelectorAll('.grid-body [role="row"]').length });
      });
    } else {
      requestAnimationFrame(check);
    }
  }
  check();
})`;
