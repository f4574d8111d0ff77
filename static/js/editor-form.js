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
   types or changes anything (a title, a question, a canvas, the dots of a vote), the frames
   reload, debounced, with what the whole form holds, sent to the preview (it stores nothing);
   the preview shows it in the chosen language. The editor keeps its own language. */
(function () {
  "use strict";
  var aside = document.querySelector(".editor-preview");
  var form = document.querySelector(".editor-form");
  if (!aside || !form) return;
  var choice = document.getElementById("preview-lang");
  var frames = { phone: document.getElementById("preview-phone"),
                 projector: document.getElementById("preview-projector") };
  var timer = null;
  /* The form's fields go to each frame through a form of its own (one form's second submit
     would cancel its first): the editor's form keeps its action, and a textarea keeps a
     field's line breaks (a canvas's boxes, statements). */
  function sender(frame, base) {
    var out = document.createElement("form");
    out.method = "post";
    out.hidden = true;
    out.target = frame.name;
    out.dataset.base = base;
    document.body.appendChild(out);
    return out;
  }
  var senders = [sender(frames.phone, aside.dataset.phone),
                 sender(frames.projector, aside.dataset.projector)];

  function send(out, lang) {
    out.replaceChildren();
    new FormData(form).forEach(function (value, name) {
      var field = document.createElement("textarea");
      field.name = name;
      field.value = value;
      out.appendChild(field);
    });
    out.action = out.dataset.base + "&lang=" + encodeURIComponent(lang);
    out.submit();
  }

  function refresh() {
    clearTimeout(timer);
    senders.forEach(function (out) { send(out, choice.value); });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  }

  choice.addEventListener("change", refresh);
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
