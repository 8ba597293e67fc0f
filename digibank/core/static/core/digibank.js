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
  // Move focus to the error summary so screen-reader and keyboard users find it.
  document.addEventListener("DOMContentLoaded", function () {
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
