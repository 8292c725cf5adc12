// The search page: Pagefind full-text search with filters, plus an exact 文号/索引号 lookup. On a large
// site, a search with no unit chosen looks in the compact district index instead (titles, 文号 and
// keywords: views/compact_index.py), unless the reader asks for every unit's full text.
// Loaded only on search/. Without JavaScript the page points to the 公开目录 instead.

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 350;
const EXCERPT_LENGTH = 40;
const EXACT_LIMIT = 5;
const BUNDLE_FILTER = "bundle";  // a filter Pagefind adds to every page of a merged bundle: its path
const YEAR = /(?<!\d)(?:19|20)\d\d(?!\d)/g;
const OPENING = /[\[(【〔]/g;  // after NFKC, （ and ［ are ( and [
const CLOSING = /[\])】〕]/g;
// Terms as views/compact_index.py cuts them: CJK runs into pairs (a lone character stays), ASCII words whole.
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const WORD = /[0-9a-z]+/g;
const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
const FULL_SCOPE = "full";

const app = document.querySelector("[data-search]");
const fallback = document.querySelector("[data-search-fallback]");
const root = new URL(app.dataset.siteRoot, document.baseURI);
const form = app.querySelector("[data-search-form]");
const input = form.elements.q;
const filterMenus = [...form.querySelectorAll("[data-search-filter]")];
const status = app.querySelector("[data-search-status]");
const exactSection = app.querySelector("[data-search-exact]");
const resultSection = app.querySelector("[data-search-results]");
const moreButton = resultSection.querySelector(".search__more");
const resultHeading = resultSection.querySelector(".search__heading");
const compactIndex = app.dataset.compact && {
  path: app.dataset.compact, shards: Number(app.dataset.compactShards), rows: Number(app.dataset.compactRows),
};
const compactFiles = new Map();
const identifierBuckets = Number(app.dataset.identifierBuckets);  // a compact index file's path → the promise of its JSON

let ready = null;  // the promise of the Pagefind module with its first bundle loaded
let bundles = [];  // [{path, unit}] from search/bundles.json, the first one loaded, the others merged
const merged = new Map();  // a merged bundle's path → the promise of its merge
let generation = 0;  // each search gets a number; an older one that finishes late is dropped
let pending = null;  // the results not yet shown: a ResultStream
let timer = null;

const bundleOptions = (path) => ({ baseUrl: root.pathname, mergeFilter: { [BUNDLE_FILTER]: path } });

// The index comes in bundles (the portal's, one per unit). The first is loaded; a unit's is merged
// into it when a search may find something there, so a search within one unit (the 单位 filter)
// downloads that unit's bundle only. Each page is tagged with its bundle, so that a date-ordered
// search can merge the bundles by date. Returns the module and the bundles a search in ``unit`` uses.
async function loadPagefind(unit = "") {
  ready ??= (async () => {
    const response = await fetch(new URL(app.dataset.bundles, root));
    if (!response.ok) throw new Error(`${app.dataset.bundles}: ${response.status}`);
    bundles = (await response.json()).map((bundle) => ({ ...bundle, path: new URL(bundle.path, root).pathname }));
    const module = await import(`${bundles[0].path}pagefind.js`);
    await module.options({ excerptLength: EXCERPT_LENGTH, ...bundleOptions(bundles[0].path) });
    return module;
  })();
  const engine = await ready;
  const wanted = bundles.slice(1).filter((bundle) => !unit || bundle.unit === unit).map((bundle) => bundle.path);
  for (const path of wanted) {
    if (!merged.has(path)) merged.set(path, engine.mergeIndex(path, bundleOptions(path)));
  }
  await Promise.all(wanted.map((path) => merged.get(path)));
  return { engine, searched: [bundles[0].path, ...wanted] };
}

// Results not yet shown, taken a page at a time. Pagefind orders each bundle's results by date but
// merges bundles by score, so date order takes the newest head of the bundles' own lists in turn
// (a bundle whose pages have no date, the portal's, is left unsorted by Pagefind: it comes last).
class ResultStream {
  constructor(runs) {
    this.runs = runs.filter((run) => run.length);
    this.loaded = new Map();
  }

  get length() {
    return this.runs.reduce((sum, run) => sum + run.length, 0);
  }

  data(result) {
    if (!this.loaded.has(result)) this.loaded.set(result, result.data());
    return this.loaded.get(result);
  }

