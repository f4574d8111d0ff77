/* The activity form: a setting that applies only when another has a certain value (the dots
   of a dot vote, the group names of a canvas per group) is hidden otherwise. Hidden fields
   still post their value, so nothing stored is lost; without JavaScript every field shows. */
(function () {
  "use strict";
  var form = document.querySelector(".editor-form");
  if (!form) return;

  function valueOf(name) {
    var field = form.elements[name];
    if (!field) return undefined;
    if (field.type === "checkbox") return field.checked;
    return field.value;
  }

  function apply() {
    form.querySelectorAll("[data-when]").forEach(function (box) {
      var when = JSON.parse(box.dataset.when);
      box.hidden = !Object.keys(when).every(function (name) {
        return when[name].indexOf(valueOf(name)) !== -1;
      });
    });
  }

  form.addEventListener("change", apply);
  apply();
})();

/* The preview beside the form: a phone and a projector in the chosen content language. As she
   types a title or text, the frames reload (debounced) with what the form holds in that
   language: nothing is saved until she presses Save. The editor keeps its own language. */
(function () {
  "use strict";
  var aside = document.querySelector(".editor-preview");
  var form = document.querySelector(".editor-form");
  if (!aside || !form) return;
  var choice = document.getElementById("preview-lang");
  var frames = { phone: document.getElementById("preview-phone"),
                 projector: document.getElementById("preview-projector") };
  var timer = null;

  function address(base, lang) {
    var params = new URLSearchParams({ lang: lang });
    ["title", "prompt"].forEach(function (name) {
      var field = form.elements[name + "-" + lang];
      if (field) params.set(name, field.value);
    });
    return base + "&" + params.toString();
  }

  function refresh() {
    var lang = choice.value;
    frames.phone.src = address(aside.dataset.phone, lang);
    frames.projector.src = address(aside.dataset.projector, lang);
  }

  choice.addEventListener("change", refresh);
  form.addEventListener("input", function (event) {
    if (!/^(title|prompt)-/.test(event.target.name || "")) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  });
})();
