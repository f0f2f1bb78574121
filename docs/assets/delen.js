/*
 * Delen: share a page or a tip in one tap, copy a link on "Voor begeleiders".
 * Uses the Web Share API where the device offers it, else copies the link and says so in Dutch.
 * No third-party script; without JavaScript the links themselves still work.
 */
(function () {
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

  function controls(title, id, label) {
    var wrap = document.createElement("p");
    wrap.className = "delen";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button delen__knop";
    button.textContent = label;
    button.addEventListener("click", function () { share(title, address(id)); });
    var mail = document.createElement("a");
    mail.className = "md-button delen__mail";
    mail.textContent = "Stuur per mail";
    mail.href = "mailto:?subject=" + encodeURIComponent(title) + "&body=" + encodeURIComponent(address(id));
    wrap.appendChild(button);
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(mail);
    return wrap;
  }

  var article = document.querySelector("article.md-content__inner");
  var heading = article && article.querySelector("h1");
  if (heading) {
    var pageTitle = heading.firstChild ? heading.firstChild.textContent.trim() : document.title;
    heading.insertAdjacentElement("afterend", controls(pageTitle, "", "Deel deze pagina"));
  }

  document.querySelectorAll(".admonition.pleegtip[id]").forEach(function (tip) {
    var title = tip.querySelector(".admonition-title").firstChild.textContent.trim();
    tip.appendChild(controls("Tip: " + title, tip.id, "Deel deze tip"));
  });

  document.querySelectorAll("button.kopieer-link[data-url]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button.getAttribute("data-url")); });
  });
})();
