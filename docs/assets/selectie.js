/*
 * Choosing parts of the guide for a family (gids/handouts.py writes the pages).
 *
 * On "Voor begeleiders": the checked parts become one readable address, /selectie/?delen=a,b, with copy,
 * share and mail buttons; the form still works without this script (it opens the selection page).
 * On the selection page: just the chosen parts, in the guide's order, each with its text, its sources and
 * a link to its place in the chapter. Tips are in the page already; sections and key messages are taken
 * from their own page. A part the address names but the guide no longer has is skipped, with one calm
 * line. No valid part: all tips stay. The page's address is drawn as a QR code here, in the browser
 * (lean-qr, assets/vendor/); nothing is stored or sent anywhere.
 */

function chosenFrom(search) {
  // ?delen=a,b (the readable address) or ?delen=a&delen=b (the form without JavaScript)
  const ids = new URLSearchParams(search).getAll("delen").flatMap((value) => value.split(","));
  return [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
}

function say(element, text) {
  element.textContent = text;
  element.hidden = !text;
}

async function drawQr(canvas, address) {
  // A QR code holds about 2,900 bytes at most: a longer address (very many parts chosen) gets no code, and a line
  // that says why; the chosen parts are shown all the same.
  const uitleg = canvas.parentElement.querySelector(".selectie__qr-uitleg");
  try {
    const { generate } = await import("./vendor/lean-qr.js"); // only the selection page needs it
    generate(address).toCanvas(canvas, { on: [0, 0, 0, 255], off: [255, 255, 255, 255], padX: 4, padY: 4 });
    canvas.setAttribute("aria-label", `QR-code naar ${address}`);
    canvas.hidden = false;
    say(uitleg, "");
  } catch (error) {
    canvas.hidden = true;
    say(uitleg, "Er is geen QR-code: deze link is te lang voor een QR-code, omdat er veel stukken gekozen zijn. " +
      "Gebruik de link hierboven.");
  }
}

// --- Voor begeleiders -------------------------------------------------------------------------

function builder(form) {
  const telling = form.querySelector(".kiezer__telling");
  const adres = form.querySelector(".kiezer__adres");
  const kopieer = form.querySelector(".kiezer__kopieer");
  const deel = form.querySelector(".kiezer__deel");
  const mail = form.querySelector(".kiezer__mail");
  const balk = form.querySelector(".kiezer__balk");
  const balkTekst = form.querySelector(".kiezer__balk-tekst");
  let keuzeZichtbaar = true;
  const action = new URL(form.getAttribute("action"), location.href);
  const published = form.dataset.adres ? new URL(form.dataset.adres) : action;

  function address() {
    const ids = [...form.querySelectorAll("input[name=delen]:checked")].map((box) => box.value);
    return ids.length ? `${published.href.split("?")[0]}?delen=${ids.join(",")}` : "";
  }

  function update() {
    const url = address();
    const count = form.querySelectorAll("input[name=delen]:checked").length;
    say(telling, count ? `${count} ${count === 1 ? "stuk" : "stukken"} gekozen. Dit is de link voor het gezin:`
      : "Nog niets gekozen: vink hieronder aan wat je wil meegeven.");
    adres.hidden = !url;
    adres.querySelector("code").textContent = url;
    for (const button of [kopieer, deel, mail]) { button.hidden = !url; }
    balkTekst.textContent = count ? `${count} ${count === 1 ? "stuk" : "stukken"} gekozen` : "";
    balk.hidden = !url || keuzeZichtbaar;
    mail.href = url ? `mailto:?subject=${encodeURIComponent("Uit de gids Gehechtheid in pleegzorg")}&body=${encodeURIComponent(url)}` : "";
  }

  function copied(url) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(url).then(() => {
        say(telling, `Link gekopieerd: ${url}`);
        balkTekst.textContent = "Link gekopieerd.";
      }, () => {
        say(telling, `Kopiëren lukte niet. Kopieer deze link zelf: ${url}`);
        balkTekst.textContent = "Kopiëren lukte niet: de link staat bovenaan.";
      });
    }
    say(telling, `Kopieer deze link zelf: ${url}`);
    balkTekst.textContent = "Kopieer de link bovenaan zelf.";
    return Promise.resolve();
  }

  form.addEventListener("change", update);
  kopieer.addEventListener("click", () => copied(address()));
  form.querySelector(".kiezer__balk-kopieer").addEventListener("click", () => copied(address()));
  // The bar only while the choice box itself is off the screen
  new IntersectionObserver((entries) => {
    keuzeZichtbaar = entries[entries.length - 1].isIntersecting;
    const appears = balk.hidden && !(!address() || keuzeZichtbaar);
    balk.hidden = !address() || keuzeZichtbaar;
    if (appears) {  // the bar comes up under what has the focus: that moves up above it (once its height is known)
      requestAnimationFrame(() => requestAnimationFrame(() => {
        if (form.contains(document.activeElement)) { document.activeElement.scrollIntoView({ block: "nearest" }); }
      }));
    }
  }).observe(form.querySelector(".kiezer__keuze"));
  // Focus never hidden under the bar (WCAG 2.4.11): what gets focus stops above it (site.css, scroll-padding).
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--kiezer-balk", `${balk.offsetHeight}px`);
  }).observe(balk);
  deel.addEventListener("click", () => {
    const url = address();
    if (navigator.share) {
      navigator.share({ title: "Uit de gids Gehechtheid in pleegzorg", url })
        .catch((error) => { if (error && error.name !== "AbortError") { copied(url); } });
    } else {
      copied(url);
    }
  });
  form.addEventListener("submit", (event) => {
    const url = address();
    if (url) {
      event.preventDefault();
      location.href = url.replace(published.origin + published.pathname, action.origin + action.pathname);
    }
  });
  update();
}

