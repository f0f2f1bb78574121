/*
 * The site's own script, on every page: deferred (the text is read without waiting for it), one request,
 * cached, minified to site.min.js by mkdocs-minify-plugin (overrides/partials/javascripts/base.html).
 * No script of Material's is loaded; what readers use of its bundle is done here.
 *
 * 0. Light or dark, and "Terug naar boven": the scheme the device asks for, or the one the reader chose
 *    with the switch in the header (kept on this device); the button back to the top when a reader
 *    scrolls back up a long page.
 * 1. Zoeken: the search opens in a dialog, from the header's button (or the 404 page's). The code that
 *    searches (assets/zoeken.js) and Pagefind's index load when a reader first opens it, not with the page.
 * 2. Delen: the share buttons of pages and tips share in one tap (the device's share sheet, or
 *    copy the link with a Dutch confirmation), and the copy buttons on "Voor begeleiders" work.
 *    No third-party script; without JavaScript the links and the mail links still work.
 * 3. Bronnen en woorden: a citation marker or an explained word opens its sources or explanation in
 *    place, by touch, mouse and keyboard alike (below). Nothing is set up when a page opens.
 * 4. The menu on a phone: a button for keyboard and screen reader, and out of the tab order while
 *    closed (below).
 * 5. Voor begeleiders: the code for choosing parts loads when the list is first touched (below).
 * 6. Zonder internet: once the page is idle, the service worker (sw.js) is registered; it keeps the guide on
 *    the device in the background. When a newer version of the guide is ready, a calm note says so, and the
 *    next page the reader opens is the new version (below).
 *
 * Material's markup that this script works with (its templates, kept at build time): the palette's radio
 * inputs and their labels (input[name=__palette], data-md-color-*), the "Terug naar boven" button
 * (.md-top), the drawer's checkbox and labels (#__drawer, .md-nav…), and the class md-typeset that gives
 * a window the text's styles. README, "Onderhoud en toekomst".
 */

// 0. Light or dark. The palette's inputs carry each scheme (data-md-color-scheme, …) and the media query it
//    answers (data-md-color-media); the reader's choice is kept under Material's own key (the site's path and
//    "__palette"), so a choice made before stays. The first paint waits for this (blocking="render").
(function () {
  "use strict";
  var key = new URL("..", document.currentScript.src).pathname + ".__palette";
  var inputs = Array.prototype.slice.call(document.querySelectorAll("input[name='__palette']"));
  if (!inputs.length) { return; }

  function apply(input) {
    ["scheme", "primary", "accent"].forEach(function (part) {
      var value = input.getAttribute("data-md-color-" + part);
      if (value) { document.body.setAttribute("data-md-color-" + part, value); }
    });
    input.checked = true;
    inputs.forEach(function (each) {  // the switch shows the way to the other scheme
      var label = each.nextElementSibling;
      if (label && label.tagName === "LABEL") { label.hidden = !each.checked; }
    });
  }

  var chosen = null;
  try { chosen = JSON.parse(localStorage.getItem(key)); } catch (e) { chosen = null; }
  var start = chosen && inputs[chosen.index] ? inputs[chosen.index] : inputs.find(function (input) {
    var media = input.getAttribute("data-md-color-media");
    return !media || matchMedia(media).matches;
  }) || inputs[0];
  apply(start);

  inputs.forEach(function (input, index) {
    input.addEventListener("change", function () {
      apply(input);
      var color = { media: input.getAttribute("data-md-color-media"), scheme: input.getAttribute("data-md-color-scheme"),
        primary: input.getAttribute("data-md-color-primary"), accent: input.getAttribute("data-md-color-accent") };
      try { localStorage.setItem(key, JSON.stringify({ index: index, color: color })); } catch (e) {}
    });
  });
  // By keyboard: Tab reaches the checked input (its label shows the way to the other scheme); Enter or
  // the space bar switches, as a tap on the label does.
  inputs.forEach(function (input) {
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") { return; }
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") {
        event.preventDefault();
        label.click();
        var other = document.getElementById(label.htmlFor);
        if (other) { other.focus(); }
      }
    });
  });
  // Without a choice of the reader's, the scheme follows the device when it changes.
  inputs.forEach(function (input) {
    var media = input.getAttribute("data-md-color-media");
    if (!media) { return; }
    matchMedia(media).addEventListener("change", function (event) {
      var stored = null;
      try { stored = localStorage.getItem(key); } catch (e) {}
      if (event.matches && !stored) { apply(input); }
    });
  });
})();

