/* The facilitator console: the agenda with its controls, the presenter (Next and Previous,
   the join screen and strip, a live thumbnail of the projector, keyboard shortcuts), counts,
   and the selected activity. A button is enabled only when pressing it would do something. */
(function () {
  "use strict";
  var selectedId = null;
  var agenda = document.getElementById("agenda");
  var keepOpen = document.getElementById("keep-open");
  var previous = document.getElementById("agenda-previous");
  var next = document.getElementById("agenda-next");
  var joinScreen = document.getElementById("toggle-join-screen");
  var joinStrip = document.getElementById("toggle-join-strip");
  var endButton = document.getElementById("session-end");
  var errorLine = document.getElementById("presenter-error");
  var busy = false;

  function fail(answer) {
    if (errorLine) errorLine.textContent = answer.ok ? "" : answer.message;
    if (!answer.ok) Cafe.announce(answer.message);
    return answer;
  }

  function command(event, payload) {
    busy = true;
    refresh();
    return Cafe.send(event, payload).then(function (answer) {
      busy = false;
      refresh();
      return fail(answer);
    });
  }

  /* What each agenda button would do for this item; false: nothing, so it is disabled. */
  function useful(action, item, session) {
    if (action === "activity:open") return item.status !== "open";
    if (action === "activity:close") return item.status === "open";
    if (action === "activity:show") return item.id !== session.current;
    return true;
  }

  function renderAgenda(session) {
    agenda.replaceChildren();
    session.agenda.forEach(function (item) {
      var li = Cafe.clone("tpl-agenda-item");
      li.dataset.activity = item.id;
      li.dataset.status = item.status;
      Cafe.setText(li, ".agenda-title", item.title);
      var badge = Cafe.setText(li, ".badge", Cafe.t(item.status));
      badge.dataset.status = item.status;
      if (item.id === session.current) li.classList.add("current");
      if (item.id === (selectedId || session.current)) li.setAttribute("aria-current", "step");
      li.querySelectorAll("button[data-action]").forEach(function (button) {
        button.disabled = busy || !useful(button.dataset.action, item, session);
        button.addEventListener("click", function () {
          selectedId = item.id;
          var payload = { activity: item.id };
          if (button.dataset.action === "activity:open") payload.keep_open = !!(keepOpen && keepOpen.checked);
          command(button.dataset.action, payload);
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

  function position(session) {
    var ids = session.agenda.map(function (a) { return a.id; });
    return ids.indexOf(session.current);
  }

  function renderPresenter(session) {
    if (!next) return;  /* a moderator's console has no presenter */
    var index = position(session);
    var current = session.agenda[index];
    document.getElementById("presenter-current").textContent = current ? current.title : Cafe.t("presenter_join_screen");
    previous.disabled = busy || index <= 0;
    next.disabled = busy || index >= session.agenda.length - 1;
    var display = session.projector || {};
    joinScreen.setAttribute("aria-pressed", String(!!display.join_screen));
    joinStrip.setAttribute("aria-pressed", String(display.join_strip !== false));
    joinScreen.disabled = joinStrip.disabled = busy;
    /* Ending does something only while an activity is open. */
    endButton.disabled = busy || !session.agenda.some(function (a) { return a.status === "open"; });
  }

  function refresh() {
    var session = Cafe.state && Cafe.state.session;
    if (!session) return;
    renderAgenda(session);
    renderPresenter(session);
  }

  function step(event) {
    if (!next) return;
    if (next.disabled && event === "activity:next") return;
    if (previous.disabled && event === "activity:previous") return;
    selectedId = null;  /* follow the projector */
    command(event, { keep_open: keepOpen.checked });
  }

  function toggle(name) {
    if (!joinScreen) return;
    var display = (Cafe.state.session && Cafe.state.session.projector) || {};
    var payload = {};
    payload[name] = name === "join_strip" ? display.join_strip === false : !display.join_screen;
    command("session:projector", payload);
  }

  if (next) {
    previous.addEventListener("click", function () { step("activity:previous"); });
    next.addEventListener("click", function () { step("activity:next"); });
    joinScreen.addEventListener("click", function () { toggle("join_screen"); });
    joinStrip.addEventListener("click", function () { toggle("join_strip"); });
    endButton.addEventListener("click", function () {
      if (window.confirm(Cafe.t("session_end_confirm"))) command("session:end", {});
    });
  }

  /* Shortcuts, never while typing: N or → next, P or ← previous, J join screen, S strip. */
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    var action = { n: "next", ArrowRight: "next", p: "previous", ArrowLeft: "previous",
                   j: "join_screen", s: "join_strip" }[key];
    if (!action) return;
    event.preventDefault();
    if (action === "next") step("activity:next");
    else if (action === "previous") step("activity:previous");
    else toggle(action);
  });

  /* Moderation lists on a 1366×768 laptop: search, filter by status and page, never a list
     many screens long. Applied after every render, since the kinds redraw their lists. Each
     kind names its lists when it registers: `consoleLists: [{list, text, status}]`, the
     list's selector, its items' text and the message key prefix of their statuses. */
  var PAGE_SIZE = 8;

  function listItems(list) {
    return Array.prototype.slice.call(list.children);
  }

  function statusOptions(select, statuses, prefix) {
    var key = statuses.join(",");
    if (select.dataset.options === key) return;
    var chosen = select.value;
    var all = select.options[0];
    select.replaceChildren(all);
    statuses.forEach(function (s) {
      var option = document.createElement("option");
      option.value = s;
      option.textContent = Cafe.t(prefix + s);
      select.appendChild(option);
    });
    select.value = statuses.indexOf(chosen) >= 0 ? chosen : "";
    select.dataset.options = key;
  }

  function applyTools(list) {
    var tools = list.tools;
    var query = tools.querySelector(".list-search").value.trim().toLowerCase();
    var select = tools.querySelector(".list-status");
    var items = listItems(list);
    var statuses = [];
    items.forEach(function (item) {
      var s = item.dataset.status;
      if (s && statuses.indexOf(s) < 0) statuses.push(s);
    });
    statusOptions(select, statuses.sort(), list.rule.status || "");
    tools.querySelector(".list-status-label").hidden = !statuses.length;
    var status = select.value;
    var matching = items.filter(function (item) {
      var text = ((list.rule.text && item.querySelector(list.rule.text)) || item).textContent;
      return (!status || item.dataset.status === status) &&
        (!query || text.toLowerCase().indexOf(query) >= 0);
    });
    var pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    list.page = Math.min(list.page || 0, pages - 1);
    var shown = matching.slice(list.page * PAGE_SIZE, (list.page + 1) * PAGE_SIZE);
    items.forEach(function (item) { item.classList.toggle("list-off", shown.indexOf(item) < 0); });
    tools.querySelector(".list-page").textContent =
      Cafe.t("list_page", { n: list.page + 1, total: pages, count: matching.length });
    tools.querySelector(".list-prev").disabled = list.page === 0;
    tools.querySelector(".list-next").disabled = list.page >= pages - 1;
    tools.hidden = items.length <= PAGE_SIZE && !query && !status;
  }

  function setupTools(list, rule) {
    list.rule = rule;
    if (!list.tools) {
      var tools = list.tools = Cafe.clone("tpl-list-tools");
      list.before(tools);
      list.page = 0;
      var again = function () { list.page = 0; applyTools(list); };
      tools.querySelector(".list-search").addEventListener("input", again);
      tools.querySelector(".list-status").addEventListener("change", again);
      tools.querySelector(".list-prev").addEventListener("click", function () { list.page -= 1; applyTools(list); });
      tools.querySelector(".list-next").addEventListener("click", function () { list.page += 1; applyTools(list); });
    }
    applyTools(list);
  }

  Cafe.listTools = function () {
    Object.keys(Cafe.kinds).forEach(function (name) {
      (Cafe.kinds[name].consoleLists || []).forEach(function (rule) {
        document.querySelectorAll("#stage " + rule.list).forEach(function (list) {
          setupTools(list, rule);
        });
      });
    });
  };

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

  /* The thumbnail is the projector page itself, drawn at 1280×720 and scaled to its box. */
  var thumb = document.querySelector(".projector-thumb-frame");
  function scaleThumb() {
    if (thumb) thumb.style.setProperty("--thumb-scale", String(thumb.clientWidth / 1280));
  }
  window.addEventListener("resize", scaleThumb);
  scaleThumb();

  Cafe.live({
    audience: "console",
    selected: function (state) { return selectedId || state.session.current; },
    onSession: function () { refresh(); },
    onParticipants: renderAssisted,
    afterRender: function () { if (Cafe.listTools) Cafe.listTools(); },
  });
})();
