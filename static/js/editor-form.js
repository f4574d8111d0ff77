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
