"""Lees voor: a page read aloud by the device's own Dutch voice (gids/voorlezen.py, assets/voorlezen.js).

Where the control is comes from the built pages (every chapter, and the pages whose front matter says
`voorlezen: true`). Chromium has no voices headless, so the browser tests give the page a fake speechSynthesis
(FAKE, an init script): voices as a test lists them, arriving at once or late (voiceschanged), and a speak()
that records each utterance's text, lang and voice, ending it by itself or when the test says. What it would say
is checked against the built page's own DOM, never against counts of today's content.
"""

from __future__ import annotations

import copy
import functools
import http.server
import json
import re
import threading
from types import SimpleNamespace

import pytest
import yaml

from gids.model import EditorError
from gids.pages import check_front_matter
from gids.postbuild import site_from_project

from conftest import PHONE, ROOT, chapter_pages, soup_of

CONTROL = "div.lees-voor[data-voorlezen]"
BUTTON = ".lees-voor__knop"
STOP = ".lees-voor__stop"
STATUS = ".lees-voor__melding"

VOICES = [  # the network voice first: it must never be taken, however it is listed
    {"name": "Netwerk Vlaams", "lang": "nl-BE", "local": False},
    {"name": "Lokaal Nederlands", "lang": "nl-NL", "local": True},
    {"name": "Lokaal Vlaams", "lang": "nl_be", "local": True},
    {"name": "Lokaal Engels", "lang": "en-GB", "local": True},
    {"name": "Lokaal Frans", "lang": "fr-BE", "local": True},
]

FAKE = """
(function (options) {
  const voices = options.voices.map((v) => Object.freeze(
    { voiceURI: v.name, name: v.name, lang: v.lang, localService: v.local, default: false }));
  const log = { spoken: [], cancels: 0, pauses: 0 };
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; }
  }
  function fire(utterance, type, error) {
    const event = new Event(type);
    if (error) { event.error = error; }
    utterance.dispatchEvent(event);
    if (typeof utterance["on" + type] === "function") { utterance["on" + type](event); }
  }
  class Synthesis extends EventTarget {
    constructor() { super(); this.ready = !options.late; this.queue = []; this.current = null; this.paused = false; }
    get speaking() { return Boolean(this.current); }
    get pending() { return this.queue.length > 0; }
    getVoices() { return this.ready ? voices.slice() : []; }
    speak(utterance) {
      log.spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.name });
      this.queue.push(utterance);
      this.next();
    }
    next() {
      if (this.current || !this.queue.length) { return; }
      const utterance = this.current = this.queue.shift();
      setTimeout(() => fire(utterance, "start"), 0);
      if (options.auto) { setTimeout(() => { if (this.current === utterance) { this.end(); } }, 5); }
    }
    end() {
      const utterance = this.current;
      if (!utterance) { return; }
      this.current = null;
      fire(utterance, "end");
      this.next();
    }
    fail(error) {
      const utterance = this.current;
      this.current = null;
      if (utterance) { fire(utterance, "error", error); }
    }
    cancel() {
      log.cancels += 1;
      const gone = [this.current, ...this.queue].filter(Boolean);
      this.current = null;
      this.queue = [];
      gone.forEach((utterance) => setTimeout(() => fire(utterance, "error", "interrupted"), 0));
      if (options.beacon) { navigator.sendBeacon("/__fake-cancel"); }  // reaches the server even as the page goes
    }
    pause() { log.pauses += 1; this.paused = true; }
    resume() { this.paused = false; }
  }
  const synthesis = new Synthesis();
  Object.defineProperty(window, "speechSynthesis", { configurable: true, get: () => synthesis });
  Object.defineProperty(window, "SpeechSynthesisUtterance", { configurable: true, writable: true, value: Utterance });
  window.__speech = Object.assign(log, {
    end: () => synthesis.end(),
    fail: (error) => synthesis.fail(error),
    arrive: () => { synthesis.ready = true; synthesis.dispatchEvent(new Event("voiceschanged")); },
  });
  if (options.late) { setTimeout(() => window.__speech.arrive(), options.late); }
})(%s);
"""


