/* World Café: phones show their table, the question and the countdown and write the harvest;
   the projector shows the table plan and a large countdown, then the plenary harvest; the
   console sets hosts and pairs, runs the rounds, groups the harvest and sends it on. */
(function () {
  "use strict";

  /* ---------- shared ---------- */
  function tableLabel(table) {
    if (!table) return "";
    return table.name || Cafe.t("worldcafe_table", { n: table.number });
  }

  function personLabel(person) {
    if (!person) return "";
    return person.name || Cafe.t("worldcafe_participant", { n: person.id });
  }

  function roundLabel(data) {
    var round = data.round;
    if (!round) return "";
    if (round.plenary || data.phase === "plenary") return Cafe.t("worldcafe_plenary");
    var atTables = data.rounds_total - (data.last_round_plenary ? 1 : 0);
    return Cafe.t("worldcafe_round", { n: round.number, total: atTables });
  }

  function categoryLabel(category) {
    return Cafe.t("worldcafe_cat_" + category);
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  /* The countdown is drawn from the server's end time. The offset between the server's clock
     and this device's is measured when a view arrives, so a phone whose clock is wrong still
     shows the right time left. */
  function Countdown(el) {
    this.el = el;
    this.round = null;
    this.offset = 0;
    var self = this;
    this.ticker = setInterval(function () {
      if (!self.el.isConnected) { clearInterval(self.ticker); return; }
      self.draw();
    }, 1000);
  }
  Countdown.prototype.set = function (round) {
    if (round && round.server_time && (!this.round || this.round.server_time !== round.server_time)) {
      this.offset = round.server_time - Date.now();
    }
    this.round = round;
    this.draw();
  };
  Countdown.prototype.left = function () {
    var r = this.round;
    if (!r) return null;
    if (r.status === "running" && r.ends_at) return (r.ends_at - (Date.now() + this.offset)) / 1000;
    return r.remaining;
  };
  Countdown.prototype.draw = function () {
    var r = this.round, el = this.el;
    if (!r) { el.textContent = ""; el.dataset.state = "none"; return; }
    var left = this.left();
    var text;
    if (r.status === "running") text = left > 0 ? clock(left) : Cafe.t("worldcafe_time_up");
    else if (r.status === "paused") text = clock(left) + " · " + Cafe.t("worldcafe_paused");
    else if (r.status === "pending") text = clock(left) + " · " + Cafe.t("worldcafe_not_started");
    else text = Cafe.t("worldcafe_ended");
    el.dataset.state = r.status === "running" && left <= 0 ? "up" : r.status;
    el.dataset.seconds = left == null ? "" : String(Math.max(0, Math.round(left)));
    if (el.textContent !== text) el.textContent = text;
    el.setAttribute("aria-label", r.status === "running" && left > 0
      ? Cafe.t("worldcafe_time_left", { time: clock(left) }) : text);
  };

  var syncList = Cafe.syncList;

  function labelFor(root, labelSelector, fieldSelector, id) {
    var label = root.querySelector(labelSelector), field = root.querySelector(fieldSelector);
    field.id = id;
    label.htmlFor = id;
    return field;
  }

  function fillItem(node, item, tablesById) {
    Cafe.setText(node, ".wc-item-category", categoryLabel(item.category));
    node.dataset.category = item.category;
    Cafe.setText(node, ".wc-item-text", item.text);
    Cafe.setText(node, ".wc-item-behalf", item.on_behalf ? "(" + Cafe.t("worldcafe_said_by_other") + ")" : "");
    if (tablesById) Cafe.setText(node, ".wc-item-table", tableLabel(tablesById[item.table]));
  }

  /* ---------- phone ---------- */
  var phone = {
    mount: function (el, activity, ctx) {
      var root = Cafe.clone("tpl-worldcafe-phone");
      el.appendChild(root);
      Cafe.setText(root, ".activity-title", activity.title, activity.title_lang);
      el.countdown = new Countdown(root.querySelector(".wc-timer"));
      var text = labelFor(root, ".wc-text-label", ".wc-text", "wc-text-" + activity.id);
      text.dataset.draft = "worldcafe-" + activity.id;
      Cafe.keepDraft(text);
      var error = root.querySelector(".wc-error");
      root.querySelector(".wc-form").addEventListener("submit", function (event) {
        event.preventDefault();
        error.textContent = "";
        var checked = root.querySelector("input[name=wc-category]:checked");
        Cafe.send("worldcafe:harvest", {
          activity: activity.id, category: checked ? checked.value : "insight", text: text.value,
          said_by_other: root.querySelector(".wc-other").checked,
        }).then(function (answer) {
          if (!answer.ok) { error.textContent = answer.message; Cafe.announce(answer.message); return; }
          Cafe.clearDraft(text);
          root.querySelector(".wc-other").checked = false;
          Cafe.state.private[activity.id] = answer.mine;
          Cafe.announce(Cafe.t("worldcafe_saved"));
          Cafe.render();
        });
      });
      function seat(event) {
        Cafe.send(event, { activity: activity.id }).then(function (answer) {
          if (answer.ok) { Cafe.state.private[activity.id] = answer.mine; Cafe.render(); }
          else Cafe.announce(answer.message);
        });
      }
      root.querySelector(".wc-join").addEventListener("click", function () { seat("worldcafe:join_table"); });
      /* Leaving frees the seat for good: the phone asks first, in a native modal dialog
         (focus stays inside it, Escape means "stay"). */
      var dialog = root.querySelector(".wc-leave-dialog");
      root.querySelector(".wc-leave").addEventListener("click", function () {
        if (dialog && dialog.showModal) { dialog.returnValue = ""; dialog.showModal(); }
        else seat("worldcafe:leave");
      });
      if (dialog) dialog.addEventListener("close", function () {
        if (dialog.returnValue === "leave") seat("worldcafe:leave");
      });
      el.seat = seat;
      this.update(el, activity, ctx);
    },
    update: function (el, activity, ctx) {
      var data = activity.data || {}, mine = ctx.private || {};
      var round = data.round;
      var plenary = data.phase === "plenary";
      var go = el.querySelector(".wc-go");
      var table = mine.table;
      go.textContent = table ? (table.name ? Cafe.t("worldcafe_go_to_named", { table: table.name })
                                           : Cafe.t("worldcafe_go_to", { table: table.number })) : "";
      go.hidden = !table || plenary;
      go.dataset.table = table ? table.number : "";
      var hostNote = table && !plenary ? (mine.host ? Cafe.t("worldcafe_you_host")
        : mine.host_name ? Cafe.t("worldcafe_host_is", { name: mine.host_name }) : "") : "";
      Cafe.setText(el, ".wc-host-note", hostNote);
      /* Who writes this table's harvest, so nobody waits for a host who is not there. */
      var writers = "";
      if (table && !plenary) {
        if (data.harvest_by === "anyone") writers = Cafe.t("worldcafe_anyone_writes");
        else if (mine.host) writers = Cafe.t("worldcafe_you_write");
        else if (mine.host_name) writers = Cafe.t("worldcafe_host_writes", { name: mine.host_name });
        else writers = Cafe.t("worldcafe_no_writer");
      }
      Cafe.setText(el, ".wc-writers", writers);
      var status = "";
      if (mine.left) status = Cafe.t("worldcafe_left");
      else if (!table && mine.seatable) status = Cafe.t("worldcafe_seating");
      Cafe.setText(el, ".wc-status", status);
      el.querySelector(".wc-join").hidden = !(mine.left && round && round.status !== "ended" &&
                                              !round.plenary);
      el.querySelector(".wc-leave").hidden = !table || plenary;
      // Someone who arrives during a round asks for a table once; the server picks it.
      if (mine.seatable && !table && activity.status === "open" && el.askedRound !== mine.round) {
        el.askedRound = mine.round;
        el.seat("worldcafe:join_table");
      }
      /* Where the café stands, in plain words: before the tables, a round about to start,
         between rounds, over. */
      var state = "";
      if (activity.status === "closed") state = "closed";
      else if (!round) state = "setup";
      else if (!plenary && round.status === "pending") state = "pending";
      else if (!plenary && round.status === "ended") state = "between";
      el.querySelectorAll(".wc-state [data-state]").forEach(function (span) {
        span.hidden = span.dataset.state !== state;
      });
      el.querySelector(".wc-question-wrap").hidden = !round;
      Cafe.setText(el, ".wc-round", roundLabel(data));
      Cafe.setText(el, ".wc-question", round ? Cafe.pick(round.question_texts, round.question) : "",
                   round ? Cafe.pickLang(round.question_texts, round.question_lang) : null);
      el.countdown.set(round);
      el.querySelector(".wc-plenary-note").hidden = !plenary;
      el.querySelector(".wc-form").hidden = !(mine.can_write && !plenary);
      var harvest = mine.harvest || [];
      el.querySelector(".wc-harvest-wrap").hidden = !table || plenary;
      var list = el.querySelector(".wc-harvest");
      if (!harvest.length) {
        list.replaceChildren();
        var none = document.createElement("li");
        none.className = "wc-none help";
        none.dataset.key = "none";
        none.textContent = Cafe.t("worldcafe_no_harvest");
        list.appendChild(none);
        return;
      }
      syncList(list, harvest, function () { return Cafe.clone("tpl-worldcafe-harvest-item"); },
        function (node, item) { fillItem(node, item); });
    },
  };

  /* ---------- projector ---------- */
  var projector = {
    mount: function (el, activity) {
      el.appendChild(Cafe.clone("tpl-worldcafe-projector"));
      el.countdown = new Countdown(el.querySelector(".wc-countdown"));
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = activity.data || {};
      var plenary = data.phase === "plenary";
      Cafe.setText(el, ".wc-round", roundLabel(data) || activity.title);
      Cafe.setText(el, ".wc-question", data.round ? data.round.question : activity.prompt,
                   data.round ? data.round.question_lang : activity.prompt_lang);
      el.countdown.set(data.round);
      el.querySelector(".wc-waiting").hidden = data.phase !== "setup";
      var plan = el.querySelector(".wc-plan");
      plan.hidden = plenary || data.phase === "setup";
      var tables = data.tables || [];
      plan.dataset.size = tables.length > 12 ? "many" : tables.length > 6 ? "some" : "few";
      if (!plan.hidden) {
        syncList(plan, tables, function () { return Cafe.clone("tpl-worldcafe-plan-table"); },
          function (node, table) {
            Cafe.setText(node, ".wc-table-name", tableLabel(table));
            Cafe.setText(node, ".wc-table-host", table.host ? Cafe.t("worldcafe_host", { name: personLabel(table.host) }) : "");
            Cafe.setText(node, ".wc-table-count", table.count === 1 ? Cafe.t("worldcafe_person")
              : Cafe.t("worldcafe_people", { n: table.count }));
            var members = node.querySelector(".wc-table-members");
            members.replaceChildren();
            (table.members || []).forEach(function (person) {
              if (table.host && person.id === table.host.id) return;
              var li = document.createElement("li");
              li.textContent = personLabel(person);
              members.appendChild(li);
            });
          });
      }
      var wall = el.querySelector(".wc-plenary");
      wall.hidden = !plenary;
      if (plenary) renderThemes(wall.querySelector(".wc-themes"), data);
    },
  };

  function renderThemes(box, data) {
    var tablesById = {};
    (data.tables || []).forEach(function (t) { tablesById[t.id] = t; });
    var groups = (data.themes || []).map(function (t) { return { id: "t" + t.id, theme: t.id, title: t.title, items: [] }; });
    var other = { id: "none", theme: null, title: Cafe.t("worldcafe_no_theme"), items: [] };
    var byTheme = {};
    groups.forEach(function (g) { byTheme[g.theme] = g; });
    (data.harvest || []).forEach(function (item) { (byTheme[item.theme_id] || other).items.push(item); });
    groups.push(other);
    syncList(box, groups.filter(function (g) { return g.items.length; }),
      function () { return Cafe.clone("tpl-worldcafe-theme"); },
      function (node, group) {
        Cafe.setText(node, ".wc-theme-title", group.title);
        syncList(node.querySelector(".wc-theme-items"), group.items,
          function () { return Cafe.clone("tpl-worldcafe-wall-item"); },
          function (li, item) { fillItem(li, item, tablesById); });
      });
  }

  /* ---------- console ---------- */
  /* Each round control is enabled only when it would do something now. */
  function controls(el, activity) {
    var data = activity.data || {};
    var open = activity.status === "open";
    var round = data.round;
    var status = round ? round.status : "none";
    var total = data.rounds_total || 0;
    var atTables = total - (data.last_round_plenary ? 1 : 0);
    var done = status === "ended" && round.number >= total;
    var live = status === "running" || status === "paused";
    var can = {
      "worldcafe:allocate": !round || status === "pending" || (status === "ended" && round.number < atTables),
      "worldcafe:start": !done && status !== "running",
      "worldcafe:pause": status === "running",
      "worldcafe:extend": live || status === "pending",
      "worldcafe:end": live,
    };
    el.querySelectorAll("[data-command]").forEach(function (button) {
      button.disabled = !open || !can[button.dataset.command];
    });
  }

  function setOptions(select, options, value) {
    var key = JSON.stringify(options);
    if (select.dataset.options !== key && document.activeElement !== select) {
      select.replaceChildren();
      options.forEach(function (o) {
        var option = document.createElement("option");
        option.value = o[0];
        option.textContent = o[1];
        select.appendChild(option);
      });
      select.dataset.options = key;
    }
    if (document.activeElement !== select) {
      select.value = value == null ? "" : String(value);
      if (select.selectedIndex === -1 && options.length) select.selectedIndex = 0;
    }
  }

  /* The café's view is not sent again when someone joins; the session's participant counts
     are. The rule is the one of cafe/domain/rotation/sizing.py: at most five a table, and a
     table of fewer than three is too small. */
  function liveSizing(data) {
    var sizing = Object.assign({}, data.sizing || {});
    var counts = Cafe.state.participants;
    if (counts && typeof counts.joined === "number") {
      var left = (data.participants || []).filter(function (p) { return p.left; }).length;
      sizing.people = Math.max(0, counts.joined - left);
      sizing.proposed = Math.max(1, Math.min(200, Math.ceil(sizing.people / 5)));
      sizing.small = sizing.tables > 1 && sizing.people > 0 && Math.floor(sizing.people / sizing.tables) < 3;
    }
    return sizing;
  }

  /* The number of tables: a proposal for the people present (four or five a table), a
     warning when tables would hold fewer than three, and a field to choose another number. */
  function renderSizing(el, data) {
    var sizing = liveSizing(data);
    Cafe.setText(el, ".wc-sizing", sizing.people ? Cafe.t("worldcafe_proposal",
      { people: sizing.people, n: sizing.proposed }) : "");
    Cafe.setText(el, ".wc-sizing-warning", sizing.small ? Cafe.t("worldcafe_small_tables",
      { people: sizing.people, n: sizing.tables }) : "");
    var propose = el.querySelector(".wc-table-propose");
    propose.hidden = !sizing.people || sizing.proposed === sizing.tables;
    propose.dataset.tables = String(sizing.proposed || "");
    Cafe.setText(el, ".wc-table-propose", Cafe.t("worldcafe_use_tables", { n: sizing.proposed }));
    var field = el.querySelector(".wc-table-count");
    if (document.activeElement !== field && field.dataset.shown !== String(sizing.tables)) {
      field.value = sizing.tables || "";
      field.dataset.shown = String(sizing.tables);
    }
  }

  var console_ = {
    mount: function (el, activity) {
      var root = Cafe.clone("tpl-worldcafe-console");
      el.appendChild(root);
      Cafe.setText(root, ".activity-title", activity.title, activity.title_lang);
      el.countdown = new Countdown(root.querySelector(".wc-timer"));
      var error = root.querySelector(".wc-error");
      function send(event, payload) {
        error.textContent = "";
        return Cafe.send(event, Object.assign({ activity: activity.id }, payload || {})).then(function (answer) {
          if (!answer.ok) { error.textContent = answer.message; Cafe.announce(answer.message); }
          return answer;
        });
      }
      el.send = send;
      root.querySelectorAll("[data-command]").forEach(function (button) {
        button.addEventListener("click", function () {
          button.disabled = true;
          var extra = button.dataset.command === "worldcafe:extend" ? { minutes: 5 } : {};
          send(button.dataset.command, extra).then(function () {
            controls(root, Cafe.state.activities[activity.id]);
          });
        });
      });
      labelFor(root, ".wc-pair-a-label", ".wc-pair-a", "wc-pair-a-" + activity.id);
      labelFor(root, ".wc-pair-b-label", ".wc-pair-b", "wc-pair-b-" + activity.id);
      labelFor(root, ".wc-theme-label", ".wc-theme-title", "wc-theme-" + activity.id);
      labelFor(root, ".wc-board-label", ".wc-board", "wc-board-" + activity.id);
      function constraints(pairs) {
        return send("worldcafe:constraints", { keep_together: pairs,
          spread_roles: root.querySelector(".wc-spread").checked });
      }
      el.constraints = constraints;
      root.querySelector(".wc-spread").addEventListener("change", function () {
        constraints((Cafe.state.activities[activity.id].data.constraints || {}).keep_together || []);
      });
      root.querySelector(".wc-pair-add").addEventListener("click", function () {
        var a = parseInt(root.querySelector(".wc-pair-a").value, 10);
        var b = parseInt(root.querySelector(".wc-pair-b").value, 10);
        if (!a || !b) return;
        var pairs = ((Cafe.state.activities[activity.id].data.constraints || {}).keep_together || []).slice();
        pairs.push([a, b]);
        constraints(pairs);
      });
      function setTables(count) {
        if (count >= 1) send("worldcafe:tables", { tables: count });
      }
      root.querySelector(".wc-table-propose").addEventListener("click", function (event) {
        setTables(parseInt(event.target.dataset.tables, 10));
      });
      root.querySelector(".wc-table-count-set").addEventListener("click", function () {
        setTables(parseInt(root.querySelector(".wc-table-count").value, 10));
      });
      labelFor(root, ".wc-table-count-label", ".wc-table-count", "wc-table-count-" + activity.id);
      function onCounts() {
        if (!el.isConnected) { Cafe.socket.off("participants", onCounts); return; }
        var current = Cafe.state.activities[activity.id];
        if (current && current.data) renderSizing(el, current.data);
      }
      if (Cafe.socket) Cafe.socket.on("participants", onCounts);
      root.querySelector(".wc-theme-form").addEventListener("submit", function (event) {
        event.preventDefault();
        var field = root.querySelector(".wc-theme-title");
        send("worldcafe:theme_add", { title: field.value }).then(function (answer) {
          if (answer.ok) field.value = "";
        });
      });
      root.querySelector(".wc-send-button").addEventListener("click", function () {
        var board = parseInt(root.querySelector(".wc-board").value, 10);
        if (!board) return;
        send("worldcafe:to_board", { board: board }).then(function (answer) {
          if (answer.ok) {
            var text = Cafe.t("worldcafe_sent", { n: answer.sent });
            Cafe.setText(root, ".wc-send-status", text);
            Cafe.announce(text);
          }
        });
      });
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = activity.data || {};
      controls(el, activity);
      el.querySelector(".wc-closed").hidden = activity.status === "open";
      el.countdown.set(data.round);
      var statuses = data.statuses || {};
      syncList(el.querySelector(".wc-rounds"), (data.rounds || []).map(function (r) { return Object.assign({ id: r.number }, r); }),
        function () { return Cafe.clone("tpl-worldcafe-console-round"); },
        function (node, r) {
          var question = (r.plenary ? Cafe.t("worldcafe_plenary") + ": " : "") + r.question + " (" + r.minutes + "′)";
          Cafe.setText(node, ".wc-round-question", question);
          var status = statuses[r.number] || "none";
          var badge = Cafe.setText(node, ".wc-round-status", Cafe.t("worldcafe_status_" + status));
          badge.dataset.status = status;
        });
      var notes = [];
      if (data.round && !data.round.plenary) notes.push(Cafe.t("worldcafe_repeats", { n: data.repeats || 0 }));
      if ((data.tables || []).some(function (t) { return t.count > data.capacity; })) {
        notes.push(Cafe.t("worldcafe_over_capacity", { n: data.capacity }));
      }
      Cafe.setText(el, ".wc-repeats", notes.join(" "));
      /* Before a round starts: a table whose harvest nobody may write (only hosts may, and it
         has none) would collect nothing. */
      var status = data.round ? data.round.status : "none";
      var before = status === "none" || status === "pending" ||
        (status === "ended" && data.round.number < (data.rounds_total || 0));
      var nobody = (data.nobody_writes || []);
      Cafe.setText(el, ".wc-writers-warning", before && nobody.length && data.phase !== "plenary"
        ? Cafe.t("worldcafe_nobody_writes", { tables: nobody.join(", ") }) : "");
      var planned = data.planned_hosts || [];
      el.querySelector(".wc-planned-hosts").hidden = !planned.length;
      Cafe.setText(el, ".wc-planned-names", planned.join(", "));
      var people = data.participants || [];
      var byId = {};
      people.forEach(function (p) { byId[p.id] = p; });
      var options = [["", Cafe.t("worldcafe_nobody")]].concat(people.filter(function (p) { return !p.left; })
        .map(function (p) { return [String(p.id), personLabel(p) + (p.role ? " · " + Cafe.t("role_" + p.role) : "")]; }));
      renderSizing(el, data);
      /* Before the café first opens its tables have no id yet: they are keyed by number, so
         each is listed once (keyed by id alone, they all shared one key and piled up). */
      var consoleTables = (data.tables || []).map(function (t) {
        return Object.assign({}, t, { id: t.id == null ? "n" + t.number : t.id, tableId: t.id });
      });
      syncList(el.querySelector(".wc-console-tables"), consoleTables,
        function (table) {
          var node = Cafe.clone("tpl-worldcafe-console-table");
          labelFor(node, ".wc-host-label", ".wc-host", "wc-host-" + table.id);
          node.querySelector(".wc-host").disabled = table.tableId == null;
          node.querySelector(".wc-host").addEventListener("change", function (event) {
            var value = parseInt(event.target.value, 10);
            el.send("worldcafe:host", { table: table.tableId, participant: value || null });
          });
          return node;
        },
        function (node, table) {
          Cafe.setText(node, ".wc-table-name", tableLabel(table) + " · " + (table.count === 1
            ? Cafe.t("worldcafe_person") : Cafe.t("worldcafe_people", { n: table.count })));
          setOptions(node.querySelector(".wc-host"), options, table.host ? table.host.id : "");
          Cafe.setText(node, ".wc-table-members", (table.members || []).map(personLabel).join(", "));
        });
      el.querySelector(".wc-spread").checked = !!(data.constraints || {}).spread_roles;
      var pairs = (data.constraints || {}).keep_together || [];
      syncList(el.querySelector(".wc-pairs"), pairs.map(function (p) { return { id: p[0] + "-" + p[1], pair: p }; }),
        function (row) {
          var li = Cafe.clone("tpl-worldcafe-console-pair");
          li.querySelector("button").addEventListener("click", function () {
            var current = (Cafe.state.activities[activity.id].data.constraints || {}).keep_together || [];
            el.constraints(current.filter(function (p) { return !(p[0] === row.pair[0] && p[1] === row.pair[1]); }));
          });
          return li;
        },
        function (li, row) {
          Cafe.setText(li, ".wc-pair-names", Cafe.t("worldcafe_pair", {
            a: personLabel(byId[row.pair[0]] || { id: row.pair[0] }), b: personLabel(byId[row.pair[1]] || { id: row.pair[1] }) }));
        });
      var everyone = people.map(function (p) { return [String(p.id), personLabel(p)]; });
      var a = el.querySelector(".wc-pair-a"), b = el.querySelector(".wc-pair-b");
      setOptions(a, everyone, a.value);
      setOptions(b, everyone, b.value);
      var tablesById = {};
      (data.tables || []).forEach(function (t) { tablesById[t.id] = t; });
      var themeOptions = [["", Cafe.t("worldcafe_no_theme")]].concat((data.themes || []).map(function (t) { return [String(t.id), t.title]; }));
      syncList(el.querySelector(".wc-console-harvest"), data.harvest || [],
        function (item) {
          var node = Cafe.clone("tpl-worldcafe-console-item");
          labelFor(node, ".wc-item-theme-label", ".wc-item-theme", "wc-item-theme-" + item.id);
          node.querySelector(".wc-item-theme").addEventListener("change", function (event) {
            var value = parseInt(event.target.value, 10);
            Cafe.send("worldcafe:item_theme", { item: item.id, theme: value || null });
          });
          node.querySelector(".wc-item-remove").setAttribute("aria-label", Cafe.t("worldcafe_remove_item", { text: item.text }));
          node.querySelector(".wc-item-remove").addEventListener("click", function () {
            Cafe.send("worldcafe:harvest_remove", { item: item.id });
          });
          return node;
        },
        function (node, item) {
          fillItem(node, item, tablesById);
          Cafe.setText(node, ".wc-item-card", item.card_id ? "· " + Cafe.t("worldcafe_on_card") : "");
          setOptions(node.querySelector(".wc-item-theme"), themeOptions, item.theme_id || "");
        });
      var boards = (data.boards || []).map(function (bd) { return [String(bd.id), bd.title]; });
      var boardSelect = el.querySelector(".wc-board");
      setOptions(boardSelect, boards, boardSelect.value || (boards[0] && boards[0][0]));
      el.querySelector(".wc-send").hidden = !boards.length;
    },
  };

  Cafe.register("worldcafe", {
    phone: phone, projector: projector, console: console_,
    /* The console's searchable, paged moderation list. */
    consoleLists: [{ list: ".wc-console-harvest", text: ".wc-item-text", status: "board_status_" }],
    /* The table plan, or the plenary wall, a screenful at a time. */
    fit: { pages: ".wc-plan:not([hidden]) .wc-table, .wc-plenary:not([hidden]) .wc-wall-item" },
  });
})();