  async take(count) {
    if (this.runs.length === 1) {  // one list, already in order
      const taken = await Promise.all(this.runs[0].splice(0, count).map((result) => result.data()));
      this.runs = this.runs.filter((run) => run.length);
      return taken;
    }
    const taken = [];
    while (taken.length < count && this.runs.length) {
      const heads = await Promise.all(this.runs.map((run) => this.data(run[0])));
      let newest = 0;
      const date = (at) => heads[at].meta.publish_date || "";  // undated pages (关于本站) come last
      heads.forEach((_, at) => { if (date(at) > date(newest)) newest = at; });
      this.loaded.delete(this.runs[newest].shift());
      taken.push(heads[newest]);
      this.runs = this.runs.filter((run) => run.length);
    }
    return taken;
  }
}

async function search({ engine, searched }, query, filters, byDate) {
  if (!byDate || searched.length < 2) {
    const found = await engine.search(query || null, { filters, ...(byDate ? { sort: { date: "desc" } } : {}) });
    return { count: found.results.length, unfiltered: found.unfilteredResultCount, stream: new ResultStream([found.results]) };
  }
  const runs = await Promise.all(searched.map((path) => engine.search(query || null,
    { filters: { ...filters, [BUNDLE_FILTER]: path }, sort: { date: "desc" } })));
  const stream = new ResultStream(runs.map((found) => found.results));
  return { count: stream.length, unfiltered: runs[0].unfilteredResultCount, stream };
}

function queryTerms(text) {
  const folded = text.normalize("NFKC").toLowerCase();
  const terms = [];
  for (const run of folded.match(CJK_RUN) || []) {
    const characters = [...run];
    if (characters.length === 1) terms.push(run);
    for (let at = 0; at + 1 < characters.length; at++) terms.push(characters[at] + characters[at + 1]);
  }
  terms.push(...(folded.match(WORD) || []));
  return [...new Set(terms)];
}

function shardOf(term) {
  let value = FNV_OFFSET;
  for (const character of term) value = Math.imul(value ^ character.codePointAt(0), FNV_PRIME) >>> 0;
  return value % compactIndex.shards;
}

function compactFile(name) {
  if (!compactFiles.has(name)) {
    compactFiles.set(name, fetch(new URL(`${compactIndex.path}${name}`, root)).then((response) => {
      if (!response.ok) throw new Error(`${compactIndex.path}${name}: ${response.status}`);
      return response.json();
    }));
  }
  return compactFiles.get(name);
}

// A term's rows: [in the title, elsewhere only], each stored as a first number and differences.
async function postings(term) {
  const lists = (await compactFile(`terms/${shardOf(term)}.json`))[term] || [[], []];
  return lists.map((differences) => {
    let number = 0;
    return differences.map((difference) => (number += difference));
  });
}

function intersect(lists) {
  if (!lists.length) return [];
  const [smallest, ...others] = [...lists].sort((a, b) => a.length - b.length);
  const sets = others.map((list) => new Set(list));
  return smallest.filter((number) => sets.every((set) => set.has(number)));
}

const merge = ([title, elsewhere]) => [...title, ...elsewhere].sort((a, b) => a - b);

// Rows are numbered newest first, so date order is number order; by relevance, the rows with every
// term in the title come first.
async function compactSearch(query, filters, byDate) {
  const terms = queryTerms(query);
  const filterTerms = Object.entries(filters).map(([key, value]) => `${key}=${value}`);
  if (!terms.length && !filterTerms.length) return { count: 0, unfiltered: 0, stream: new CompactStream([]) };
  const [found, filtering] = await Promise.all([Promise.all(terms.map(postings)), Promise.all(filterTerms.map(postings))]);
  const unfiltered = terms.length ? intersect(found.map(merge)) : null;
  const allowed = filtering.length ? new Set(intersect(filtering.map(merge))) : null;
  const rows = (unfiltered || [...allowed].sort((a, b) => a - b)).filter((number) => !allowed || allowed.has(number));
  let ordered = rows;
  if (!byDate && terms.length) {
    const inTitle = new Set(intersect(found.map(([title]) => title)));
    ordered = [...rows.filter((number) => inTitle.has(number)), ...rows.filter((number) => !inTitle.has(number))];
  }
  return { count: ordered.length, unfiltered: unfiltered ? unfiltered.length : ordered.length,
    stream: new CompactStream(ordered, query) };
}

// The summary with the query's words marked, as the excerpt HTML Pagefind would give.
function markedExcerpt(summary, query) {
  const escape = (text) => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
  const words = [...new Set(query.normalize("NFKC").split(/\s+/).filter(Boolean))]
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length) return escape(summary);
  return summary.split(new RegExp(`(${words.join("|")})`, "i"))
    .map((piece, at) => (at % 2 ? `<mark>${escape(piece)}</mark>` : escape(piece))).join("");
}