def read_aloud_pages() -> list[str]:
    """The pages that get the control, from the project's own facts (chapters, front matter voorlezen: true)."""
    facts = site_from_project(ROOT, ROOT / "site")
    return [page.url.strip("/") for page in facts.pages if page.read_aloud]


def tab_with(browser, voices=VOICES, *, auto=True, late=0, touch=False, beacon=False):
    context = browser.new_context(viewport=PHONE, has_touch=touch, is_mobile=touch)
    context.add_init_script(FAKE % json.dumps({"voices": voices, "auto": auto, "late": late, "beacon": beacon}))
    return context, context.new_page()


def spoken(tab) -> list[dict]:
    return tab.evaluate("window.__speech.spoken")


def read_to_the_end(tab) -> list[dict]:
    tab.locator(BUTTON).click()
    wait_for(tab, "document.querySelector('.lees-voor__knop').textContent === 'Lees voor'", timeout=60_000)
    return spoken(tab)


def wait_for(tab, expression: str, timeout: int = 5_000) -> None:
    """Wait until the expression holds (written as a function: the page's policy allows no eval)."""
    tab.wait_for_function(f"() => {expression}", timeout=timeout)


def squash(text: str) -> str:
    """White space as one space, none before a sign (where a citation marker stood): as it is read."""
    return re.sub(r" ([.,;:!?])", r"\1", " ".join(text.split()))


# Where the control is (the built pages).


def test_every_chapter_and_the_listed_pages_have_the_control_and_no_other(site):
    pages = read_aloud_pages()
    assert set(chapter_pages()) <= set(pages), "every chapter"
    assert {"herken-je-dit", "tips-op-een-blad", "selectie"} <= set(pages), "front matter voorlezen: true"
    for path in sorted(site.rglob("index.html")):
        slug = path.parent.relative_to(site).as_posix().strip(".")
        controls = soup_of(site, slug).select(CONTROL)
        if slug in pages:
            assert len(controls) == 1, f"/{slug}/"
            control = controls[0]
            assert control.has_attr("hidden"), f"/{slug}/: shown only by the script, where a Dutch voice is"
            assert control.find_previous_sibling("h1") is not None, f"/{slug}/: right under the title"
            assert control.select_one(BUTTON).get_text() == "Lees voor"
            script = (path.parent / control["data-voorlezen"]).resolve()
            assert script.is_file() and script.name.startswith("voorlezen.") and script.suffixes[-2:] == [".min", ".js"]
        else:
            assert not controls, f"/{slug}/ (the whole guide is for print)"


def test_front_matter_key_is_read_as_a_fact(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nextra_css: [assets/site.css]\nnav:\n  - Start: index.md\n  - Hoofdstukken:\n"
        "      - Een: een.md\n",
        encoding="utf-8",
    )
    (tmp_path / "woordenlijst.yml").write_text("[]\n", encoding="utf-8")
    for name, meta in (("index", ""), ("een", ""), ("twee", "voorlezen: true\n"), ("drie", "voorlezen: ja\n")):
        (tmp_path / "docs" / f"{name}.md").write_text(f"---\ndescription: x\n{meta}---\n# {name}\n", encoding="utf-8")
    facts = {page.url: page.read_aloud for page in site_from_project(tmp_path, tmp_path / "site").pages}
    assert facts == {"": False, "een/": True, "twee/": True, "drie/": False}


def test_the_accessibility_page_says_why_the_control_may_be_missing(site):
    section = soup_of(site, "toegankelijkheid").select_one("h2#voorlezen")
    assert section is not None, "a section Voorlezen"
    text = []
    for element in section.find_next_siblings():
        if element.name == "h2":
            break
        text.append(squash(element.get_text(" ")))
    said = " ".join(text)
    for words in ("‘Lees voor’", "Nederlandse stem", "instellingen van je toestel"):
        assert words in said, words


