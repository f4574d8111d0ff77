/* Large text and high contrast on a phone. The choice is the cookie cafe_display, which the
   server draws each page with (classes display-<name> on <html>, cafe/web/display.py), so no
   script is needed before the first paint. Here: a ticked box applies at once and writes the
   cookie (the footer form's Apply button, for pages without scripts, is then not needed), and a
   choice an older version kept in localStorage moves into the cookie once. Loaded in <head>
   without defer so that move is applied before the first paint too. */
(function () {
  "use strict";
  var COOKIE = "cafe_display";
  var NAMES = ["text-large", "contrast-high"];
  var OLD_KEY = "cafe-display";
  var root = document.documentElement;

  function current() {
    var found = {};
    NAMES.forEach(function (name) { found[name] = root.classList.contains("display-" + name); });
    return found;
  }
  function apply(choices) {
    NAMES.forEach(function (name) {
      root.classList.toggle("display-" + name, !!choices[name]);
    });
  }
  function save(choices) {
    var value = NAMES.filter(function (name) { return choices[name]; }).join(".");
    document.cookie = COOKIE + "=" + value + "; Max-Age=31536000; Path=/; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
  }

  // Once: a device that chose before the cookie existed keeps its choice. A cookie already set
  // (by this script or the footer form) is the newer choice and wins.
  try {
    var old = localStorage.getItem(OLD_KEY);
    if (old !== null) {
      if (!document.cookie.split("; ").some(function (c) { return c.indexOf(COOKIE + "=") === 0; })) {
        var choices = {};
        try { choices = JSON.parse(old) || {}; } catch (e) { /* unreadable: nothing chosen */ }
        apply(choices);
        save(choices);
      }
      localStorage.removeItem(OLD_KEY);
    }
  } catch (e) { /* storage refused (private mode): nothing to move */ }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-display-apply]").forEach(function (button) {
      button.remove();  // a box applies at once here
    });
    document.querySelectorAll("input[data-display]").forEach(function (box) {
      var name = box.dataset.display;
      box.checked = current()[name];
      box.addEventListener("change", function () {
        var choices = current();
        choices[name] = box.checked;
        apply(choices);
        save(choices);
      });
    });
  });
})();
