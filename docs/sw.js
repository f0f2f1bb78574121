/*
 * The guide's service worker: after one visit the guide opens without a connection (README, "Offline").
 * Registered by assets/site.js (only on https and on localhost), at the site's root, so its scope is the
 * whole guide. The build fills in BESTANDEN (gids/offline.py): every file a reader may open offline, by its
 * address from the root, with the sha256 of its content and whether it is fetched at once (1) or kept once
 * a reader opens it (0: the PDFs, the whole guide).
 *
 * - Each file is kept under its own hash, and fetched with that hash as its integrity: a file that differs
 *   from the list (a deploy that came in between) is refused, and the install tried again later. A file
 *   that did not change since the last version is not fetched again.
 * - A new build is a new list, so a new worker. It waits until the reader opens another page after the
 *   page's note ("Er is een nieuwe versie", site.js) or until the guide's pages are closed; then it takes
 *   over and removes what the old list kept. A page is never a mix of two versions.
 * - Every request of the site for a listed file gets the kept file; a page that is not kept gets the network,
 *   and without one the Dutch page offline.html. Nothing of another host is touched (there is none), nothing
 *   about the reader is kept: only these files.
 * - With an empty list (under `properdocs serve`, which does not fill it in) the worker removes what an
 *   earlier one kept, and itself: a preview is never answered from an old version.
 */
"use strict";

var BESTANDEN = {/* de build vult dit in */};
var SCOPE = self.registration.scope;
var CACHE = "gids " + SCOPE;  // one cache for the guide; each file in it under its hash
var OFFLINE = "offline.html";
var EMPTY = Object.keys(BESTANDEN).length === 0;

function keyOf(address) {
  return SCOPE + address + "?versie=" + encodeURIComponent(BESTANDEN[address][0]);
}

// The list's address for a request of this site: "x/" for x/, x/index.html and x; null if not listed.
function listed(url) {
  if (url.href.indexOf(SCOPE) !== 0) { return null; }
  var address = url.origin + url.pathname === SCOPE ? "" : (url.origin + url.pathname).slice(SCOPE.length);
  if (/(^|\/)index\.html$/.test(address)) { address = address.slice(0, -"index.html".length); }
  if (Object.prototype.hasOwnProperty.call(BESTANDEN, address)) { return address; }
  if (Object.prototype.hasOwnProperty.call(BESTANDEN, address + "/")) { return address + "/"; }
  return null;
}

// The file as the list has it, from the network; refused when its content differs from the list.
function fetchListed(address) {
  return fetch(new Request(SCOPE + address, { cache: "no-cache", credentials: "same-origin",
    integrity: BESTANDEN[address][0] })).then(function (response) {
    if (!response.ok) { throw new Error(address + ": " + response.status); }
    if (!response.redirected) { return response; }
    return response.blob().then(function (body) {  // a redirected response may not answer a page's request
      return new Response(body, { status: response.status, headers: response.headers });
    });
  });
}

self.addEventListener("install", function (event) {
  if (EMPTY) {
    self.skipWaiting();
    return;
  }
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(Object.keys(BESTANDEN).filter(function (address) {
      return BESTANDEN[address][1] === 1;
    }).map(function (address) {
      return cache.match(keyOf(address)).then(function (kept) {
        return kept || fetchListed(address).then(function (response) { return cache.put(keyOf(address), response); });
      });
    }));
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    var wanted = {};
    Object.keys(BESTANDEN).forEach(function (address) { wanted[keyOf(address)] = true; });
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (request) { return !wanted[request.url]; }).map(function (request) {
        return cache.delete(request);
      }));
    });
  }).then(function () {
    if (EMPTY) { return caches.delete(CACHE).then(function () { return self.registration.unregister(); }); }
    return self.clients.claim();
  }));
});

// The page's note said there is a new version, and the reader goes on (or asked for it): take over.
self.addEventListener("message", function (event) {
  if (event.data === "nieuwe-versie") { self.skipWaiting(); }
});

function offlinePage() {
  return caches.open(CACHE).then(function (cache) {
    return OFFLINE in BESTANDEN ? cache.match(keyOf(OFFLINE)) : undefined;
  }).then(function (page) { return page || Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (EMPTY || request.method !== "GET") { return; }
  var url = new URL(request.url);
  var address = listed(url);
  if (address === null) {
    if (request.mode === "navigate" && url.href.indexOf(SCOPE) === 0) {
      event.respondWith(fetch(request).catch(offlinePage));
    }
    return;
  }
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(keyOf(address)).then(function (kept) {
      if (kept) { return kept; }
      // Not kept yet: a PDF or the whole guide (kept from now on), or a file the install has not reached.
      return fetchListed(address).then(function (response) {
        return cache.put(keyOf(address), response.clone()).then(function () { return response; });
      }, function () {
        return fetch(request);  // not as the list has it (a newer version on the server): shown, not kept
      }).catch(function () {
        return request.mode === "navigate" ? offlinePage() : Response.error();
      });
    });
  }));
});