@pytest.mark.parametrize("value", ["ja", "1", "[true]"])
def test_a_front_matter_value_that_is_not_true_or_false_stops_the_build(tmp_path, value):
    markdown = f"---\ndescription: Een pagina.\nvoorlezen: {value}\n---\n# Titel\n"
    (tmp_path / "pagina.md").write_text(markdown, encoding="utf-8")
    file = SimpleNamespace(src_uri="pagina.md", abs_src_path=str(tmp_path / "pagina.md"))
    page = SimpleNamespace(file=file, meta=yaml.safe_load(markdown.split("---")[1]))
    with pytest.raises(EditorError, match="docs/pagina.md: bovenaan staat voorlezen: .*alleen true of false"):
        check_front_matter(markdown, page=page, build=None)
    page.meta["voorlezen"] = True
    assert check_front_matter(markdown, page=page, build=None) == markdown


# When it shows.


@pytest.mark.parametrize(
    "voices, late, shown",
    [
        (VOICES, 0, True),
        (VOICES, 300, True),  # the voices arrive after the page (voiceschanged)
        ([{"name": "Lokaal Nederlands", "lang": "nl-NL", "local": True}], 0, True),
        ([{"name": "Netwerk Vlaams", "lang": "nl-BE", "local": False}, VOICES[3]], 0, False),
        ([VOICES[3]], 300, False),
        ([], 0, False),
    ],
    ids=["local-dutch", "late", "only-nl-NL", "only-network-dutch", "only-english", "none"],
)
def test_control_shows_only_with_a_local_dutch_voice(browser, server, voices, late, shown):
    context, tab = tab_with(browser, voices, late=late)
    scripts = []
    tab.on("request", lambda request: scripts.append(request.url) if "/voorlezen." in request.url else None)
    tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")
    tab.wait_for_timeout(late + 300)
    visible = tab.locator(CONTROL).is_visible()
    context.close()
    assert visible is shown
    assert bool(scripts) is shown, "its script loads only where it can read: nothing else on a first view"


def test_no_control_without_speech_synthesis_or_javascript(browser, server):
    for options in ({"java_script_enabled": False}, {}):
        context = browser.new_context(viewport=PHONE, **options)
        tab = context.new_page()
        tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")  # headless Chromium: no voices at all
        assert not tab.locator(CONTROL).is_visible(), options
        context.close()


# What it reads.


def reading_parts(soup) -> tuple[list[str], list[str]]:
    """From the built page: the texts that must be read (title, summary, headings, tip and key-message titles and
    text) and those that must not (citation markers, controls, source lists, printed-only lines)."""
    content = copy.copy(soup.select_one("article div[data-afdruk]"))
    never = [squash(e.get_text(" ")) for e in content.select(".bronverwijzing, div.footnote li, .print-adres p")]
    never += [e.get_text() for e in content.select("p.delen button, p.delen a")]
    for element in content.select(
        ".bronverwijzing, a.headerlink, p.delen, p.leestijd, .print-adres, div.footnote, aside.pagina-info, sup"
    ):
        element.decompose()
    title = content.find("h1")
    must = [squash(title.get_text())]
    summary = content.select_one(".admonition.samenvatting")
    if summary is not None:
        must += [squash(p.get_text()) for p in summary.find_all("p") if squash(p.get_text())]
    for box in content.select(".admonition.pleegtip, .admonition.kernboodschap"):
        must += [squash(p.get_text()) for p in box.find_all("p") if squash(p.get_text())]
    must += [squash(h.get_text()) for h in content.find_all(["h2", "h3"]) if h.find_next_sibling() is not None]
    return must, never


