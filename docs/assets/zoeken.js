/*
 * Zoeken: the search in the dialog that assets/site.js opens. Loaded at the first touch of a search button,
 * with Pagefind (pagefind/pagefind.js, written by the build from the pages' reading text: gids/search.py),
 * which fetches only the parts of its index that a search needs. Dutch words are found by their stem, and
 * with or without accents.
 *
 * Each result is a page, with up to three of its parts (a section or a tip) that hold the words, each a
 * link to that part itself. The line under the field says how many results there are, for screen readers
 * too (role="status"). Tab goes from the field through the results; Escape closes (site.js).
 *
 * Pagefind finds the pages that hold every word typed. A reader types as they speak ("kind wil niet
 * getroost worden"): the small words that every page holds (COMMON) are left out of the search, unless
 * nothing else is typed. And one word the guide does not use would leave nothing: then the results are
 * those of the most words that pages do hold together, and the line says so.
 */

const COMMON = new Set(("de het een en of is zijn was wil willen wilt worden wordt werd niet geen als dan dat " +
  "die dit deze wat hoe waarom wanneer mij me mijn je jij jouw u ik zich zij ze hij hem haar we wij ons onze " +
  "er te van voor met op in aan bij om tot uit naar ook al nog maar heel erg veel kan kun kunnen moet doet " +
  "doen heeft hebben").split(" "));

function words(query) {
  const all = query.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = all.filter((word) => !COMMON.has(word));
  return (kept.length ? kept : all).join(" ");
}

let engine = null;

function pagefind(options) {
  if (!engine) {
    engine = import(options.pagefind).then(async (found) => {
      await found.options({ baseUrl: options.root, excerptLength: 22, ranking: { termFrequency: 0.5 } });
      await found.init();
      return found;
    });
    engine.catch(() => { engine = null; });
  }
  return engine;
}

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) { made.className = className; }
  if (text) { made.textContent = text; }
  return made;
}

// Pagefind's excerpt is escaped text with <mark> around the words found: kept as text and <mark> only.
function excerpt(html) {
  const parsed = document.createElement("template");
  parsed.innerHTML = html;
  const paragraph = element("p", "zoeken__fragment");
  parsed.content.childNodes.forEach((node) => {
    paragraph.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : node.textContent);
  });
  return paragraph;
}

// The parts that hold the most of the words first (Pagefind lists them in the page's order).
function bestParts(data) {
  const weight = (part) => (part.weighted_locations || []).reduce((sum, found) => sum + found.weight, 0);
  return data.sub_results
    .filter((part) => part.url.includes("#"))
    .sort((a, b) => weight(b) - weight(a))
    .slice(0, 3);
}

function result(data) {
  const item = element("li", "zoeken__resultaat");
  const link = element("a", "zoeken__pagina", data.meta.title);
  link.href = data.url;
  item.append(link);
  const parts = bestParts(data);
  if (!parts.length) {
    item.append(excerpt(data.excerpt));
    return item;
  }
  const list = element("ul", "zoeken__delen");
  parts.forEach((part) => {
    const entry = element("li");
    const partLink = element("a", "zoeken__deel", part.title);
    partLink.href = part.url;
    entry.append(partLink, excerpt(part.excerpt));
    list.append(entry);
  });
  item.append(list);
  return item;
}

// The results of the most words that pages hold together: without one word, then without two, … (each
// page once, at its best score).
async function mostWords(engine, query) {
  const words = query.split(/\s+/).filter(Boolean);
  for (let left = words.length - 1; left > 0; left -= 1) {
    const best = new Map();
    for (const kept of choices(words, left)) {
      const found = await engine.search(kept.join(" "));
      found.results.forEach((hit) => {
        if (!best.has(hit.id) || best.get(hit.id).score < hit.score) { best.set(hit.id, hit); }
      });
    }
    if (best.size) { return { results: [...best.values()].sort((a, b) => b.score - a.score) }; }
  }
  return { results: [] };
}

function choices(words, size) {
  if (size === 0) { return [[]]; }
  if (words.length < size) { return []; }
  const [first, ...rest] = words;
  return [...choices(rest, size - 1).map((chosen) => [first, ...chosen]), ...choices(rest, size)];
}

export function attach(dialog, options) {
  const field = dialog.querySelector("input");
  const status = dialog.querySelector("[role=status]");
  const list = dialog.querySelector("ol");
  let asked = 0;

  async function search() {
    const query = field.value.trim();
    const mine = ++asked;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    let found;
    let some = false;
    try {
      const engine = await pagefind(options);
      found = await engine.debouncedSearch(words(query), {}, 150);
      if (found !== null && !found.results.length && mine === asked) {
        found = await mostWords(engine, words(query));
        some = found.results.length > 0;
      }
    } catch (error) {
      status.textContent = "Zoeken lukt nu niet. Laad de pagina opnieuw en probeer het nog eens.";
      return;
    }
    if (found === null || mine !== asked) { return; }  // a newer search took its place
    const shown = await Promise.all(found.results.slice(0, 8).map((hit) => hit.data()));
    if (mine !== asked) { return; }
    list.replaceChildren(...shown.map(result));
    const count = found.results.length;
    const results = `${count} ${count === 1 ? "resultaat" : "resultaten"}`;
    const best = count > shown.length ? ` Hieronder de ${shown.length} beste.` : "";
    status.textContent = !count
      ? `Niets gevonden voor ‘${query}’. Probeer een ander woord.`
      : some
        ? `Geen pagina heeft al je woorden. Dit zijn ${results} met de meeste ervan.${best}`
        : `${results} voor ‘${query}’.${best}`;
  }

  field.addEventListener("input", search);
  dialog.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  pagefind(options).catch(() => {});  // the index's first part, while the reader types
  if (field.value) { search(); }
}
