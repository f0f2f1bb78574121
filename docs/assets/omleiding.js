/* A moved page (gids/links.py, redirect_pages): go to the new place at once, and keep the
   "#part" of the old address when the new address does not name one itself. */
(function () {
  "use strict";
  var target = document.querySelector("link[rel=canonical]");
  if (!target) { return; }
  var url = new URL(target.getAttribute("href"), location.href);
  if (location.hash && !url.hash) { url.hash = location.hash; }
  location.replace(url.href);
})();
