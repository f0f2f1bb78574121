/*
 * Lees voor: the page read aloud by the device itself (the browser's speechSynthesis), with a Dutch voice that
 * runs on the device (localService): nothing is sent anywhere, nothing is stored. Loaded by assets/site.js on a
 * page with the control (gids/voorlezen.py writes it, hidden, under the title) once the device shows such a voice;
 * this script shows the control. Minified to voorlezen.min.js, with its content hash in the name.
 *
 * - The voice: nl-BE, else nl-NL, else another Dutch one (voice.lang read without regard to case or "_"); a part
 *   marked lang="en" gets a local English voice when there is one, else the Dutch voice. Never a network voice.
 * - What it reads, made at the tap from the page as it is then (the selection page fills itself in the browser):
 *   the title, "In het kort", headings, paragraphs, list items, table rows, tip and key-message titles and text, in
 *   page order; not what SKIP names (controls, citation markers, source lists, print-only lines, windows) nor what
 *   is hidden. Each sentence is one utterance (long ones stop early in some browsers), and so is each English part.
 * - One button: "Lees voor", then "Pauzeer", then "Ga verder"; "Stop" beside it while reading; a polite status
 *   says each change. Pausing cancels the speech and continuing says the current sentence again: pause() and
 *   resume() of speechSynthesis do not work on Android. The part being read is highlighted (site.css) and kept in
 *   view (block "nearest": the page moves only when the part leaves the screen; at once with reduced motion).
 * - Leaving the page (pagehide) stops. Hiding the page (screen locked) does not: the browser goes on where it can.
 *   An error of the speech, or an interruption by something else, puts the control back at the start.
 */

const control = document.querySelector("[data-voorlezen]");
const speech = window.speechSynthesis;

const WORDS = {
  start: "Lees voor",
  pause: "Pauzeer",
  resume: "Ga verder",
  stop: "Stop",
  reading: "De pagina wordt voorgelezen.",
  paused: "Het voorlezen is gepauzeerd.",
  stopped: "Het voorlezen is gestopt.",
  done: "Het voorlezen is klaar.",
  failed: "Het voorlezen is onderbroken. Kies ‘Lees voor’ om opnieuw te beginnen.",
  nothing: "Op deze pagina is geen tekst om voor te lezen.",
  noVoice: "Je toestel heeft nu geen Nederlandse stem om voor te lezen. Je kan er een toevoegen in de instellingen van je toestel.",
};

// The parts read aloud, and what is never read (the controls, numbers and lists around the text).
const BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, tr, caption, figcaption";
const SKIP = [
  "[hidden]", "[aria-hidden='true']", "script", "style", "svg", "img", "button", "form", "input", "select",
  "textarea", "dialog", "[role='dialog']",
  ".lees-voor",  // this control
  "a.headerlink", ".footnote-backref",  // the "¶" and "#" links to a part, the way back from a source
  "p.delen", "p.pdf-download__regel", ".kopieer-link",  // share, mail, PDF and copy controls
  "p.leestijd",  // the reading time
  ".print-adres", ".selectie__notities",  // printed only
  "aside.pagina-info",  // review dates and "Laat het ons weten"
  ".bronverwijzing", "sup",  // citation markers ([2, 3]) and footnote numbers
  "div.footnote", "ol.bronnenlijst", ".bronstatus",  // the source lists
  ".uitlegvenster",  // the window of a marker or an explained word
  "p.deel__verder",  // "Lees dit in het hoofdstuk" on the handouts
].join(", ");
const SOURCE_LIST = "div.footnote";  // its heading ("Bronnen bij dit hoofdstuk") stands just before it
const BREAK = "\u2029";  // between table cells: a pause as between sentences
const NOW = "lees-voor--nu";  // the part being read (site.css)

function language(voice) {
  return (voice.lang || "").replace(/_/g, "-").toLowerCase();
}

function localVoice(wanted) {
  const voices = speech.getVoices().filter((voice) => voice.localService === true);
  for (const tag of wanted) {
    const found = voices.find((voice) => language(voice) === tag)
      || voices.find((voice) => language(voice).startsWith(tag + "-"));
    if (found) { return found; }
  }
  return null;
}

function skipped(element) {
  if (element.matches(SKIP)) { return true; }
  if (/^H[1-6]$/.test(element.tagName) && element.nextElementSibling?.matches(SOURCE_LIST)) { return true; }
  const style = getComputedStyle(element);
  return style.display === "none" || style.visibility === "hidden";
}

function english(element) {
  return (element.closest("[lang]")?.getAttribute("lang") || "").toLowerCase().startsWith("en");
}

