/* byline-preview.js: the preview page's own script.
 *
 * Runs as a WebKit user script in the "byline" script world, apart from the
 * page (whose scripts never run). The application calls window.byline.*
 * through webkit_web_view_evaluate_javascript() in this world; the page
 * answers through the "byline" script message handler.
 *
 * The body is a list of <div class="bl-block"> elements, one per top-level
 * Markdown block; lines[] holds each block's first and last source line.
 * Inside a block, data-sourcepos lines count from the block's first line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function () {
  'use strict';

  const handler = window.webkit && window.webkit.messageHandlers &&
                  window.webkit.messageHandlers.byline;
  const post = (msg) => { if (handler) handler.postMessage(msg); };

  const body = document.getElementById('bl-body');
  const headerEl = document.getElementById('bl-header');
  const tocEl = document.getElementById('bl-toc');
  const footnotesEl = document.getElementById('bl-footnotes');

  let lines = [];            /* flat: start0, end0, start1, end1, … */
  let staged = [];           /* pieces of the blocks of a big update */
  let strings = { missingImage: 'Image not found', mathNote: '' };
  let scrollSync = true;
  let expectY = null;         /* where our own scrolling goes: not the reader's */
  let scrollPending = false;
  let katexReady = false;
  let mathMissing = false;

  /* ---- Images that don't load ------------------------------------------ */

  function missingBox(img) {
    const path = img.getAttribute('data-bl-src') || img.getAttribute('src') || '';
    const box = document.createElement('span');
    const label = document.createElement('span');
    const code = document.createElement('code');

    box.className = 'bl-missing-image';
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', strings.missingImage + ': ' + path);
    box.setAttribute('data-bl-missing', path);
    label.textContent = strings.missingImage;
    code.textContent = path;
    box.appendChild(label);
    box.appendChild(code);
    return box;
  }

  document.addEventListener('error', (ev) => {
    const img = ev.target;
    if (img instanceof HTMLImageElement && img.isConnected)
      img.replaceWith(missingBox(img));
  }, true);

  /* ---- Links: never navigate ------------------------------------------- */

  document.addEventListener('click', (ev) => {
    const a = ev.target instanceof Element ? ev.target.closest('a[href]') : null;
    if (!a)
      return;
    ev.preventDefault();
    const raw = a.getAttribute('href');
    if (raw.startsWith('#')) {
      let id = raw.slice(1);
      try { id = decodeURIComponent(id); } catch (e) { /* keep it */ }
      const target = document.getElementById(id);
      if (target)
        target.scrollIntoView({ block: 'start' });
      return;
    }
    post({ type: 'link', href: a.href, raw: raw });
  }, true);

  /* Middle clicks and keyboard activation end up here too. */
  document.addEventListener('auxclick', (ev) => {
    const a = ev.target instanceof Element ? ev.target.closest('a[href]') : null;
    if (a)
      ev.preventDefault();
  }, true);

  /* ---- Decorating new blocks: code and math ---------------------------- */

  function highlight(root) {
    const hljs = window.hljs;
    if (!hljs)
      return;
    for (const code of root.querySelectorAll('pre > code[class*="language-"]')) {
      const m = /(?:^|\s)language-([\w+#.-]+)/.exec(code.className);
      if (!m || !hljs.getLanguage(m[1]))
        continue;
      try {
        if (hljs.highlightElement)
          hljs.highlightElement(code);
        else
          hljs.highlightBlock(code);
      } catch (e) { /* leave it plain */ }
    }
  }

  function typeset(root) {
    if (!katexReady || !window.katex)
      return;
    for (const code of root.querySelectorAll('code.bl-math')) {
      const display = code.classList.contains('bl-math-display');
      const span = document.createElement('span');
      span.className = 'bl-math-rendered' + (display ? ' bl-math-display' : '');
      try {
        window.katex.render(code.textContent, span, { displayMode: display, throwOnError: false });
        code.replaceWith(span);
      } catch (e) { /* leave the TeX */ }
    }
  }

  function decorate(root) {
    highlight(root);
    typeset(root);
  }

  function updateMathNote() {
    let note = document.getElementById('bl-math-note');
    if (mathMissing && strings.mathNote) {
      if (!note) {
        note = document.createElement('p');
        note.id = 'bl-math-note';
        note.className = 'bl-note';
        note.setAttribute('role', 'note');
        body.parentNode.insertBefore(note, body);
      }
      note.textContent = strings.mathNote;
    } else if (note) {
      note.remove();
    }
  }

  /* ---- Updates ---------------------------------------------------------- */

  function blockTop(i) {
    return body.children[i].getBoundingClientRect().top;
  }

  /* The first block at or below the top of the viewport. */
  function firstVisibleBlock() {
    const kids = body.children;
    let lo = 0, hi = kids.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (kids[mid].getBoundingClientRect().bottom > 0) {
        found = mid;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return found;
  }

  function makeBlocks(htmls, raw) {
    const frag = document.createDocumentFragment();
    if (!raw && htmls.length > 32) {
      /* Balanced HTML (cmark's own): parse it all at once. */
      const tpl = document.createElement('template');
      tpl.innerHTML = '<div class="bl-block">' + htmls.join('</div><div class="bl-block">') + '</div>';
      return tpl.content;
    }
    /* Raw HTML may be unbalanced: a block of its own keeps it in its box. */
    for (const html of htmls) {
      const div = document.createElement('div');
      div.className = 'bl-block';
      div.innerHTML = html;
      frag.appendChild(div);
    }
    return frag;
  }

  /* Always answers, so the application never waits for an update that
   * failed; after a failure it sends everything again (msg.reset). */
  function update(msg) {
    const start = performance.now();
    let ok = false;
    try {
      apply(msg);
      ok = true;
    } catch (e) {
      console.error('byline: update ' + msg.serial + ' failed: ' + e);
    } finally {
      /* (ms: the time the update took here, DOM and layout.) */
      post({ type: 'applied', serial: msg.serial, failed: !ok, ms: performance.now() - start });
      /* "shown" once the frame with the change is laid out: a task queued
       * from the frame's animation callbacks runs after the frame's style,
       * layout and paint. */
      if (ok)
        requestAnimationFrame(() => setTimeout(() => post({ type: 'shown', serial: msg.serial, edit: msg.edit }), 0));
    }
  }

  function apply(msg) {
    if (msg.stagedBlocks) {
      /* A big update came ahead in pieces. */
      const blocks = [];
      let k = 0;
      for (const n of msg.stagedBlocks) {
        blocks.push(n === 1 ? staged[k] : staged.slice(k, k + n).join(''));
        k += n;
      }
      staged = [];
      msg.blocks = blocks;
    }
    if (msg.reset) {
      body.textContent = '';
      lines = [];
    }

    /* Keep what the reader looks at where it is. */
    const scrolled = window.scrollY > 0;
    let anchor = null, anchorTop = 0, anchorIndex = -1;
    if (scrolled && body.children.length) {
      anchorIndex = firstVisibleBlock();
      if (anchorIndex >= 0) {
        anchor = body.children[anchorIndex];
        anchorTop = anchor.getBoundingClientRect().top;
      }
    }

    if (msg.strings)
      strings = msg.strings;
    if (msg.header !== undefined)
      headerEl.innerHTML = msg.header;
    if (msg.toc !== undefined)
      tocEl.innerHTML = msg.toc;
    if (msg.footnotes !== undefined) {
      footnotesEl.innerHTML = msg.footnotes;
      decorate(footnotesEl);
    }
    if (msg.katex !== undefined)
      katexReady = msg.katex && !!window.katex;
    if (msg.mathMissing !== undefined) {
      mathMissing = msg.mathMissing;
      updateMathNote();
    }

    if (msg.blocks) {
      const from = msg.from, remove = msg.remove;
      const kids = body.children;
      const next = kids[from + remove] || null;

      if (remove > 0) {
        const range = document.createRange();
        range.setStartBefore(kids[from]);
        if (next)
          range.setEndBefore(next);
        else
          range.setEndAfter(body.lastChild);
        range.deleteContents();
      }

      const frag = makeBlocks(msg.blocks, msg.raw);
      const added = Array.from(frag.children);
      body.insertBefore(frag, next);
      for (const div of added)
        decorate(div);

      if (msg.lines)
        lines = lines.slice(0, 2 * from).concat(msg.lines, lines.slice(2 * (from + remove)));
      if (msg.shift) {
        for (let i = 2 * (from + msg.blocks.length); i < lines.length; i++)
          lines[i] += msg.shift;
      }
      if (msg.allLines)
        lines = msg.allLines;

      /* (A change below the anchor does not move it: no need to lay the
       * page out here to see.) */
      if (anchor && from <= anchorIndex) {
        let target = anchor.isConnected ? anchor : body.children[Math.min(anchorIndex, body.children.length - 1)];
        if (target) {
          const delta = target.getBoundingClientRect().top - anchorTop;
          if (Math.abs(delta) >= 1)
            scrollOurselves(window.scrollY + delta);
        }
      }
    } else if (msg.allLines) {
      lines = msg.allLines;
    }
  }

  /* ---- Scroll sync ------------------------------------------------------ */

  function parsePos(el) {
    const m = /^(\d+):\d+-(\d+):\d+$/.exec(el.getAttribute('data-sourcepos') || '');
    if (!m)
      return null;
    const s = parseInt(m[1], 10), e = parseInt(m[2], 10);
    return [s, Math.max(s, e)];
  }

  /* The last block starting at or before @line, or -1. */
  function blockForLine(line) {
    let lo = 0, hi = lines.length / 2 - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (lines[2 * mid] <= line) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /* Page y (document coordinates) of source line @line (fractional). */
  function lineToY(line) {
    const kids = body.children;
    const n = Math.min(kids.length, lines.length / 2);
    const base = window.scrollY;
    if (n === 0)
      return 0;
    const i = blockForLine(Math.floor(line));
    if (i < 0)
      return 0;
    const el = kids[i];
    const s = lines[2 * i], e = lines[2 * i + 1];
    const r = el.getBoundingClientRect();

    if (line >= e + 1) {
      /* Between this block and the next (blank lines). */
      const top = r.bottom + base;
      const nextTop = i + 1 < n ? kids[i + 1].getBoundingClientRect().top + base : top;
      const nextStart = i + 1 < n ? lines[2 * i + 2] : e + 1;
      const frac = nextStart > e + 1 ? (line - (e + 1)) / (nextStart - (e + 1)) : 0;
      return top + Math.min(1, Math.max(0, frac)) * (nextTop - top);
    }

    /* Inside: the innermost element holding the line. */
    const rel = line - s + 1;
    let best = el, bs = 1, be = e - s + 1;
    for (const c of el.querySelectorAll('[data-sourcepos]')) {
      const pos = parsePos(c);
      if (pos && pos[0] <= rel && rel < pos[1] + 1 && pos[0] >= bs) {
        best = c;
        bs = pos[0];
        be = pos[1];
      }
    }
    const br = best.getBoundingClientRect();
    const frac = Math.min(1, Math.max(0, (rel - bs) / (be - bs + 1)));
    return br.top + base + frac * br.height;
  }

  /* Source line (fractional) shown at page y @y. */
  function yToLine(y) {
    const kids = body.children;
    const n = Math.min(kids.length, lines.length / 2);
    const base = window.scrollY;
    if (n === 0)
      return 1;
    let lo = 0, hi = n - 1, i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (kids[mid].getBoundingClientRect().top + base <= y) {
        i = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (i < 0)
      return 1;
    const el = kids[i];
    const s = lines[2 * i], e = lines[2 * i + 1];
    const r = el.getBoundingClientRect();

    if (y >= r.bottom + base) {
      const nextTop = i + 1 < n ? kids[i + 1].getBoundingClientRect().top + base : r.bottom + base;
      const nextStart = i + 1 < n ? lines[2 * i + 2] : e + 1;
      const gap = nextTop - (r.bottom + base);
      const frac = gap > 0 ? (y - (r.bottom + base)) / gap : 0;
      return e + 1 + Math.min(1, Math.max(0, frac)) * (nextStart - (e + 1));
    }

    let best = el, bs = 1, be = e - s + 1, bTop = r.top + base, bHeight = r.height;
    for (const c of el.querySelectorAll('[data-sourcepos]')) {
      const cr = c.getBoundingClientRect();
      const top = cr.top + base;
      if (top <= y && y < top + cr.height) {
        const pos = parsePos(c);
        if (pos && pos[0] >= bs) {
          best = c;
          bs = pos[0];
          be = pos[1];
          bTop = top;
          bHeight = cr.height;
        }
      }
    }
    const frac = bHeight > 0 ? Math.min(1, Math.max(0, (y - bTop) / bHeight)) : 0;
    return s + (bs - 1) + frac * (be - bs + 1);
  }

  function scrollOurselves(y) {
    const max = document.documentElement.scrollHeight - window.innerHeight;
    y = Math.max(0, Math.min(Math.round(y), Math.max(0, max)));
    if (Math.abs(window.scrollY - y) < 1)
      return;
    expectY = y;
    window.scrollTo(0, y);
  }

  function scrollToLine(line) {
    scrollOurselves(lineToY(line));
  }

  /* Scrolls only when @line is out of view. */
  function revealLine(line) {
    const y = lineToY(line);
    const top = window.scrollY, height = window.innerHeight;
    if (y >= top + 0.1 * height && y <= top + 0.85 * height)
      return;
    scrollOurselves(y - height / 3);
  }

  window.addEventListener('scroll', () => {
    if (scrollPending)
      return;
    scrollPending = true;
    requestAnimationFrame(() => {
      scrollPending = false;
      if (expectY !== null && Math.abs(window.scrollY - expectY) < 2) {
        expectY = null;   /* ours, done */
        return;
      }
      expectY = null;
      if (scrollSync)
        post({ type: 'scroll', line: yToLine(window.scrollY) });
    });
  }, { passive: true });

  /* ---- Entry points ----------------------------------------------------- */

  function setDark(dark) {
    document.documentElement.classList.toggle('dark', dark);
    document.documentElement.classList.toggle('light', !dark);
  }

  window.byline = {
    init: (o) => {
      strings = o.strings;
      scrollSync = o.scrollSync;
      setDark(o.dark);
    },
    setHeader: (html) => { headerEl.innerHTML = html; },
    stage: (pieces) => { for (const piece of pieces) staged.push(piece); },
    update: update,
    scrollToLine: scrollToLine,
    revealLine: revealLine,
    lineToY: lineToY,
    yToLine: yToLine,
    setDark: setDark,
    setScrollSync: (on) => { scrollSync = on; },
    addStyle: (css) => {
      const style = document.createElement('style');
      style.textContent = css;
      document.head.appendChild(style);
    },
    redecorate: () => decorate(body),
  };

  post({ type: 'ready' });
})();
