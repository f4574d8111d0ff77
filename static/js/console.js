/* The facilitator console: the agenda with its controls, counts, and the selected activity. */
(function () {
  "use strict";
  var selectedId = null;
  var agenda = document.getElementById("agenda");

  function renderAgenda(session) {
    agenda.replaceChildren();
    session.agenda.forEach(function (item) {
      var li = Cafe.clone("tpl-agenda-item");
      li.dataset.activity = item.id;
      Cafe.setText(li, ".agenda-title", item.title);
      var badge = Cafe.setText(li, ".badge", Cafe.t(item.status));
      badge.dataset.status = item.status;
      if (item.id === session.current) li.classList.add("current");
      if (item.id === (selectedId || session.current)) li.setAttribute("aria-current", "step");
      li.querySelectorAll("button[data-action]").forEach(function (button) {
        button.addEventListener("click", function () {
          selectedId = item.id;
          button.disabled = true;
          Cafe.send(button.dataset.action, { activity: item.id }).then(function (answer) {
            button.disabled = false;
            if (!answer.ok) Cafe.announce(answer.message);
          });
        });
      });
      li.querySelector(".agenda-title").addEventListener("click", function () {
        selectedId = item.id;
        renderAgenda(session);
        Cafe.render();
      });
      agenda.appendChild(li);
    });
  }

  function renderAssisted(counts) {
    Cafe.showCounts(counts);
    var list = document.getElementById("assisted-list");
    if (!list || !counts.assisted) return;
    list.replaceChildren();
    counts.assisted.forEach(function (p) {
      var li = Cafe.clone("tpl-assisted-item");
      Cafe.setText(li, ".assisted-name", p.name || "#" + p.id);
      li.querySelector(".assisted-link").href =
        "/console/sessions/" + Cafe.config.session_id + "/assist/" + p.id;
      list.appendChild(li);
    });
  }

  Cafe.live({
    audience: "console",
    selected: function (state) { return selectedId || state.session.current; },
    onSession: renderAgenda,
    onParticipants: renderAssisted,
  });
})();