// "Terug naar boven": shown when a reader scrolls back up, below the top of the page, or reaches it with Tab;
// it goes to the top, and the focus to the page's title, so Tab goes on from there.
(function () {
  "use strict";
  var button = document.querySelector(".md-top");
  if (!button) { return; }
  var last = window.scrollY;
  var waiting = false;
  window.addEventListener("scroll", function () {
    if (waiting) { return; }
    waiting = true;
    window.requestAnimationFrame(function () {
      waiting = false;
      var now = window.scrollY;
      button.hidden = !(now < last && now > 400);
      last = now;
    });
  }, { passive: true });
  // Reached with Tab it shows too, so the focus is never on something unseen.
  button.addEventListener("focus", function () { button.hidden = false; });
  button.addEventListener("blur", function () { button.hidden = !(window.scrollY > 400); });
  button.addEventListener("click", function () {
    window.scrollTo({ top: 0 });
    button.hidden = true;
    var title = document.querySelector("article h1");
    if (title) {
      title.setAttribute("tabindex", "-1");
      title.focus({ preventScroll: true });
    }
  });
})();

document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var status = document.createElement("p");
  status.className = "delen__melding";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function announce(text) {
    status.textContent = text;
    status.classList.add("delen__melding--zichtbaar");
    window.clearTimeout(announce.timer);
    announce.timer = window.setTimeout(function () {
      status.classList.remove("delen__melding--zichtbaar");
    }, 6000);
  }

  function address(id) {
    // Without the query: a page opened from a search result carries ?h=…, which a family does not need.
    var here = window.location.origin + window.location.pathname;
    return id ? here + "#" + id : here;
  }

  function copy(url) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { announce("Link gekopieerd: " + url); },
        function () { announce("Kopiëren lukte niet. Kopieer deze link zelf: " + url); }
      );
    } else {
      announce("Kopieer deze link zelf: " + url);
    }
  }

  function share(title, url) {
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function (error) {
        if (error && error.name !== "AbortError") { copy(url); }
      });
    } else {
      copy(url);
    }
  }

  // The share controls are in the page already (gids/links.py), so nothing moves when
  // this runs; the buttons need this script, the mail links work without it.
  document.querySelectorAll("button.delen__knop[data-titel]").forEach(function (button) {
    button.addEventListener("click", function () {
      share(button.getAttribute("data-titel"), address(button.getAttribute("data-anker")));
    });
  });

  document.querySelectorAll("button.kopieer-link[data-url]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button.getAttribute("data-url")); });
  });
});