@pytest.mark.parametrize("slug", chapter_pages())
def test_reads_the_text_in_page_order_without_numbers_controls_or_sources(browser, server, site, slug):
    must, never = reading_parts(soup_of(site, slug))
    context, tab = tab_with(browser)
    tab.goto(f"{server}/{slug}/", wait_until="networkidle")
    said = read_to_the_end(tab)
    context.close()
    text = squash(" ".join(item["text"] for item in said))
    print(f"/{slug}/: {len(said)} utterances, {len(text)} characters")
    assert said[0]["text"] == must[0], "the title first"
    for part in must:
        if "Bronnen bij" not in part:
            assert part in text, f"/{slug}/: not read: {part[:80]}"
    for part in never:
        if part.strip():
            assert part not in text, f"/{slug}/: read what it should skip: {part[:80]}"
    assert "Bronnen bij dit hoofdstuk" not in text
    assert "¶" not in text and "Lees voor" not in text and "Pauzeer" not in text
    english = {squash(e.get_text(" ")) for e in soup_of(site, slug).select("article div[data-afdruk] [lang^=en]")}
    for item in said:  # nl-BE, local; an English part (lang="en") with the local English voice
        expected = ("Lokaal Engels", "en-GB") if item["text"] in english else ("Lokaal Vlaams", "nl_be")
        assert (item["voice"], item["lang"]) == expected, item


def test_order_follows_the_page(browser, server, site):
    """Every heading, box title and summary is read once, in the order of the page."""
    slug = chapter_pages()[0]
    content = soup_of(site, slug).select_one("article div[data-afdruk]")
    titles = [squash(h.get_text()).rstrip("¶#") for h in content.select("h1, h2, h3, p.admonition-title")]
    titles = [t for t in titles if t and not t.startswith("Bronnen bij")]
    context, tab = tab_with(browser)
    tab.goto(f"{server}/{slug}/", wait_until="networkidle")
    said = [item["text"] for item in read_to_the_end(tab)]
    context.close()
    places = [said.index(title) for title in titles]
    assert places == sorted(places), list(zip(titles, places, strict=True))


def test_the_glossary_window_is_not_read(browser, server, site):
    slug = next(s for s in chapter_pages() if soup_of(site, s).select_one("article a.uitleg"))
    context, tab = tab_with(browser)
    tab.goto(f"{server}/{slug}/", wait_until="networkidle")
    tab.locator("article a.uitleg").first.click()
    window = tab.locator(".uitlegvenster")
    window.wait_for()
    explanation = squash(window.locator("p").last.inner_text())
    said = squash(" ".join(item["text"] for item in read_to_the_end(tab)))
    context.close()
    assert explanation and explanation not in said


@pytest.mark.parametrize("english", [True, False], ids=["english-voice", "no-english-voice"])
def test_english_parts_are_separate_utterances_with_an_english_voice(browser, server, english):
    voices = VOICES if english else [v for v in VOICES if not v["lang"].startswith("en")]
    context, tab = tab_with(browser, voices)
    tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")
    tab.evaluate(
        """() => { const p = document.createElement('p');
        p.innerHTML = 'Dit heet <span lang="en">Basic Trust</span> in het Engels.';
        document.querySelector('article h1').after(p); }"""
    )
    said = read_to_the_end(tab)
    context.close()
    texts = [item["text"] for item in said]
    at = texts.index("Basic Trust")
    assert texts[at - 1] == "Dit heet" and texts[at + 1] == "in het Engels."
    if english:
        assert (said[at]["voice"], said[at]["lang"]) == ("Lokaal Engels", "en-GB")
    else:
        assert (said[at]["voice"], said[at]["lang"]) == ("Lokaal Vlaams", "nl_be")
    assert said[at + 1]["voice"] == "Lokaal Vlaams"


def test_nl_nl_when_there_is_no_local_nl_be(browser, server):
    voices = [VOICES[0], {"name": "Lokaal Nederlands", "lang": "NL-nl", "local": True}]
    context, tab = tab_with(browser, voices)
    tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")
    said = read_to_the_end(tab)
    context.close()
    assert {(item["voice"], item["lang"]) for item in said} == {("Lokaal Nederlands", "NL-nl")}


# Pause, continue, stop.


def state(tab) -> tuple[str, bool, str]:
    return (
        tab.locator(BUTTON).inner_text(),
        tab.locator(STOP).is_visible(),
        tab.locator(STATUS).inner_text(),
    )