// A part's own text (not that of a part inside it), in pieces of one language: [{text, english}].
function textOf(block) {
  const pieces = [];
  function add(text, isEnglish) {
    const last = pieces[pieces.length - 1];
    if (last && last.english === isEnglish) { last.text += text; } else { pieces.push({ text, english: isEnglish }); }
  }
  function walk(node) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        add(child.data, english(node));
      } else if (child.nodeType === Node.ELEMENT_NODE && !child.matches(BLOCKS) && !skipped(child)) {
        if (child.tagName === "BR") { add(" ", english(node)); continue; }
        walk(child);
        if (/^T[DH]$/.test(child.tagName)) { add(BREAK, english(node)); }
      }
    }
  }
  walk(block);
  return pieces
    .map((piece) => ({
      english: piece.english,
      text: piece.text.replace(/[ \t\n\r\f\v\u00a0]+/g, " ").replace(/ ([.,;:!?])/g, "$1")
        .replace(/ · /g, ", ").trim(),  // "Lees verder: … · …" (Herken je dit?): a pause, not a word
    }))
    .filter((piece) => /[\p{L}\p{N}]/u.test(piece.text));
}

// What is read, in page order: one step per sentence (or English part), with the part it belongs to.
function steps(root) {
  const found = [];
  function visit(element) {
    if (skipped(element)) { return; }
    if (element.matches(BLOCKS)) {
      for (const piece of textOf(element)) {
        for (const sentence of piece.text.replace(/([.!?…]['’”)]*) /g, "$1" + BREAK).split(BREAK)) {
          if (/[\p{L}\p{N}]/u.test(sentence)) {
            found.push({ part: element, text: sentence.trim(), english: piece.english });
          }
        }
      }
    }
    for (const child of element.children) { visit(child); }
  }
  visit(root);
  return found;
}

function setUp() {
  const content = control.closest("[data-afdruk]") || control.parentElement;
  const main = control.querySelector(".lees-voor__knop");
  const stop = document.createElement("button");
  stop.type = "button";
  stop.className = "md-button lees-voor__stop";
  stop.textContent = WORDS.stop;
  stop.hidden = true;
  const status = document.createElement("p");
  status.className = "voorlezen lees-voor__melding";  // for screen readers only (site.css)
  status.setAttribute("role", "status");
  control.append(stop, status);

  const reduced = matchMedia("(prefers-reduced-motion: reduce)");
  let state = "idle";  // "reading", "paused"
  let list = [];
  let at = 0;
  let run = 0;  // each speech started; events of an earlier one are not ours any more
  let voices = null;
  let current = null;

  function show(element) {
    if (current === element) { return; }
    current?.classList.remove(NOW);
    current = element;
    if (element) {
      element.classList.add(NOW);
      element.scrollIntoView({ block: "nearest", behavior: reduced.matches ? "auto" : "smooth" });
    }
  }

  function set(next, message) {
    state = next;
    main.textContent = { idle: WORDS.start, reading: WORDS.pause, paused: WORDS.resume }[next];
    stop.hidden = next === "idle";
    if (message) { status.textContent = message; }
  }

  function silence() {
    run += 1;
    if (speech.speaking || speech.pending) { speech.cancel(); }
  }

  function reset(message) {
    silence();
    const hadFocus = document.activeElement === stop;
    show(null);
    list = [];
    at = 0;
    set("idle", message);
    if (hadFocus) { main.focus(); }
  }

  function say() {
    const mine = ++run;
    const step = list[at];
    show(step.part);
    const voice = step.english && voices.english ? voices.english : voices.dutch;
    const utterance = new SpeechSynthesisUtterance(step.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.addEventListener("end", () => {
      if (mine !== run) { return; }
      at += 1;
      if (at < list.length) { say(); } else { reset(WORDS.done); }
    });
    utterance.addEventListener("error", () => {
      if (mine === run) { reset(WORDS.failed); }
    });
    if (speech.paused) { speech.resume(); }
    speech.speak(utterance);  // in the tap's own handler: iOS speaks only then
  }

  main.addEventListener("click", () => {
    if (state === "reading") {
      silence();
      set("paused", WORDS.paused);
      return;
    }
    if (state === "idle") {
      const dutch = localVoice(["nl-be", "nl-nl", "nl"]);
      if (!dutch) { status.textContent = WORDS.noVoice; return; }
      voices = { dutch, english: localVoice(["en-gb", "en-us", "en"]) };
      list = steps(content);
      at = 0;
      if (!list.length) { status.textContent = WORDS.nothing; return; }
      silence();
    }
    set("reading", WORDS.reading);
    say();
  });
  stop.addEventListener("click", () => reset(WORDS.stopped));
  window.addEventListener("pagehide", () => reset(""));

  control.hidden = false;
  document.documentElement.classList.add("lees-voor-aan");  // the page keeps room for it at the bottom
}

if (control && speech && localVoice(["nl-be", "nl-nl", "nl"])) { setUp(); }