// The back gesture: an open window or menu takes one step in the history (pushState), so the phone's back
// gesture or the browser's back button closes it and the reader stays on the page. Closed in any other
// way, the step is taken back; a link followed from inside takes the step's place (location.replace), so
// no extra step is left that back would have to pass. The page keeps its place (no scroll restoring).
window.__site_terug = (function () {
  "use strict";
  var closer = null;
  function ours() { return !!(history.state && history.state.siteOpen); }
  window.addEventListener("popstate", function () {
    if (!ours()) { history.scrollRestoration = "auto"; }  // back on the page's own step: as before
    if (closer && !ours()) {
      var close = closer;
      closer = null;
      close();
    }
  });
  return {
    opened: function (close) {
      closer = close;
      if (!ours()) {
        history.scrollRestoration = "manual";
        history.pushState({ siteOpen: true }, "");
      }
    },
    closed: function () {
      if (!closer) { return; }
      closer = null;
      if (ours()) { history.back(); }
    },
    follow: function (event, link) {
      if (!closer || !ours() || link.target || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      closer = null;
      event.preventDefault();
      location.replace(link.href);
    }
  };
})();

// Lees voor (one block of its own): on a page with the control (gids/voorlezen.py), its script
// (assets/voorlezen.js, named in data-voorlezen) loads only once the device shows a Dutch voice of its own
// (localService: the voices that send the text to another company are never used). The voices may come
// late (getVoices() is empty until "voiceschanged"). Without such a voice nothing loads, and nothing shows.
(function () {
  "use strict";
  var control = document.querySelector("[data-voorlezen]");
  var speech = window.speechSynthesis;
  if (!control || !speech || !window.SpeechSynthesisUtterance) { return; }
  function check() {
    var dutch = speech.getVoices().some(function (voice) {
      return voice.localService && /^nl(?:[-_]|$)/i.test(voice.lang || "");
    });
    if (!dutch) { return; }
    speech.removeEventListener("voiceschanged", check);
    import(new URL(control.getAttribute("data-voorlezen"), document.baseURI).href);
  }
  speech.addEventListener("voiceschanged", check);
  check();
})();

(function () {
  "use strict";
  // Files fetched later, by the names the build gave them (with a content hash: gids/fingerprint.py).
  var names = document.currentScript.dataset;

  // 3. Bronnen en woorden: a citation marker ([26], [31–36]) or an explained word opens a small window
  //    in place, by tap, click, Enter or a screen reader alike: the page does not move. It shows every
  //    source of the marker (copied from the page's own source list, status label included) or the word's
  //    explanation, with a link to the full list or the Woordenlijst. It closes with its close button,
  //    Escape or a tap outside it, and the focus goes back to the marker. Without JavaScript the marker
  //    and the word are plain links to the list and the Woordenlijst. Nothing is prepared at load: one
  //    listener for the whole page.
  var venster = null;
  var opener = null;

  // The explanations (assets/woordenlijst.json, written by the build): fetched at the first tap on a word,
  // so no page carries them; the browser keeps them for the next pages.
  var explanations = null;

  function words() {
    if (!explanations) {
      explanations = fetch(new URL(names.woordenlijst, document.baseURI))
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
        .catch(function (error) { explanations = null; throw error; });
    }
    return explanations;
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text) { made.textContent = text; }
    return made;
  }

  function build() {
    venster = element("div", "uitlegvenster md-typeset");
    venster.id = "uitlegvenster";
    venster.setAttribute("role", "dialog");
    venster.setAttribute("aria-labelledby", "uitlegvenster-titel");
    venster.tabIndex = -1;
    venster.hidden = true;
    var kop = element("div", "uitlegvenster__kop");
    var titel = element("p", "uitlegvenster__titel");
    titel.id = "uitlegvenster-titel";
    var sluit = element("button", "uitlegvenster__sluit");
    sluit.type = "button";
    sluit.setAttribute("aria-label", "Sluiten");
    sluit.textContent = "×";
    sluit.addEventListener("click", function () { close(true); });
    kop.append(titel, sluit);
    venster.append(kop, element("div", "uitlegvenster__inhoud"));
    // A link in the window (to the list, the Woordenlijst, a source) is followed in place of the back step.
    venster.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      if (!link) { return; }
      window.__site_terug.follow(event, link);
      close(false, true);
    });
  }

  function spoken(link) {
    // What a screen reader says of the marker ("Bronnen 31 tot en met 36"): its text without aria-hidden parts.
    var copy = link.cloneNode(true);
    copy.querySelectorAll("[aria-hidden='true']").forEach(function (hidden) { hidden.remove(); });
    return copy.textContent.trim();
  }

  function sources(link) {
    var list = element("ol", "uitlegvenster__bronnen");
    // The marker leads to its first source: "#bron-26", or in the whole guide "#<chapter>-bron-26".
    var href = link.getAttribute("href");
    var prefix = href.slice(1, href.lastIndexOf("bron-"));
    (link.getAttribute("data-bronnen") || "").split(" ").forEach(function (number) {
      var entry = document.getElementById(prefix + "bron-" + number);
      if (!entry) { return; }
      var item = element("li");
      item.value = Number(number);
      Array.prototype.forEach.call(entry.childNodes, function (child) { item.appendChild(child.cloneNode(true)); });
      item.querySelectorAll(".footnote-backref").forEach(function (back) { back.remove(); });
      item.querySelectorAll("[id]").forEach(function (withId) { withId.removeAttribute("id"); });
      list.appendChild(item);
    });
    return list;
  }

  function fill(link) {
    var inhoud = venster.querySelector(".uitlegvenster__inhoud");
    var titel = venster.querySelector(".uitlegvenster__titel");
    inhoud.textContent = "";
    var verder = element("a", "uitlegvenster__verder");
    if (link.classList.contains("uitleg")) {
      var anchor = link.hash.slice(1);
      var uitleg = element("p", "uitlegvenster__uitleg", "Even geduld, de uitleg wordt geladen.");
      titel.textContent = link.textContent;
      inhoud.appendChild(uitleg);
      words().then(function (all) {
        var word = all[anchor];
        if (!word) { throw new Error(anchor); }
        titel.textContent = word.term;
        uitleg.textContent = word.uitleg;
      }).catch(function () {
        uitleg.textContent = "De uitleg kon niet geladen worden. Je vindt ze in de woordenlijst.";
      }).then(function () {
        if (opener === link) { place(link); }  // the explanation made the window taller
      });
      verder.href = link.href;
      verder.textContent = "Meer in de woordenlijst";
    } else {
      titel.textContent = spoken(link);
      inhoud.appendChild(sources(link));
      verder.href = link.getAttribute("href");
      verder.textContent = "Naar de bronnenlijst";
    }
    var regel = element("p", "uitlegvenster__regel");
    regel.appendChild(verder);
    inhoud.appendChild(regel);
  }

  function place(link) {
    // Below the marker, or above it when there is more room there; never wider or taller than the screen.
    var box = link.getBoundingClientRect();
    var margin = 8;
    // Not under the sticky header, nor under the "Terug naar boven" button below it: the same room the
    // stylesheet keeps free for focus (scroll-padding-top).
    var top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    var width = Math.min(document.documentElement.clientWidth - 2 * margin, 560);
    venster.style.width = width + "px";
    var left = Math.min(Math.max(margin, box.left), document.documentElement.clientWidth - margin - width);
    var below = window.innerHeight - box.bottom - 2 * margin;
    var above = box.top - top - 2 * margin;
    // On a low screen (a phone on its side) the window may cover its marker, never run off the screen:
    // at most the height between the sticky header and the bottom, and scrolls inside.
    var header = document.querySelector(".md-header");
    var ceiling = (header ? header.getBoundingClientRect().bottom : 0) + margin;
    venster.style.maxHeight = Math.min(Math.max(below, above, 160), window.innerHeight - ceiling - margin) + "px";
    var height = venster.offsetHeight;
    var y = below >= Math.min(height, above) ? box.bottom + margin : box.top - margin - height;
    y = Math.max(ceiling, Math.min(y, window.innerHeight - margin - height));
    // Coordinates of the window's containing block (the nearest positioned ancestor, or the page).
    var origin = (venster.offsetParent || document.body).getBoundingClientRect();
    venster.style.left = left - origin.left + "px";
    venster.style.top = y - origin.top + "px";
  }

  function open(link) {
    if (!venster) { build(); }
    if (opener && opener !== link) { close(false, true); }
    opener = link;
    fill(link);
    // In the text right after its marker, so Tab goes on from there; positioned, so nothing moves.
    link.after(venster);
    venster.hidden = false;
    place(link);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", venster.id);
    venster.focus({ preventScroll: true });
    window.__site_terug.opened(function () { close(true, true); });
  }

  function close(returnFocus, keepStep) {
    if (!opener) { return; }
    var link = opener;
    opener = null;
    venster.hidden = true;
    link.setAttribute("aria-expanded", "false");
    if (returnFocus) { link.focus({ preventScroll: true }); }
    if (!keepStep) { window.__site_terug.closed(); }
  }

  function trigger(target) {
    return target && target.closest ? target.closest(".bronverwijzing a.footnote-ref, a.uitleg") : null;
  }

  document.addEventListener("click", function (event) {
    var link = trigger(event.target);
    if (link) {
      event.preventDefault();
      if (opener === link) { close(true); } else { open(link); }
    }
  });
  // A tap or click outside closes it (pointer events: a phone sends no click for a tap on plain text).
  // The focus goes back to the marker once the tap is over, unless the tap itself gave it to a control.
  var refocus = null;
  document.addEventListener("pointerdown", function (event) {
    if (opener && !venster.contains(event.target) && !trigger(event.target)) {
      refocus = opener;
      close(false);
    }
  });
  document.addEventListener("pointerup", function () {
    if (!refocus) { return; }
    var link = refocus;
    refocus = null;
    function back() {
      if (!document.activeElement || document.activeElement === document.body) { link.focus({ preventScroll: true }); }
    }
    window.setTimeout(back, 0);
    // A tap's mouse events follow its pointerup and can take the focus away again: once more after its click.
    function clicked() { window.setTimeout(back, 0); }
    document.addEventListener("click", clicked, { capture: true, once: true });
    window.setTimeout(function () { document.removeEventListener("click", clicked, { capture: true }); }, 1000);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && opener) {
      event.preventDefault();
      close(true);
    } else if (event.key === " " && trigger(event.target)) {
      event.preventDefault();  // Space works as on any button
      event.target.click();
    }
  });
  document.addEventListener("focusin", function (event) {
    // Tab past the window's last link closes it; the focus goes on with the text.
    if (opener && !venster.contains(event.target) && event.target !== opener) { close(false); }
  });
  window.addEventListener("resize", function () { if (opener) { place(opener); } });

  // Marked as buttons that open a window, for screen readers; they stay links without JavaScript.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".bronverwijzing a.footnote-ref, a.uitleg").forEach(function (link) {
      link.setAttribute("role", "button");
      link.setAttribute("aria-haspopup", "dialog");
      link.setAttribute("aria-expanded", "false");
    });
  });
})();

