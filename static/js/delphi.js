/* The Delphi panelist page: each answer is saved as it is chosen, without reloading, so the
   page stays where it was. Without this script the forms' Save buttons do the same. */
(function () {
  "use strict";
  var root = document.getElementById("delphi-answers");
  if (!root || !window.fetch) { return; }
  document.body.classList.add("js-autosave");
  var progress = document.getElementById("delphi-progress");
  var timers = new WeakMap();
  var sending = new WeakMap();

  function newCid() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function payload(form) {
    var data = new FormData(form);
    var ratings = {};
    data.forEach(function (value, key) {
      if (key.indexOf("rating-") === 0) { ratings[key.slice(7)] = value; }
    });
    return {
      statement: data.get("statement"), ratings: ratings,
      no_opinion: data.get("no_opinion") === "1", argument: data.get("argument") || "",
      stance: data.get("stance") || "", cid: newCid()
    };
  }

  function state(form, text) {
    form.querySelector(".save-state").textContent = text;
  }

  function showProgress(answered, total) {
    progress.textContent = progress.dataset.template
      .replace("{n}", answered).replace("{total}", total);
  }

  function save(form) {
    // One request per form at a time; a change made meanwhile is sent after it.
    if (sending.get(form)) { sending.set(form, "again"); return; }
    sending.set(form, true);
    state(form, root.dataset.saving);
    var token = form.querySelector("input[name=csrf_token]").value;
    fetch(root.dataset.url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token},
      body: JSON.stringify(payload(form))
    }).then(function (response) {
      return response.json().then(function (body) { return body; });
    }).then(function (body) {
      if (body.ok) {
        state(form, root.dataset.saved);
        showProgress(body.answered, body.total);
      } else {
        state(form, body.message || root.dataset.failed);
      }
    }).catch(function () {
      state(form, root.dataset.failed);
    }).then(function () {
      var again = sending.get(form) === "again";
      sending.set(form, false);
      if (again) { save(form); }
    });
  }

  root.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form) { save(form); }
  });
  root.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!form || event.target.tagName !== "TEXTAREA") { return; }
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () { save(form); }, 1200));
  });
  root.addEventListener("submit", function (event) {
    event.preventDefault();
    save(event.target);
  });
}());