@pytest.mark.parametrize("way", ["tap", "keyboard"])
def test_pause_continue_and_stop(browser, server, way):
    context, tab = tab_with(browser, auto=False, touch=way == "tap")
    tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")
    button = tab.locator(BUTTON)
    button.wait_for()

    def press(locator):
        if way == "tap":
            locator.tap()
        else:
            tab.keyboard.press("Enter" if press.enter else "Space")
            press.enter = not press.enter

    press.enter = True
    if way == "keyboard":
        for _ in range(60):  # Tab from the top of the page to the control
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.classList.contains('lees-voor__knop')"):
                break
        else:
            pytest.fail("Tab never reaches 'Lees voor'")
    assert tab.get_by_role("button", name="Lees voor").is_visible()
    press(button)
    wait_for(tab, "window.__speech.spoken.length === 1")
    assert state(tab) == ("Pauzeer", True, "De pagina wordt voorgelezen.")
    title = spoken(tab)[0]["text"]
    tab.evaluate("window.__speech.end()")
    wait_for(tab, "window.__speech.spoken.length === 2")
    second = spoken(tab)[1]["text"]

    press(button)  # pause: the speech is cancelled
    wait_for(tab, "document.querySelector('.lees-voor__knop').textContent === 'Ga verder'")
    assert state(tab) == ("Ga verder", True, "Het voorlezen is gepauzeerd.")
    assert tab.evaluate("window.__speech.cancels") >= 1
    tab.wait_for_timeout(100)  # the cancelled utterance's "interrupted" error does not reset the control
    assert state(tab)[0] == "Ga verder"

    press(button)  # continue: the same sentence again
    wait_for(tab, "window.__speech.spoken.length === 3")
    assert spoken(tab)[2]["text"] == second != title
    assert state(tab) == ("Pauzeer", True, "De pagina wordt voorgelezen.")

    if way == "tap":
        tab.locator(STOP).tap()
    else:
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.classList.contains('lees-voor__stop')")
        tab.keyboard.press("Enter")
    wait_for(tab, "document.querySelector('.lees-voor__knop').textContent === 'Lees voor'")
    assert state(tab) == ("Lees voor", False, "Het voorlezen is gestopt.")
    assert tab.locator(".lees-voor--nu").count() == 0, "the highlight goes"
    if way == "keyboard":
        assert tab.evaluate("document.activeElement.classList.contains('lees-voor__knop')"), "focus not lost"
    tab.wait_for_timeout(100)
    assert len(spoken(tab)) == 3, "nothing more is said"
    assert tab.evaluate("localStorage.length + sessionStorage.length") == 0, "nothing stored"
    context.close()


def test_an_error_resets_the_control(browser, server):
    context, tab = tab_with(browser, auto=False)
    tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")
    tab.locator(BUTTON).click()
    wait_for(tab, "window.__speech.spoken.length === 1")
    tab.evaluate("window.__speech.fail('interrupted')")  # another app took the speech
    wait_for(tab, "document.querySelector('.lees-voor__knop').textContent === 'Lees voor'")
    assert state(tab)[1:] == (False, "Het voorlezen is onderbroken. Kies ‘Lees voor’ om opnieuw te beginnen.")
    assert tab.locator(".lees-voor--nu").count() == 0
    context.close()


def test_the_part_being_read_is_highlighted_and_in_view(browser, server, site):
    slug = chapter_pages()[0]
    context, tab = tab_with(browser, auto=False)
    tab.goto(f"{server}/{slug}/", wait_until="networkidle")
    tab.locator(BUTTON).click()
    for _ in range(40):  # well down the page
        tab.evaluate("window.__speech.end()")
    tab.wait_for_timeout(800)  # smooth scrolling
    now = tab.evaluate(
        """() => { const parts = document.querySelectorAll('.lees-voor--nu');
        const box = parts[0].getBoundingClientRect();
        const said = window.__speech.spoken.at(-1).text;
        return { count: parts.length, top: box.top, bottom: box.bottom, height: innerHeight, scrolled: scrollY,
                 has: parts[0].textContent.replace(/\\s+/g, ' ').includes(said),
                 colour: getComputedStyle(parts[0]).backgroundColor }; }"""
    )
    context.close()
    assert now["count"] == 1 and now["has"], now
    assert now["top"] >= 0 and now["bottom"] <= now["height"] and now["scrolled"] > 0, now
    assert now["colour"] not in ("rgba(0, 0, 0, 0)", "transparent"), now