(function () {
  "use strict";
  // Files fetched later, by the names the build gave them (with a content hash: gids/fingerprint.py).
  var names = document.currentScript.dataset;

  // 4. The menu on a phone: a real button (gids/theme/material.py writes it beside Material's label,
  //    which works without JavaScript), and what is closed is out of the tab order (inert): Tab from the
  //    top no longer walks through the links of a closed menu off the screen.
  // 5. Voor begeleiders: the code that turns checked parts into one address (assets/selectie.js) loads
  //    when the caseworker first touches the list, not with the page.
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.kiezer");
    if (!form) { return; }
    var loaded = false;
    function load() {
      if (loaded) { return; }
      loaded = true;
      import(new URL(names.selectie, document.baseURI).href);
    }
    ["focusin", "pointerdown", "change"].forEach(function (type) { form.addEventListener(type, load); });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var parts = [
      { toggle: "__drawer", panel: document.getElementById("site-menu"), narrow: matchMedia("(max-width: 76.234375em)") }
    ];

    function sync() {
      parts.forEach(function (part) {
        var checkbox = document.getElementById(part.toggle);
        var button = document.querySelector("button[data-toggle='" + part.toggle + "']");
        if (!checkbox || !part.panel) { return; }
        part.panel.inert = part.narrow.matches && !checkbox.checked;
        if (button) { button.setAttribute("aria-expanded", String(checkbox.checked)); }
      });
    }

    parts.forEach(function (part) {
      var checkbox = document.getElementById(part.toggle);
      var button = document.querySelector("button[data-toggle='" + part.toggle + "']");
      var label = document.querySelector("label.md-header__button[for='" + part.toggle + "']");
      if (button && label) {
        button.addEventListener("click", function () {
          label.click();  // Material's own way to open and close; the checkbox changes at once
          sync();
          // The focus goes into the open menu, on its first link in sight
          if (checkbox.checked) {
            var first = Array.prototype.find.call(part.panel.querySelectorAll("a[href], [tabindex='0']"), function (control) {
              return !control.closest("[inert]") && control.getClientRects().length;
            });
            if (first) { first.focus({ preventScroll: true }); }
          }
        });
      }
      if (checkbox) { checkbox.addEventListener("change", sync); }
      part.narrow.addEventListener("change", sync);
    });
    document.addEventListener("click", function () { window.setTimeout(sync, 0); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && document.getElementById("__drawer").checked) {
        document.querySelector("label.md-header__button[for='__drawer']").click();
        window.setTimeout(function () {
          sync();
          var menu = document.querySelector("button[data-toggle='__drawer']");
          if (menu) { menu.focus(); }
        }, 0);
      }
    });
    sync();
  });

  // The phone menu's panels: Material slides a section ("Hoofdstukken") or a page's contents over the
  // main menu, opened and closed by labels of hidden checkboxes. Only the panel on the screen is in the
  // tab order (the rest is inert), and the arrows that go a level up or down are buttons with a Dutch
  // name: their icon in the label, so a tap on the label works as before.
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("site-menu");
    var drawer = document.getElementById("__drawer");
    if (!root || !drawer) { return; }
    var narrow = matchMedia("(max-width: 76.234375em)");
    var made = [];

    function toggleOf(nav) { return nav.parentElement.querySelector(":scope > input.md-nav__toggle"); }
    function titleOf(nav) {
      var title = nav.querySelector(":scope > label.md-nav__title");
      return title ? title.textContent.trim() : "";
    }
    function shown(nav) {  // open, and every panel around it open too
      for (var up = nav; up && up !== root; up = up.parentElement.closest("nav.md-nav")) {
        var toggle = toggleOf(up);
        if (toggle && !toggle.checked) { return false; }
      }
      return true;
    }
    function panels() {
      made.splice(0).forEach(function (element) { element.inert = false; });
      if (!narrow.matches || !drawer.checked) { return; }
      var open = Array.prototype.filter.call(root.querySelectorAll("li > input.md-nav__toggle ~ nav.md-nav"), shown);
      var panel = open[open.length - 1] || root.querySelector("nav.md-nav--primary");
      for (var node = panel; node !== root; node = node.parentElement) {
        Array.prototype.forEach.call(node.parentElement.children, function (other) {
          if (other !== node && !other.matches("input")) { other.inert = true; made.push(other); }
        });
      }
      panel.querySelectorAll("li > input.md-nav__toggle:not(:checked) ~ nav.md-nav").forEach(function (closed) {
        closed.inert = true;
        made.push(closed);
      });
      root.querySelectorAll("[data-paneel]").forEach(function (arrow) {
        arrow.setAttribute("aria-expanded", String(document.getElementById(arrow.getAttribute("data-paneel")).checked));
      });
    }

    root.querySelectorAll("li > input.md-nav__toggle ~ nav.md-nav").forEach(function (nav) {
      var toggle = toggleOf(nav);
      var down = nav.parentElement.querySelector(":scope > label.md-nav__link[for='" + toggle.id + "'] > .md-nav__icon");
      var up = nav.querySelector(":scope > label.md-nav__title > .md-nav__icon");
      var outer = nav.parentElement.closest("nav.md-nav");
      [[down, "Open: " + titleOf(nav)],
       [up, "Terug naar " + (outer && toggleOf(outer) ? titleOf(outer) : "alle pagina’s")]].forEach(function (pair) {
        if (!pair[0]) { return; }
        pair[0].setAttribute("role", "button");
        pair[0].tabIndex = 0;
        pair[0].setAttribute("aria-label", pair[1]);
        if (pair[0] === down) { pair[0].setAttribute("data-paneel", toggle.id); }
      });
    });
    root.addEventListener("keydown", function (event) {
      var arrow = event.target;
      if ((event.key !== "Enter" && event.key !== " ") || !arrow.matches(".md-nav__icon[role='button']")) { return; }
      event.preventDefault();
      var nav = arrow.closest("label").htmlFor;
      arrow.click();  // the label's own work: its checkbox changes at once
      panels();
      // The focus stays in sight: on the new panel's way back, or on the arrow that opens the closed one.
      var toggle = document.getElementById(nav);
      var next = toggle.checked ? toggle.parentElement.querySelector(":scope > nav.md-nav > label.md-nav__title > [role='button']")
        : root.querySelector("[data-paneel='" + nav + "']");
      if (next && !next.closest("[inert]")) { next.focus(); }
    });
    // Tab out of the open menu closes it: the focus goes on in the page, not under the menu.
    document.addEventListener("focusin", function (event) {
      if (narrow.matches && drawer.checked && !root.contains(event.target)) {
        document.querySelector("label.md-header__button[for='__drawer']").click();
      }
    });
    root.addEventListener("change", panels);
    drawer.addEventListener("change", panels);
    // The back gesture closes the open menu (window.__site_terug); a link in it takes the back step's place.
    drawer.addEventListener("change", function () {
      if (!drawer.checked) { window.__site_terug.closed(); return; }
      window.__site_terug.opened(function () {
        var inside = root.contains(document.activeElement);
        document.querySelector("label.md-header__button[for='__drawer']").click();
        var button = document.querySelector("button[data-toggle='__drawer']");
        if (inside && button) { button.focus(); }
      });
    });
    root.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      if (link) { window.__site_terug.follow(event, link); }
    });
    narrow.addEventListener("change", panels);
    panels();
  });
})();


