// The router of every page. Pages are rendered by the server only; the few parts that react
// while the user types or waits are WebAssembly islands, and the console is one island of its
// own, with its own router. This script loads the WebAssembly, hydrates the islands, and keeps
// the portal (every page but the console's) a single-page application: a link to another
// portal page, or a form posted on one, is fetched and its page replaces this one's body,
// without reloading the document. The request is the very one the browser would send without
// scripts (a form post with `Accept: text/html`, answered by a redirect to the page with
// `?error=` or `?done=`), so both paths meet the same server code. Anything unexpected falls
// back to a real page load. The shell calls it with the script's and the WebAssembly's paths.
(js, wasm) => {
  const body = () => document.body;
  const pagePath = /^\/(setup|password|reset(\/not-me)?|dev\/outbox)?$/;
  const handled = (url) => url.origin === location.origin && pagePath.test(url.pathname);
  const release = (doc) => doc.querySelector('link[rel=modulepreload]')?.getAttribute('href');

  let islands = null;
  const hydrated = new WeakSet();
  async function hydrateIslands() {
    if (!islands) return;
    for (const el of body().querySelectorAll('leptos-island')) {
      if (hydrated.has(el) || el.parentElement.closest('leptos-island')) continue;
      hydrated.add(el);
      const island = islands[el.dataset.component];
      if (island) await island(el);
    }
  }
  const loaded = import(js).then(async (mod) => {
    await mod.default({ module_or_path: wasm });
    mod.hydrate();
    islands = mod;
  });

  // Tells whoever watches (assistive technologies, the browser tests) when the page can be used.
  let current = 0;
  async function ready(id) {
    try {
      await loaded;
    } catch {
      return; // no WebAssembly: the page works as plain HTML
    }
    await hydrateIslands();
    if (id === current) body().dataset.hydrated = 'true';
  }

  function load(url) {
    location.assign(url);
  }

  // The page shown, without its fragment: back and forward within it only scroll.
  let shown = location.pathname + location.search;

  async function go(url, init, push, form) {
    const id = ++current;
    delete body().dataset.hydrated;
    const busy = form ?? document.getElementById('main');
    busy?.setAttribute('aria-busy', 'true');
    let res, doc, final;
    try {
      res = await fetch(url, { ...init, headers: { Accept: 'text/html' }, credentials: 'same-origin' });
      final = new URL(res.url);
      const html = (res.headers.get('content-type') ?? '').startsWith('text/html');
      if (html) doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      if (id !== current) return;
      if (!handled(final) && html && init.method === 'POST') {
        // A post answered by a page of its own (the database is down, the form was refused):
        // shown as the browser would show it.
        return document.documentElement.replaceWith(document.adoptNode(doc.documentElement));
      }
      // The console, a file, or a page of another release: loaded whole.
      if (!handled(final) || !html || release(doc) !== release(document)) return load(res.url);
    } catch {
      if (id !== current) return;
      busy?.removeAttribute('aria-busy');
      // The browser does it itself: the post as it would be without scripts, or the page.
      if (form) return (form.dataset.native = 'true'), form.requestSubmit(init.submitter);
      return load(url);
    }
    // The answer's address has no fragment (fetch drops it): a field the page says is wrong
    // gets it back, as the plain post's redirect would have.
    const invalid = doc.querySelector('[aria-invalid="true"][id]');
    if (invalid && !final.hash) final.hash = invalid.id;
    if (push) history.pushState(null, '', final);
    else if (final.href !== location.href) history.replaceState(null, '', final);
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang;
    body().replaceChildren(...doc.body.childNodes);
    shown = location.pathname + location.search;
    window.scrollTo(0, 0);
    const focus = (final.hash && document.getElementById(final.hash.slice(1))) || document.getElementById('main');
    focus?.focus();
    await ready(id);
  }

  document.addEventListener('click', (e) => {
    const a = e.target.closest?.('a[href]');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if ((a.target && a.target !== '_self') || a.hasAttribute('download') || a.relList.contains('external')) return;
    const url = new URL(a.href, location.href);
    if (!handled(url) || !handled(new URL(location.href))) return;
    // A link within the page (the error summary's) only scrolls.
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    e.preventDefault();
    go(url, { method: 'GET' }, true);
  });

  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (e.defaultPrevented || form.dataset.native || !handled(new URL(location.href))) return;
    const submitter = e.submitter;
    // Attributes, not properties: an input named `method` or `action` would shadow those.
    const method = (submitter?.getAttribute('formmethod') ?? form.getAttribute('method') ?? 'get').toLowerCase();
    const url = new URL(submitter?.getAttribute('formaction') ?? form.getAttribute('action') ?? location.href, location.href);
    if (url.origin !== location.origin || form.getAttribute('target')) return;
    e.preventDefault();
    const data = new FormData(form, submitter);
    if (method === 'get') {
      url.search = new URLSearchParams(data).toString();
      if (!handled(url)) return load(url);
      return go(url, { method: 'GET' }, true);
    }
    const multipart = form.getAttribute('enctype') === 'multipart/form-data';
    go(url, { method: 'POST', body: multipart ? data : new URLSearchParams(data), submitter }, true, form);
  });

  // Back and forward: the page of that entry, unless only the fragment differs.
  window.addEventListener('popstate', () => {
    if (location.pathname + location.search !== shown) go(new URL(location.href), { method: 'GET' }, false);
  });
  ready(current);
}