// --- The selection page -----------------------------------------------------------------------

const pages = new Map(); // page address -> its document, fetched once

function page(address) {
  if (!pages.has(address)) {
    pages.set(address, fetch(new URL(address, location.href)).then((response) => {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    }).then((html) => new DOMParser().parseFromString(html, "text/html")));
  }
  return pages.get(address);
}

function extract(doc, part) {
  // A key message: its box. A section: its heading and what follows it, up to the next heading of its level.
  const target = doc.getElementById(part.anker);
  if (!target) { return null; }
  const holder = document.createElement("div");
  if (part.soort !== "onderdeel") {
    holder.append(document.importNode(target, true));
  } else {
    const level = Number(target.tagName.slice(1));
    holder.append(document.importNode(target, true));
    for (let node = target.nextElementSibling; node; node = node.nextElementSibling) {
      if (/^H[1-6]$/.test(node.tagName) && Number(node.tagName.slice(1)) <= level) { break; }
      if (node.matches(".footnote, .print-adres, .delen")) { break; }
      holder.append(document.importNode(node, true));
    }
  }
  holder.querySelectorAll(".delen, .headerlink, .pdf-download__regel").forEach((element) => element.remove());
  holder.querySelectorAll("[id]").forEach((element) => {
    if (!element.matches("a.footnote-ref")) { element.removeAttribute("id"); }
  });
  const numbers = [...holder.querySelectorAll("a[data-bronnen]")]
    .flatMap((link) => link.getAttribute("data-bronnen").split(" "));
  const sources = numbers.map((number) => doc.getElementById(`bron-${number}`)).filter(Boolean);
  return { holder, sources };
}

function addSources(list, sources) {
  for (const source of sources) {
    if (list.querySelector(`#${source.id}`)) { continue; }
    const item = document.importNode(source, true);
    item.querySelectorAll(".footnote-backref").forEach((back) => back.remove());
    const after = [...list.children].find((other) => Number(other.value) > Number(item.value));
    list.insertBefore(item, after || null);
  }
}