// Rows of the compact index not yet shown, fetched a file at a time.
class CompactStream {
  constructor(numbers, query = "") {
    this.numbers = numbers;
    this.query = query;
  }

  get length() {
    return this.numbers.length;
  }

  async take(count) {
    const taken = this.numbers.splice(0, count);
    return Promise.all(taken.map(async (number) => {
      const row = (await compactFile(`rows/${Math.floor(number / compactIndex.rows)}.json`))[number % compactIndex.rows];
      return { url: new URL(row.url, root).pathname, meta: row, excerpt: markedExcerpt(row.summary || "", this.query),
        content: row.summary || "" };
    }));
  }
}

// 文号 and 索引号 are compared with full-width forms, brackets, spaces and case folded.
function normalize(text) {
  return text.normalize("NFKC").replace(/\s+/g, "").replace(OPENING, "〔").replace(CLOSING, "〕").toUpperCase();
}

const isDigit = (character) => character !== undefined && character >= "0" && character <= "9";

// Where query occurs in identifier without cutting a number: 〔2023〕4号 is not in 〔2023〕14号.
function occursIn(identifier, query) {
  for (let at = identifier.indexOf(query); at >= 0; at = identifier.indexOf(query, at + 1)) {
    const cutsBefore = isDigit(query[0]) && isDigit(identifier[at - 1]);
    const cutsAfter = isDigit(query.at(-1)) && isDigit(identifier[at + query.length]);
    if (!cutsBefore && !cutsAfter) return true;
  }
  return false;
}

// An identifier query names a year and at least one more number, e.g. 〔2023〕4号 or 2023-00012. Both
// are whole numbers in any identifier it matches, so one file holds them all: the year's, in the
// bucket of the other number (views/search.py, identifier_shards).
async function exactMatches(text) {
  const query = normalize(text);
  const numbers = query.match(/\d+/g) || [];
  const years = [...new Set(query.match(YEAR) || [])];
  if (!years.length || numbers.length < 2) return [];
  const keys = new Set(years.map((year) => {
    const others = [...numbers];
    others.splice(others.indexOf(year), 1);
    return `${year}-${[...others[0]].reduce((rest, digit) => (rest * 10 + Number(digit)) % identifierBuckets, 0)}`;
  }));
  const shards = await Promise.all([...keys].map(async (key) => {
    const response = await fetch(new URL(`${app.dataset.identifiers}${key}.json`, root));
    return response.ok ? response.json() : [];
  }));
  const found = new Map();
  for (const entry of shards.flat()) {
    const identifiers = [entry.doc_number, entry.index_number].filter(Boolean).map(normalize);
    if (!found.has(entry.url) && identifiers.some((id) => occursIn(id, query))) {
      found.set(entry.url, { ...entry, whole: identifiers.includes(query) });
    }
  }
  return [...found.values()].sort((a, b) => b.whole - a.whole).slice(0, EXACT_LIMIT);
}

// The compact index serves a search with no unit chosen, unless the reader chose every unit's full text.
const searchesCompact = (filters) => Boolean(compactIndex) && !filters.unit && form.elements.scope.value !== FULL_SCOPE;

