// Dialogues search: Pagefind, run in the reader's browser over the index the build wrote.
// SPDX-License-Identifier: AGPL-3.0-or-later
//
// The search page works without this script: it explains search and links to the listings.
// With it, the form appears and results are written into the page. The query and filters are
// kept in the page's address (?q=&department=&type=), so a search can be bookmarked, shared,
// reloaded and gone back to. Everything is fetched from this site: Pagefind's files live in
// its own folder beside the pages.
//
// Loaded as a classic script (deferred), so that a page opened from a folder on the reader's
// computer runs it and says why search cannot start there; its names are kept inside one
// function so they join no other script's.

"use strict";

(() => {
  const PAGE_SIZE = 10;
  const MAX_COMMENT_LINKS = 3;

  const form = document.getElementById("search-form");
  const query = document.getElementById("search-query");
  const department = document.getElementById("search-department");
  const contentType = document.getElementById("search-type");
  const needsScript = document.getElementById("search-needs-script");
  const needsScriptText = document.getElementById("search-needs-script-text");
  const status = document.getElementById("search-status");
  const resultsSection = document.getElementById("search-results");
  const resultList = document.getElementById("search-result-list");
  const moreButton = document.getElementById("search-more");
  const originalTitle = document.title;

  let pagefind = null;
  let results = [];
  let shown = 0;
  let latest = 0; // the newest search; an older one finishing late is ignored

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind marks matches with <mark> in its excerpts. Only text and <mark> are copied, so
  // nothing in indexed text (a comment, say) can ever become markup on this page.
  function appendExcerpt(target, excerpt) {
    const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, "text/html");
    for (const node of parsed.body.childNodes) {
      if (node.nodeName === "MARK") {
        target.append(element("mark", "dialogues-search-result__match", node.textContent));
      } else {
        target.append(node.textContent);
      }
    }
  }

  // Comments carry anchors (#comment-12): a match after a comment's anchor, and before the next
  // anchor, is in that comment, so the result can link straight to it.
  function commentsMatched(data) {
    const anchors = (data.anchors || []).slice().sort((a, b) => a.location - b.location);
    const found = new Map();
    for (const location of data.locations || []) {
      let within = null;
      for (const anchor of anchors) {
        if (anchor.location > location) break;
        within = anchor;
      }
      if (within && within.id.startsWith("comment-") && !found.has(within.id)) {
        found.set(within.id, within);
      }
    }
    return [...found.values()].slice(0, MAX_COMMENT_LINKS);
  }

  function withHash(url, id) {
    return `${url.split("#")[0]}#${encodeURIComponent(id)}`;
  }

  function renderResult(data) {
    const item = element("li", "dialogues-search-result");
    if (data.meta.language && data.meta.language !== document.documentElement.lang) {
      item.lang = data.meta.language; // a page in the site's other language
    }
    const heading = element("h3", "dialogues-search-result__title");
    const link = element("a", "govuk-link", data.meta.title || data.url);
    link.href = data.url;
    heading.append(link);
    item.append(heading);

    const facts = [
      (data.filters.type || [])[0],
      (data.filters.department || [])[0],
      data.meta.withdrawn,
    ].filter(Boolean);
    if (facts.length) {
      const list = element("ul", "dialogues-meta dialogues-search-result__facts");
      for (const fact of facts) list.append(element("li", "dialogues-meta__item", fact));
      item.append(list);
    }

    const excerpt = element("p", "govuk-body dialogues-search-result__excerpt");
    appendExcerpt(excerpt, data.excerpt || "");
    item.append(excerpt);

    const comments = commentsMatched(data);
    if (comments.length) {
      const list = element("ul", "govuk-list dialogues-search-result__comments");
      for (const anchor of comments) {
        const entry = element("li");
        const number = anchor.id.replace("comment-", "");
        const commentLink = element("a", "govuk-link", `comment ${number}`);
        commentLink.href = withHash(data.url, anchor.id);
        const author = (anchor.text || "").trim();
        entry.append("Found in ", commentLink, author ? ` by ${author}` : "");
        list.append(entry);
      }
      item.append(list);
    }
    return item;
  }

  function chosenFilters() {
    const filters = {};
    if (department.value) filters.department = department.value;
    if (contentType.value) filters.type = contentType.value;
    return filters;
  }

  function describe(count, term, filters) {
    const noun = count === 1 ? "result" : "results";
    const text = term ? `${count} ${noun} for “${term}”` : `${count} ${noun}`;
    const narrowed = [];
    if (filters.department) narrowed.push(`department: ${filters.department}`);
    if (filters.type) narrowed.push(`type of content: ${filters.type}`);
    return narrowed.length ? `${text}, with ${narrowed.join(" and ")}.` : `${text}.`;
  }

  async function showMore(moveFocus) {
    const search = latest;
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (search !== latest) return;
    const items = data.map(renderResult);
    resultList.append(...items);
    shown += batch.length;
    moreButton.hidden = shown >= results.length;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  async function run() {
    const term = query.value.trim();
    const filters = chosenFilters();
    const search = ++latest;
    resultList.replaceChildren();
    moreButton.hidden = true;
    if (!term && !Object.keys(filters).length) {
      resultsSection.hidden = true;
      status.textContent = "Type a word to search for, or choose a department or type of content.";
      document.title = originalTitle;
      return;
    }
    status.textContent = "Searching…";
    const found = await pagefind.search(term || null, { filters });
    if (search !== latest) return;
    results = found.results;
    shown = 0;
    document.title = `${describe(results.length, term, filters).slice(0, -1)} - ${originalTitle}`;
    if (!results.length) {
      resultsSection.hidden = true;
      status.textContent = `${describe(0, term, filters)} Check the spelling, try other words or fewer filters, or use the listings below.`;
      return;
    }
    resultsSection.hidden = false;
    await showMore(false);
    if (search === latest) status.textContent = describe(results.length, term, filters);
  }

  function fillSelect(select, counts, allText) {
    const current = select.value;
    select.replaceChildren(new Option(allText, ""));
    const names = Object.keys(counts || {}).sort((a, b) => a.localeCompare(b, "en"));
    for (const name of names) select.append(new Option(`${name} (${counts[name]})`, name));
    select.value = names.includes(current) ? current : "";
  }

  function readAddress() {
    const parameters = new URLSearchParams(window.location.search);
    query.value = parameters.get("q") || "";
    for (const [select, name] of [[department, "department"], [contentType, "type"]]) {
      const wanted = parameters.get(name) || "";
      select.value = [...select.options].some((option) => option.value === wanted) ? wanted : "";
    }
  }

  function writeAddress() {
    const parameters = new URLSearchParams();
    if (query.value.trim()) parameters.set("q", query.value.trim());
    if (department.value) parameters.set("department", department.value);
    if (contentType.value) parameters.set("type", contentType.value);
    const search = parameters.toString();
    window.history.pushState(null, "", search ? `?${search}` : window.location.pathname);
  }

  // The index is made in parts (plugins/search/parts.py), each a Pagefind bundle that keeps one
  // index per language; parts.json lists them with their languages and page counts. The index
  // in the page's own language (of the first part that has it) is loaded with Pagefind's script;
  // every other part and language is merged in, so one search covers every published page, and
  // Pagefind sums the filters' counts over all of them.
  function indexesOf(listing, bundle) {
    return listing.parts.flatMap((part) =>
      Object.entries(part.languages).map(([language, pages]) => ({
        // A full address: Pagefind skips a merge whose path starts its own index's path.
        url: new URL(part.folder, bundle).href,
        language,
        pages,
      })),
    );
  }

  // Pagefind loads the page's language, or its base language, or else the part's language with
  // the most pages (the first in order among equals): the same choice is made here, so that the
  // index Pagefind loads is the one not merged again.
  function primaryOf(indexes) {
    const own = document.documentElement.lang.toLowerCase();
    for (const wanted of [own, own.split("-")[0]]) {
      const found = indexes.find((index) => index.language === wanted);
      if (found) return found;
    }
    const first = indexes.filter((index) => index.url === indexes[0].url);
    return first.reduce((best, index) => (index.pages > best.pages ? index : best));
  }

  async function loadIndex(bundle, siteRoot) {
    const response = await fetch(`${bundle}parts.json`);
    if (!response.ok) throw new Error(`no list of index parts: ${response.status}`);
    const indexes = indexesOf(await response.json(), bundle);
    const primary = primaryOf(indexes);
    const options = { baseUrl: siteRoot, excerptLength: 30 };
    pagefind = await import(`${primary.url}pagefind.js`);
    await pagefind.options(options);
    await pagefind.init();
    await Promise.all(
      indexes
        .filter((index) => index !== primary)
        .map((index) => pagefind.mergeIndex(index.url, { ...options, language: index.language })),
    );
  }

  async function start() {
    try {
      const bundle = new URL(form.dataset.bundle, document.baseURI).href;
      const siteRoot = new URL(form.dataset.siteRoot, document.baseURI).pathname;
      await loadIndex(bundle, siteRoot);
      const available = await pagefind.filters();
      fillSelect(department, available.department, "All departments");
      fillSelect(contentType, available.type, "All types of content");
    } catch {
      needsScriptText.textContent =
        "Search could not start in this browser. If you opened these pages from a folder on " +
        "your computer, search works only when the site is served from a web server. You can " +
        "still find everything through the listings below.";
      return;
    }
    needsScript.hidden = true;
    form.hidden = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      writeAddress();
      run();
    });
    moreButton.addEventListener("click", () => showMore(true));
    window.addEventListener("popstate", () => {
      readAddress();
      run();
    });
    readAddress();
    if (window.location.search) run();
  }

  start();
})();