// 1. Zoeken: a dialog with a search field, opened by any [data-zoeken] button (the header's, the 404 page's).
//    It is made at the first tap, so no page carries it; the focus is in the field in the same tap (a phone
//    shows its keyboard). The search itself (assets/zoeken.js, then Pagefind's pagefind/pagefind.js and
//    index) loads at the first touch of a search button. Escape, the close button, a tap beside the dialog
//    or the back gesture closes it, and the focus goes back to the button that opened it.
(function () {
  "use strict";
  var names = document.currentScript.dataset;
  var root = new URL("..", document.currentScript.src);
  var dialog = null;
  var opener = null;
  var code = null;

  function load() {
    if (!code) {
      code = import(new URL(names.zoekenScript, document.baseURI).href).catch(function (error) {
        code = null;
        throw error;
      });
    }
    return code;
  }

  function make() {
    dialog = document.createElement("dialog");
    dialog.className = "zoeken";
    dialog.setAttribute("aria-labelledby", "zoeken-titel");
    dialog.innerHTML =
      '<div class="zoeken__binnen">' +
      '<form class="zoeken__vorm" role="search">' +
      '<div class="zoeken__kop"><label id="zoeken-titel" for="zoeken-veld">Zoek in de gids</label>' +
      '<button type="button" class="zoeken__sluit">Sluiten</button></div>' +
      '<input id="zoeken-veld" class="zoeken__veld" type="search" autocomplete="off" spellcheck="false" ' +
      'enterkeyhint="search" aria-describedby="zoeken-melding">' +
      '</form>' +
      '<p id="zoeken-melding" class="zoeken__melding" role="status" aria-live="polite"></p>' +
      '<ol class="zoeken__resultaten"></ol>' +
      '</div>';
    document.body.appendChild(dialog);
    dialog.querySelector(".zoeken__sluit").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }  // a tap on the dimmed page beside it
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {  // at once, also where the search field would first clear itself
        event.preventDefault();
        dialog.close();
      } else if (event.key === "Tab") {  // round within the dialog, not out to the browser's own bar
        var stops = dialog.querySelectorAll("input, button, a[href]");
        var edge = event.shiftKey ? stops[0] : stops[stops.length - 1];
        if (document.activeElement === edge) {
          event.preventDefault();
          (event.shiftKey ? stops[stops.length - 1] : stops[0]).focus();
        }
      }
    });
    dialog.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      if (link) { window.__site_terug.follow(event, link); }
    });
    dialog.addEventListener("close", function () {
      window.__site_terug.closed();
      if (opener && opener.isConnected) { opener.focus(); }
    });
    var field = dialog.querySelector("input");
    var status = dialog.querySelector("[role=status]");
    load().then(function (search) {
      search.attach(dialog, { pagefind: new URL(names.pagefind, document.baseURI).href, root: root.pathname });
    }, function () {
      status.textContent = "Zoeken lukt nu niet. Laad de pagina opnieuw en probeer het nog eens.";
    });
    return field;
  }

  function open(button) {
    opener = button;
    var field = dialog ? dialog.querySelector("input") : make();
    if (!dialog.open) {
      dialog.showModal();
      window.__site_terug.opened(function () { if (dialog.open) { dialog.close(); } });
    }
    field.focus();
    field.select();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-zoeken]");
    if (button) { open(button); }
  });
  ["pointerdown", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest("[data-zoeken]")) { load().catch(function () {}); }
    });
  });
})();

