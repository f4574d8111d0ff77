/* The agenda editor: up/down without a page load (focus stays on the button, the new place is
   announced), and drag and drop. Without JavaScript the same forms post and the page reloads. */
(function () {
  "use strict";
  var list = document.getElementById("editor-agenda");
  var status = document.getElementById("editor-status");
  if (!list) return;
  var token = document.querySelector("input[name=csrf_token]").value;

  function announce(text) {
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }

  function post(url, data) {
    var body = new URLSearchParams(Object.assign({ csrf_token: token }, data));
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (r) { return r.json(); });
  }

  function reorder(order) {
    order.forEach(function (id) {
      var item = document.getElementById("activity-" + id);
      if (item) list.appendChild(item);
    });
  }

  list.querySelectorAll("form.js-move").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      post(form.action, { direction: form.elements.direction.value }).then(function (answer) {
        if (!answer.ok) return;
        reorder(answer.order);
        button.focus();
        announce(answer.message);
      });
    });
  });

  var dragged = null;
  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("li");
    event.dataTransfer.effectAllowed = "move";
  });
  list.addEventListener("dragover", function (event) { event.preventDefault(); });
  list.addEventListener("drop", function (event) {
    event.preventDefault();
    var target = event.target.closest("li");
    if (!dragged || !target || target === dragged) return;
    var items = Array.prototype.slice.call(list.children);
    var to = items.indexOf(target) + 1;
    var url = dragged.querySelector("form.js-move").action;
    post(url, { to: String(to) }).then(function (answer) {
      if (!answer.ok) return;
      reorder(answer.order);
      announce(answer.message);
    });
    dragged = null;
  });
})();