async function selection(root) {
  const all = JSON.parse(document.getElementById("selectie-delen").textContent);
  const order = new Map(all.map((part, index) => [part.id, index]));
  const asked = chosenFrom(location.search);
  const known = asked.filter((id) => order.has(id)).sort((a, b) => order.get(a) - order.get(b));
  const missing = asked.length - known.length;
  const melding = root.querySelector(".selectie__melding");
  if (missing && known.length) {
    say(melding, missing === 1 ? "Eén stuk uit deze link staat niet (meer) in de gids. De andere stukken zie je hieronder."
      : `${missing} stukken uit deze link staan niet (meer) in de gids. De andere stukken zie je hieronder.`);
  } else if (missing) {
    say(melding, "De stukken uit deze link staan niet (meer) in de gids. Hieronder staan alle tips uit de gids.");
  }
  const written = new URLSearchParams(location.search).getAll("delen");
  if (known.length && (written.length > 1 || written.join(",").split(",").filter(Boolean).length > asked.length)) {
    // The shortest form of the same choice (the form without JavaScript writes ?delen=a&delen=b, with : as %3A;
    // a part named twice counts once): what the page shows, copies and draws as a QR code.
    history.replaceState(null, "", `${location.pathname}?delen=${asked.filter((id) => order.has(id)).join(",")}${location.hash}`);
  }
  const address = location.href.split("#")[0];
  root.querySelector(".selectie__url").textContent = address;
  if (!known.length) {
    await drawQr(root.querySelector(".selectie__qr"), address);
    return; // all tips, as the page is built
  }
  const holder = root.querySelector(".selectie__delen");
  const tips = new Map([...holder.querySelectorAll("section.deel")].map((section) => [section.dataset.deel, section]));
  // The heading "Voor de pleegzorgdienst" and the tips the page lists under it (after all the family's tips).
  const serviceHeading = [...holder.querySelectorAll(".deel-dienst")];
  const serviceTips = new Set([...tips.values()].filter((section) => serviceHeading.length &&
    serviceHeading[0].compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING));
  let list = root.querySelector(".deel-bronnen ol");
  if (!list) {
    const box = document.createElement("div");
    box.className = "footnote deel-bronnen";
    box.innerHTML = '<h2 id="bronnen-bij-deze-selectie">Bronnen</h2><ol></ol>';
    holder.after(box);
    list = box.querySelector("ol");
  }
  const keep = new Set();
  const shown = [];
  for (const id of known) {
    const part = all[order.get(id)];
    if (tips.has(id)) {
      shown.push(tips.get(id));
      keep.add(tips.get(id));
      continue;
    }
    try {
      const found = extract(await page(part.pagina), part);
      if (!found) { continue; }
      const section = document.createElement("section");
      section.className = "deel";
      section.dataset.deel = id;
      section.append(...found.holder.childNodes);
      const verder = document.createElement("p");
      const link = document.createElement("a");
      verder.className = "deel__verder";
      link.href = new URL(`${part.pagina}#${part.anker}`, location.href).href;
      link.textContent = "Lees dit in het hoofdstuk";
      verder.append(link);
      section.append(verder);
      addSources(list, found.sources);
      shown.push(section);
      keep.add(section);
    } catch (error) {
      say(melding, "Een stuk kon niet geladen worden. Laad deze pagina later opnieuw, of lees verder in de gids via het menu.");
    }
  }
  for (const [, section] of tips) { if (!keep.has(section)) { section.remove(); } }
  const firstService = shown.findIndex((section) => serviceTips.has(section));
  if (firstService >= 0) { shown.splice(firstService, 0, ...serviceHeading); }
  holder.replaceChildren(...shown);
  // Only the sources of what is shown.
  const cited = new Set([...holder.querySelectorAll("a[data-bronnen]")]
    .flatMap((link) => link.getAttribute("data-bronnen").split(" ")));
  [...list.children].forEach((item) => { if (!cited.has(item.id.replace("bron-", ""))) { item.remove(); } });
  list.closest(".deel-bronnen").hidden = !list.children.length;
  document.documentElement.classList.add("selectie-gekozen");
  await drawQr(root.querySelector(".selectie__qr"), address);
}

const form = document.querySelector("form.kiezer");
if (form) { builder(form); }
const root = document.querySelector(".selectie__delen") && document.querySelector("article");
if (root) { selection(root); }