// 6. Zonder internet. Only on https and on this computer (localhost): elsewhere a browser refuses a worker.
//    Not when the reader asked the browser to save data (Save-Data): keeping the guide costs about a megabyte.
//    Registered after the page has loaded and is idle, so the first view waits for nothing of it.
(function () {
  "use strict";
  var script = document.currentScript;
  var worker = script && script.getAttribute("data-offline");
  var local = ["localhost", "127.0.0.1", "[::1]"].indexOf(location.hostname) >= 0;
  if (!worker || !("serviceWorker" in navigator) || (location.protocol !== "https:" && !local)) { return; }
  if (navigator.connection && navigator.connection.saveData) { return; }
  var address = new URL(worker, document.baseURI);
  var waiting = null;  // a newer version, ready
  var going = null;  // the page the reader opens, once the new version has taken over

  function go() {
    if (going === location.href) { location.reload(); } else { location.assign(going); }
  }
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (going) { go(); }
  });

  function takeOver(destination) {
    going = destination;
    waiting.postMessage("nieuwe-versie");
    setTimeout(go, 3000);  // should it not take over: go on all the same
  }

  function note() {
    if (document.querySelector(".nieuwe-versie")) { return; }
    var bar = document.createElement("div");
    bar.className = "nieuwe-versie md-typeset";
    bar.setAttribute("role", "status");
    document.body.appendChild(bar);
    var text = document.createElement("p");
    text.textContent = "Er is een nieuwe versie van de gids. De volgende pagina die je opent, is de nieuwe versie.";
    var now = document.createElement("button");
    now.type = "button";
    now.className = "md-button md-button--primary";
    now.textContent = "Nu vernieuwen";
    now.addEventListener("click", function () { takeOver(location.href); });
    var later = document.createElement("button");
    later.type = "button";
    later.className = "md-button";
    later.textContent = "Sluiten";
    later.addEventListener("click", function () {
      bar.remove();
      document.body.style.paddingBottom = "";
      document.documentElement.style.removeProperty("--nieuwe-versie");
    });
    bar.appendChild(text);
    bar.appendChild(now);
    bar.appendChild(later);
    // The foot of the page stays within reach: it scrolls up above the note; "Lees voor" moves up above it.
    document.body.style.paddingBottom = bar.offsetHeight + "px";
    document.documentElement.style.setProperty("--nieuwe-versie", bar.offsetHeight + "px");
  }

  function ready(next) {
    if (!navigator.serviceWorker.controller) { return; }  // the first version: nothing to say
    waiting = next;
    note();
  }

  // With a newer version ready, a link to another page of the guide opens that page in the new version.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!waiting || !link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey || link.target || link.hasAttribute("download")) { return; }
    var to = new URL(link.href, document.baseURI);
    if (to.origin !== location.origin || to.href.indexOf(new URL(".", address).href) !== 0 ||
        (to.pathname === location.pathname && to.search === location.search)) { return; }
    event.preventDefault();
    takeOver(to.href);
  });

  function register() {
    navigator.serviceWorker.register(address.href, { scope: new URL(".", address).pathname }).then(function (registration) {
      if (registration.waiting) { ready(registration.waiting); }
      registration.addEventListener("updatefound", function () {
        var next = registration.installing;
        if (!next) { return; }
        next.addEventListener("statechange", function () {
          if (next.state === "installed") { ready(next); }
        });
      });
    }).catch(function () {});  // no worker (private window, switched off): the guide works as before
  }

  function idle() {
    if ("requestIdleCallback" in window) { requestIdleCallback(register, { timeout: 5000 }); }
    else { setTimeout(register, 1000); }
  }
  if (document.readyState === "complete") { idle(); } else { addEventListener("load", idle); }
})();
