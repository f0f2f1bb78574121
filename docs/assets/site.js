/*
 * The site's own script, loaded in the head of every page, before Material's bundle (one request,
 * cached, minified to site.min.js by mkdocs-minify-plugin; overrides/partials/javascripts/base.html).
 *
 * 0. Material's start: the __md_* helpers its bundle uses, and the colour scheme a reader chose,
 *    restored before the first paint. Material writes these as inline scripts; the site allows no
 *    inline script (overrides/hooks/csp.py), so they are here.
 * 1. Search loads when it is first used. Material starts its search worker and fetches the search
 *    index on every page view; on a weak phone connection that is about 30 KB a reader who does not
 *    search never needs. The worker and the index request wait until the search field gets focus or
 *    the search toggle opens, then run as usual.
 * 2. Delen: the share buttons of pages and tips share in one tap (the device's share sheet, or
 *    copy the link with a Dutch confirmation), and the copy buttons on "Voor begeleiders" work.
 *    No third-party script; without JavaScript the links and the mail links still work.
 * 3. Bronnen: hovering or focusing a citation marker shows its source (the entry of the chapter's
 *    source list) in a tooltip in Material's style; tapping follows the marker to that entry. One
 *    listener for the whole page, nothing prepared when it opens: Material's own footnote tooltips
 *    set up every marker at load (about 70 in the longest chapter), which measured as most of that
 *    page's blocking time in Lighthouse (benchmark/run.py).
 */

(function () {
  "use strict";

  // Material's helpers (its partials/javascripts/base.html), scoped to the site's root: this file
  // lives in <root>/assets/.
  var scope = new URL("..", document.currentScript.src);
  window.__md_scope = scope;
  window.__md_hash = function (value) {
    return Array.prototype.reduce.call(value, function (hash, c) { return (hash << 5) - hash + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, base) {
    return JSON.parse((storage || localStorage).getItem((base || scope).pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    try { (storage || localStorage).setItem((base || scope).pathname + "." + key, JSON.stringify(value)); } catch (e) {}
  };

  // The colour scheme a reader chose (Material's partials/javascripts/palette.html): set on <body> as
  // soon as it exists, before the first paint.
  function restorePalette() {
    var palette;
    try { palette = window.__md_get("__palette"); } catch (e) { return; }
    if (!palette || !palette.color) { return; }
    Object.keys(palette.color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, palette.color[key]);
    });
  }
  if (document.body) {
    restorePalette();
  } else {
    var watch = new MutationObserver(function () {
      if (document.body) { watch.disconnect(); restorePalette(); }
    });
    watch.observe(document.documentElement, { childList: true });
  }
})();

(function () {
  "use strict";

  var used = false;
  var waiting = [];

  function whenUsed(start) {
    if (used) { start(); } else { waiting.push(start); }
  }

  function use() {
    if (used) { return; }
    used = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("md-search__input")) { use(); }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) { use(); }
  });

  var isSearchWorker = /\/workers\/search\.[^/]*\.js$/;
  var isSearchIndex = /\/search\/search_index\.json$/;

  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!isSearchWorker.test(String(url))) { return new RealWorker(url, options); }
    var events = new EventTarget();
    var queue = [];
    var real = null;
    var proxy = {
      onmessage: null,
      addEventListener: events.addEventListener.bind(events),
      removeEventListener: events.removeEventListener.bind(events),
      postMessage: function (message) { if (real) { real.postMessage(message); } else { queue.push(message); } },
      terminate: function () { if (real) { real.terminate(); } }
    };
    whenUsed(function () {
      real = new RealWorker(url, options);
      real.addEventListener("message", function (event) {
        var copy = new MessageEvent("message", { data: event.data });
        if (typeof proxy.onmessage === "function") { proxy.onmessage(copy); }
        events.dispatchEvent(copy);
      });
      queue.splice(0).forEach(function (message) { real.postMessage(message); });
    });
    return proxy;
  };

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.laterZoeken = isSearchIndex.test(String(url).split("?")[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.laterZoeken) { return send.apply(request, args); }
    whenUsed(function () { send.apply(request, args); });
  };
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
    var here = window.location.href.split("#")[0];
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

  // The share controls are in the page already (overrides/hooks/links.py), so nothing moves when
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

(function () {
  "use strict";

  var tooltip = null;
  var host = null;
  var waiting = 0;

  function marker(target) {
    return target && target.closest ? target.closest("a.footnote-ref") : null;
  }

  function hide() {
    window.clearTimeout(waiting);
    if (!tooltip) { return; }
    host.removeAttribute("aria-describedby");
    tooltip.remove();
    tooltip = host = null;
  }

  function show(link) {
    var entry = document.getElementById(link.hash.slice(1));
    if (link === host || !entry) { return; }
    hide();
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    Array.prototype.forEach.call(entry.children, function (child) { inner.appendChild(child.cloneNode(true)); });
    inner.querySelectorAll(".footnote-backref").forEach(function (back) { back.remove(); });
    inner.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
    tooltip = document.createElement("div");
    tooltip.className = "md-tooltip2 bron-tooltip";
    tooltip.id = "bron-tooltip";
    tooltip.setAttribute("role", "tooltip");
    tooltip.appendChild(inner);
    document.body.appendChild(tooltip);
    host = link;
    link.setAttribute("aria-describedby", tooltip.id);
    var box = link.getBoundingClientRect();
    var above = box.top >= window.innerHeight / 2;
    tooltip.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    tooltip.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    tooltip.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    tooltip.style.setProperty("--md-tooltip-y", (above ? -16 - inner.offsetHeight : 16 + box.height) + "px");
    tooltip.classList.add(above ? "md-tooltip2--top" : "md-tooltip2--bottom");
    window.requestAnimationFrame(function () {
      if (tooltip) { tooltip.classList.add("md-tooltip2--active"); }
    });
  }

  document.addEventListener("mouseover", function (event) {
    var link = marker(event.target);
    window.clearTimeout(waiting);
    if (link) { waiting = window.setTimeout(function () { show(link); }, 150); }
  });
  document.addEventListener("mouseout", function (event) {
    if (marker(event.target) && !marker(event.relatedTarget) && document.activeElement !== host) { hide(); }
  });
  document.addEventListener("focusin", function (event) {
    var link = marker(event.target);
    if (link) { show(link); } else { hide(); }
  });
  document.addEventListener("focusout", function (event) {
    if (marker(event.target)) { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });
  window.addEventListener("hashchange", hide);
})();