class _Recording(http.server.SimpleHTTPRequestHandler):
    """The built site, and the fake's beacons (POST) written down: what a page said as it went."""

    posted: list[str] = []

    def do_POST(self):
        self.posted.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_leaving_the_page_stops_the_speech(browser, site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Recording, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    context, tab = tab_with(browser, auto=False, beacon=True)
    tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")
    tab.locator(BUTTON).click()
    wait_for(tab, "window.__speech.spoken.length === 1")
    assert not _Recording.posted
    tab.goto(f"{server}/", wait_until="networkidle")
    tab.wait_for_timeout(300)
    context.close()
    httpd.shutdown()
    assert "/__fake-cancel" in _Recording.posted, "pagehide cancels the speech"


def test_reading_goes_on_when_the_page_is_hidden(browser, server):
    context, tab = tab_with(browser, auto=False)
    tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")
    tab.locator(BUTTON).click()
    wait_for(tab, "window.__speech.spoken.length === 1")
    tab.evaluate(
        """() => { Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
        Object.defineProperty(document, 'hidden', {value: true, configurable: true});
        document.dispatchEvent(new Event('visibilitychange')); }"""
    )
    tab.wait_for_timeout(100)
    assert tab.evaluate("window.__speech.cancels") == 0 and state(tab)[0] == "Pauzeer"
    context.close()


def test_the_selection_page_reads_what_was_chosen(browser, server, site):
    chosen = [box["id"] for box in soup_of(site, chapter_pages()[-1]).select("article div.pleegtip[id]")][:2]
    titles = [
        squash(soup_of(site, chapter_pages()[-1]).select_one(f"#{tip} p.admonition-title").get_text()).rstrip("#")
        for tip in chosen
    ]
    context, tab = tab_with(browser, touch=True)
    tab.goto(f"{server}/selectie/?delen={','.join(chosen)}", wait_until="networkidle")
    tab.locator("section.deel").first.wait_for()
    tab.locator(BUTTON).tap()
    wait_for(tab, "document.querySelector('.lees-voor__knop').textContent === 'Lees voor'", timeout=60_000)
    said = [item["text"] for item in spoken(tab)]
    context.close()
    assert said[0] == "Voor jou gekozen uit de gids"
    assert all(title in said for title in titles), (titles, said)
    assert "Lees dit in het hoofdstuk" not in said and "Bronnen" not in said


def test_no_layout_shift_when_the_control_appears(browser, server):
    context, tab = tab_with(browser, late=400)
    tab.add_init_script(
        """window.__shift = 0; new PerformanceObserver((list) => { for (const entry of list.getEntries()) {
        window.__shift += entry.value; } }).observe({ type: 'layout-shift', buffered: true });"""
    )
    tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")
    tab.locator(CONTROL).wait_for()
    tab.wait_for_timeout(300)
    shift = tab.evaluate("window.__shift")
    context.close()
    assert shift < 0.01, shift


@pytest.mark.npm
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_control_while_reading_has_no_accessibility_violations(browser, server, scheme):
    from test_quality import AXE, WCAG_TAGS

    context = browser.new_context(viewport=PHONE, bypass_csp=True, color_scheme=scheme)
    context.add_init_script(FAKE % json.dumps({"voices": VOICES, "auto": False, "late": 0}))
    tab = context.new_page()
    tab.goto(f"{server}/{chapter_pages()[0]}/", wait_until="networkidle")
    tab.locator(BUTTON).click()
    for _ in range(3):
        tab.evaluate("window.__speech.end()")
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    context.close()
    found = [f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
    assert not found, "\n".join(found)
