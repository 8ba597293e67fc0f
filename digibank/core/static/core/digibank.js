// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Messages sent by the server with htmx responses (HX-Trigger) go to the live region.
  document.body.addEventListener("digibank:messages", function (event) {
    var region = document.getElementById("messages");
    if (!region || !event.detail || !event.detail.value) return;
    region.textContent = "";
    event.detail.value.forEach(function (text) {
      var p = document.createElement("p");
      p.className = "message message--success";
      p.textContent = text;
      region.appendChild(p);
    });
  });
  // A region that htmx refreshes on a timer (data-keep-focus) is left alone while the
  // keyboard focus is inside it: replacing it would throw the focus back to the page.
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var region = event.detail && event.detail.elt;
    if (!region || !region.hasAttribute || !region.hasAttribute("data-keep-focus")) return;
    if (region.contains(document.activeElement)) event.preventDefault();
  });
  // After a refresh, a short summary ([data-summary] in the new content) goes to the
  // polite live region named by data-announce, only when it changed.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var region = event.detail && event.detail.target;
    if (!region || !region.getAttribute) return;
    var live = document.getElementById(region.getAttribute("data-announce") || "");
    var source = region.querySelector("[data-summary]");
    if (!live || !source) return;
    var summary = source.getAttribute("data-summary");
    if (summary !== region.getAttribute("data-last-summary")) {
      region.setAttribute("data-last-summary", summary);
      live.textContent = summary;
    }
  });
  // Move focus to the error summary so screen-reader and keyboard users find it.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-announce]").forEach(function (region) {
      var source = region.querySelector("[data-summary]");
      if (source) region.setAttribute("data-last-summary", source.getAttribute("data-summary"));
    });
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
    // Close the menu on small screens; it stays open without JavaScript.
    var menu = document.querySelector("details.menu");
    if (menu && window.matchMedia("(max-width: 47.99rem)").matches) menu.removeAttribute("open");
    // Buttons that ask for confirmation carry data-confirm (the form also has a
    // confirmation field server-side, so this is only a convenience).
    document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.requestSubmit(); });
    });
  });
})();
