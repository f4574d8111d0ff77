/* Large text and high contrast, chosen on a phone and remembered on that device. Loaded in
   <head> without defer: the classes are on <html> before the first paint, so the page never
   shows small first and then jumps. The choices live in the footer of every phone page. */
(function () {
  "use strict";
  var KEY = "cafe-display";
  var root = document.documentElement;

  function saved() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function apply(choices) {
    ["text-large", "contrast-high"].forEach(function (name) {
      root.classList.toggle("display-" + name, !!choices[name]);
    });
  }
  apply(saved());

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-display]").forEach(function (box) {
      var name = box.dataset.display;
      box.checked = !!saved()[name];
      box.addEventListener("change", function () {
        var choices = saved();
        choices[name] = box.checked;
        try { localStorage.setItem(KEY, JSON.stringify(choices)); } catch (e) { /* private mode */ }
        apply(choices);
      });
    });
  });
})();