function selectedFilters() {
  const filters = {};
  for (const menu of filterMenus) if (menu.value) filters[menu.name] = menu.value;
  return filters;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// Pagefind marks matches with <mark>; copy only text and <mark>, never markup.
// An excerpt cut from the middle of the text gets an ellipsis at that end.
function excerptNodes(excerpt, content = "") {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html").body.childNodes;
  const nodes = [...parsed].map((node) => node.nodeName === "MARK"
    ? element("mark", "", node.textContent) : document.createTextNode(node.textContent));
  const text = nodes.map((node) => node.textContent).join("").trim();
  if (!content.trimStart().startsWith(text.slice(0, 8))) nodes.unshift(document.createTextNode("…"));
  if (!content.trimEnd().endsWith(text.slice(-8))) nodes.push(document.createTextNode("…"));
  return nodes;
}

function resultItem({ url, title, meta, excerpt, content }) {
  const item = element("li", "search-result");
  const heading = element("h3", "search-result__title");
  const link = element("a", "search-result__link", title);
  link.href = url;
  heading.append(link);
  const facts = element("p", "search-result__meta");
  for (const [label, value] of [["", meta.unit], ["", meta.category], ["索引号：", meta.index_number],
    ["文号：", meta.doc_number], ["发布日期：", meta.publish_date], ["转载自", meta.source]]) {
    if (value) facts.append(element("span", "search-result__fact", label + value));
  }
  if (meta.validity) facts.append(element("span", `validity validity--${meta.validity_state}`, meta.validity));
  item.append(heading);
  if (facts.childNodes.length) item.append(facts);
  if (excerpt) {
    const text = element("p", "search-result__excerpt");
    text.append(...excerptNodes(excerpt, content));
    item.append(text);
  }
  return item;
}

// The next page of full-text results, rendered but not yet on the page.
async function nextItems() {
  const data = await pending.take(PAGE_SIZE);
  return data.map((result) => resultItem({ ...result, title: result.meta.title }));
}

function updateMoreButton() {
  moreButton.hidden = pending.length === 0;
  moreButton.textContent = `显示更多结果（还有 ${pending.length} 条）`;
}

async function showMore() {
  const mine = generation;
  const items = await nextItems();
  if (mine !== generation || !items.length) return;
  resultSection.querySelector(".search-results").append(...items);
  updateMoreButton();
  items[0].querySelector("a").focus();
}

function describe(query, exact, search, filtered, compact) {
  const { count } = search;
  if (!query) return count ? `符合所选条件的有 ${count} 条，按发布日期从新到旧排列。` : "没有符合所选条件的结果。";
  const parts = [];
  if (exact.length) parts.push(`文号、索引号匹配 ${exact.length} 条`);
  if (count) {
    const before = filtered && search.unfiltered !== count ? `（筛选前 ${search.unfiltered} 条）` : "";
    parts.push(`${compact ? "标题、文号和关键词中" : "全文搜索"}找到 ${count} 条结果${before}`);
  }
  if (!parts.length && compact) {
    return `标题、文号和关键词中没有“${query}”。可以在“搜索范围”中选择全部单位的全文，或选择一个单位搜索它的全文，也可以浏览政府信息公开目录。`;
  }
  if (!parts.length) return `没有找到与“${query}”相关的结果。请换一个词或减少筛选条件，也可以浏览政府信息公开目录。`;
  return `“${query}”：${parts.join("；")}。`;
}

function remember(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  for (const choice of [form.elements.scope, form.elements.sort]) if (choice?.value) params.set(choice.name, choice.value);
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
}

async function run() {
  clearTimeout(timer);
  const mine = ++generation;
  const query = input.value.trim();
  const filters = selectedFilters();
  const filtered = Object.keys(filters).length > 0;
  remember(query, filters);
  if (!query && !filtered) {
    exactSection.hidden = resultSection.hidden = true;
    status.textContent = "";
    return;
  }
  const byDate = form.elements.sort.value === "date" || !query;
  const compact = searchesCompact(filters);
  if (!ready && !compact) status.textContent = "正在载入搜索……";
  const found = compact ? compactSearch(query, filters, byDate)
    : loadPagefind(filters.unit).then((loaded) => search(loaded, query, filters, byDate));
  const [exact, results] = await Promise.all([exactMatches(query), found]);
  if (mine !== generation) return;
  pending = results.stream;
  const items = await nextItems();
  if (mine !== generation) return;
  exactSection.querySelector(".search-results").replaceChildren(...exact.map((entry) => resultItem({
    url: new URL(entry.url, root).pathname, title: entry.title,
    meta: { index_number: entry.index_number, doc_number: entry.doc_number },
  })));
  exactSection.hidden = exact.length === 0;
  resultHeading.textContent = compact ? "标题、文号和关键词的搜索结果" : "全文搜索结果";
  resultSection.querySelector(".search-results").replaceChildren(...items);
  resultSection.hidden = items.length === 0;
  updateMoreButton();
  status.textContent = describe(query, exact, results, filtered, compact);
}

function start() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const menu of [...filterMenus, form.elements.scope, form.elements.sort].filter(Boolean)) {
    const wanted = params.get(menu.name);
    if (wanted && [...menu.options].some((option) => option.value === wanted)) menu.value = wanted;
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); run().catch(failed); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => run().catch(failed), DEBOUNCE_MS); });
  input.addEventListener("focus", () => {
    const filters = selectedFilters();
    if (!searchesCompact(filters)) loadPagefind(filters.unit).catch(failed);
  }, { once: true });
  form.addEventListener("change", (event) => { if (event.target !== input) run().catch(failed); });
  moreButton.addEventListener("click", () => showMore().catch(failed));
  fallback.hidden = true;
  app.hidden = false;
  if (input.value || Object.keys(selectedFilters()).length) run().catch(failed);
}

function failed(error) {
  status.textContent = "搜索暂时无法使用。请浏览政府信息公开目录查找。";
  fallback.hidden = false;
  console.error(error);
}

start();
