/* Burning platform: cards (needs and talents) from phones, the wall or word cloud on the
   projector, moderation on the console. User text goes in with textContent only. */
(function () {
  "use strict";

  var uid = 0;
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }

  var syncList = Cafe.syncList;

  function typeLabel(type) { return Cafe.t("board_type_" + type); }
  function blockLabel(block) { return block ? Cafe.t("board_block_" + block) : ""; }

  function fillBlocks(select, blocks) {
    if (select.options.length === blocks.length + 1) return;
    select.replaceChildren();
    /* The phone says it in plain words (data-none); the console keeps the method's term. */
    select.appendChild(new Option(select.dataset.none || Cafe.t("board_no_block"), ""));
    blocks.forEach(function (block) { select.appendChild(new Option(blockLabel(block), block)); });
  }

  function common(el, activity) {
    Cafe.setText(el, ".activity-title", activity.title, activity.title_lang);
    Cafe.setText(el, ".board-prompt", activity.prompt, activity.prompt_lang);
    return activity.data || {};
  }

  function showError(el, message) {
    var error = el.querySelector(".board-error");
    error.textContent = message || "";
    if (message) Cafe.announce(message);
  }

  /* ---------- phone ---------- */
  var phone = {
    mount: function (el, activity, ctx) {
      var data = activity.data || {};
      var root = Cafe.clone("tpl-board-phone");
      el.appendChild(root);
      var form = root.querySelector(".board-form");
      var choices = root.querySelector(".board-type-choices");
      var group = nextId("board-type");
      data.card_types.forEach(function (type, index) {
        var choice = Cafe.clone("tpl-board-type-" + type);
        var input = choice.querySelector("input");
        input.name = group;
        if (data.card_types.length === 1 || index === 0) input.checked = true;
        choices.appendChild(choice);
      });
      root.querySelector(".board-types").hidden = data.card_types.length === 1;

      var block = root.querySelector(".board-block");
      block.id = nextId("board-block");
      root.querySelector(".board-block-label").htmlFor = block.id;
      fillBlocks(block, data.blocks || []);
      root.querySelector(".board-block-wrap").hidden = !(data.blocks || []).length;

      var text = root.querySelector(".board-text");
      text.id = nextId("board-text");
      root.querySelector(".board-text-label").htmlFor = text.id;
      text.maxLength = data.max_length;
      text.dataset.draft = "board-" + activity.id;
      Cafe.keepDraft(text);
      function counter() {
        var max = (Cafe.state.activities[activity.id].data || {}).max_length || data.max_length;
        Cafe.setText(root, ".board-chars", Cafe.t("board_chars_left", { n: max - text.value.length }));
      }
      text.addEventListener("input", counter);
      counter();

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var checked = form.querySelector(".board-type input:checked");
        var send = form.querySelector(".board-send");
        showError(el, "");
        send.disabled = true;
        Cafe.send("card:add", {
          activity: activity.id,
          type: checked ? checked.value : "",
          text: text.value,
          block: block.value || null,
        }).then(function (answer) {
          send.disabled = false;
          if (!answer.ok) { showError(el, answer.message); return; }
          Cafe.clearDraft(text);
          counter();
          block.value = "";
          Cafe.announce(Cafe.t(answer.status === "pending" ? "board_sent_pending" : "board_sent"));
          Cafe.state.private[activity.id] = answer.mine;
          Cafe.render();
          text.focus();
        });
      });
      this.update(el, activity, ctx);
    },
    update: function (el, activity, ctx) {
      common(el, activity);
      var mine = ctx.private || {};
      var open = activity.status === "open";
      el.querySelector(".board-closed").hidden = open;
      var full = open && mine.remaining === 0;
      el.querySelectorAll(".board-form input, .board-form select, .board-form textarea, .board-send")
        .forEach(function (control) { control.disabled = !open || full; });
      Cafe.setText(el, ".board-remaining", mine.remaining == null ? "" :
        mine.remaining ? Cafe.t("board_remaining", { n: mine.remaining }) : Cafe.t("board_none_left"));
      var cards = mine.cards || [];
      el.querySelector(".board-mine-wrap").hidden = cards.length === 0;
      syncList(el.querySelector(".board-mine"), cards,
        function (card) {
          var li = Cafe.clone("tpl-board-mine-item");
          li.querySelector(".board-withdraw").addEventListener("click", function (event) {
            var button = event.currentTarget;
            button.disabled = true;
            Cafe.send("card:withdraw", { card: card.id }).then(function (answer) {
              button.disabled = false;
              if (!answer.ok) { showError(el, answer.message); return; }
              Cafe.announce(Cafe.t("board_withdrawn"));
              Cafe.state.private[activity.id] = answer.mine;
              Cafe.render();
            });
          });
          return li;
        },
        function (li, card) {
          li.dataset.status = card.status;
          Cafe.setText(li, ".board-card-type", typeLabel(card.type) +
            (card.building_block ? " · " + blockLabel(card.building_block) : ""));
          Cafe.setText(li, ".board-card-status", Cafe.t("board_status_" + card.status));
          Cafe.setText(li, ".board-card-text", card.text);
          var button = li.querySelector(".board-withdraw");
          button.textContent = Cafe.t("board_withdraw");
          button.setAttribute("aria-label", Cafe.t("board_withdraw_card", { text: card.text }));
          button.hidden = !open;
        });
    },
  };

  /* ---------- projector ---------- */
  var ICONS = { need: "🔥", talent: "🌱" };
  var CLOUD_GAP = 3500; // ms between two loads of the cloud: the server renders at most every 3 s

  function cloudUrl(activity, version) {
    var config = Cafe.config;
    var params = new URLSearchParams({ v: version });
    if (config.key) params.set("key", config.key);
    return "/p/" + encodeURIComponent(config.session) + "/wordcloud/" + activity.id + ".png?" + params;
  }

  /* Load the newest cloud into a detached image first, so the old one stays up until then. */
  function refreshCloud(el, activity) {
    var cloud = el.cloudState || (el.cloudState = { shown: null, timer: null, last: 0 });
    var version = ((activity.data || {}).cloud || {}).version;
    if (!version || version === cloud.shown || cloud.timer) return;
    var wait = Math.max(0, cloud.last + CLOUD_GAP - Date.now());
    cloud.timer = setTimeout(function load() {
      var current = Cafe.state.activities[activity.id];
      var wanted = ((current && current.data || {}).cloud || {}).version;
      if (!wanted || wanted === cloud.shown) { cloud.timer = null; return; }
      var url = cloudUrl(activity, wanted);
      var probe = new Image();
      probe.onload = function () {
        el.querySelector(".board-cloud-img").src = url;
        cloud.shown = wanted;
        cloud.last = Date.now();
        cloud.timer = null;
        refreshCloud(el, Cafe.state.activities[activity.id]);
      };
      probe.onerror = function () { cloud.timer = setTimeout(load, CLOUD_GAP); };
      probe.src = url;
    }, wait);
  }

  /* The wall's grouping: the themes in use (in the themes' order), or none. */
  function wallGroups(data) {
    var cards = data.cards || [];
    var used = {};
    cards.forEach(function (card) { if (card.theme_id) used[card.theme_id] = true; });
    var groups = (data.themes || []).filter(function (t) { return used[t.id]; })
      .map(function (t) { return { id: t.id, title: t.title }; });
    var grouped = groups.length > 0;
    groups.push({ id: null, title: grouped ? Cafe.t("board_no_theme") : "" });
    return { used: used, groups: groups, grouped: grouped,
             signature: JSON.stringify([groups, data.card_types]) };
  }

  function projectorCard(card) {
    var li = Cafe.clone("tpl-board-card");
    li.dataset.card = card.id;
    li.dataset.type = card.type;
    Cafe.setText(li, ".board-card-text", card.text);
    Cafe.setText(li, ".board-card-block", blockLabel(card.building_block));
    Cafe.setText(li, ".board-card-merged", card.merged ? Cafe.t("board_merged_count", { n: card.merged }) : "");
    return li;
  }

  function renderWall(wall, data, layout) {
    var cards = data.cards || [];
    var used = layout.used, grouped = layout.grouped;
    wall.replaceChildren();
    wall.dataset.signature = layout.signature;
    layout.groups.forEach(function (group) {
      var inGroup = cards.filter(function (card) {
        return group.id === null ? !used[card.theme_id] : card.theme_id === group.id;
      });
      if (grouped && !inGroup.length) return;
      var section = Cafe.clone("tpl-board-group");
      section.dataset.group = group.id === null ? "" : String(group.id);
      var heading = Cafe.setText(section, ".board-group-title", group.title);
      heading.hidden = !grouped;
      var columns = section.querySelector(".board-columns");
      columns.dataset.count = data.card_types.length;
      data.card_types.forEach(function (type) {
        var column = Cafe.clone("tpl-board-column");
        column.dataset.type = type;
        Cafe.setText(column, ".board-column-icon", ICONS[type] || "");
        Cafe.setText(column, ".board-column-name", Cafe.t("board_types_" + type));
        var list = column.querySelector(".board-cards");
        inGroup.filter(function (card) { return card.type === type; }).forEach(function (card) {
          list.appendChild(projectorCard(card));
        });
        columns.appendChild(column);
      });
      wall.appendChild(section);
    });
  }

  /* Only the cards a patch changed (`changed`: their ids) are taken out and put back in their
     column, in id order; the rest of the wall stays as it is (a long wall is not rebuilt for
     one card). False: the grouping changed, the caller draws the whole wall. */
  function patchWall(wall, data, layout, changed) {
    if (wall.dataset.signature !== layout.signature) return false;
    var cards = data.cards || [];
    function find(id) {
      var lo = 0, hi = cards.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (cards[mid].id < id) lo = mid + 1; else hi = mid; }
      return cards[lo] && cards[lo].id === id ? cards[lo] : null;
    }
    var ok = true;
    Object.keys(changed).forEach(function (key) {
      var id = Number(key);
      var old = wall.querySelector('.board-card[data-card="' + id + '"]');
      if (old) old.remove();
      var card = find(id);
      if (!card || !ok) return;
      var group = layout.used[card.theme_id] ? String(card.theme_id) : "";
      var section = wall.querySelector('.board-group[data-group="' + group + '"]');
      var list = section && section.querySelector('.board-column[data-type="' + card.type + '"] .board-cards');
      if (!list) { ok = false; return; }
      var items = list.children, lo = 0, hi = items.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (Number(items[mid].dataset.card) < id) lo = mid + 1; else hi = mid; }
      list.insertBefore(projectorCard(card), items[lo] || null);
    });
    return ok;
  }

  var projector = {
    mount: function (el, activity) {
      el.appendChild(Cafe.clone("tpl-board-projector"));
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = common(el, activity);
      var cards = data.cards || [];
      var n = cards.length;
      el.dataset.density = n > 40 ? "high" : n > 16 ? "medium" : "low";
      Cafe.setText(el, ".board-count", Cafe.t("board_count", { n: n }));
      var cloudShown = data.display === "cloud" && !!data.cloud;
      var empty = el.querySelector(".board-empty");
      empty.hidden = n > 0;
      empty.textContent = n ? "" : Cafe.t(cloudShown ? "board_cloud_empty" : "board_no_cards");
      var wall = el.querySelector(".board-wall");
      var figure = el.querySelector(".board-cloud");
      wall.hidden = cloudShown;
      figure.hidden = !cloudShown || !n;
      var changed = Cafe.takeChanged(activity, "cards");
      if (!cloudShown) {
        var layout = wallGroups(data);
        if (!changed || !patchWall(wall, data, layout, changed)) renderWall(wall, data, layout);
        return;
      }
      var words = (data.cloud.top || []).join(", ");
      var alt = Cafe.t("board_cloud_alt", { words: words });
      el.querySelector(".board-cloud-img").alt = alt;
      Cafe.setText(el, ".board-cloud-caption", alt);
      refreshCloud(el, activity);
    },
  };

  /* ---------- console ---------- */
  var STATUS_ORDER = { pending: 0, visible: 1, hidden: 2, merged: 3 };

  function consoleSend(el, event, payload) {
    showError(el, "");
    return Cafe.send(event, payload).then(function (answer) {
      if (!answer.ok) showError(el, answer.message);
      return answer;
    });
  }

  function fillWho(select) {
    var assisted = ((Cafe.state.participants || {}).assisted) || [];
    var signature = assisted.map(function (p) { return p.id + ":" + (p.name || ""); }).join("|");
    if (select.dataset.signature === signature && select.options.length) return;
    var chosen = select.value;
    select.replaceChildren(new Option(Cafe.t("board_facilitator"), ""));
    assisted.forEach(function (p) { select.appendChild(new Option(p.name || "#" + p.id, String(p.id))); });
    select.value = chosen;
    if (select.value !== chosen) select.value = "";
    select.dataset.signature = signature;
  }

  function fillThemes(select, themes, value) {
    var signature = themes.map(function (t) { return t.id + ":" + t.title; }).join("|");
    if (select.dataset.signature !== signature) {
      select.replaceChildren(new Option(Cafe.t("board_theme_none"), ""));
      themes.forEach(function (t) { select.appendChild(new Option(t.title, String(t.id))); });
      select.dataset.signature = signature;
    }
    if (document.activeElement !== select) select.value = value ? String(value) : "";
  }

  function consoleCard(el, activity, card) {
    var li = Cafe.clone("tpl-board-console-card");
    function send(event, extra) {
      return consoleSend(el, event, Object.assign({ card: card.id }, extra || {}));
    }
    li.querySelector(".board-card-approve").addEventListener("click", function () { send("card:show"); });
    li.querySelector(".board-card-show").addEventListener("click", function () { send("card:show"); });
    li.querySelector(".board-card-hide").addEventListener("click", function () { send("card:hide"); });
    var editor = li.querySelector(".board-card-edit");
    var editText = li.querySelector(".board-card-edit-text");
    li.querySelector(".board-card-edit-open").addEventListener("click", function () {
      editText.value = li.querySelector(".board-card-text").textContent;
      editor.hidden = false;
      editText.focus();
    });
    li.querySelector(".board-card-cancel").addEventListener("click", function () { editor.hidden = true; });
    li.querySelector(".board-card-save").addEventListener("click", function () {
      send("card:edit", { text: editText.value }).then(function (answer) { if (answer.ok) editor.hidden = true; });
    });
    li.querySelector(".board-card-merge").addEventListener("click", function () {
      el.merging = { id: card.id, text: li.querySelector(".board-card-text").textContent };
      console_.update(el, Cafe.state.activities[activity.id]);
    });
    li.querySelector(".board-card-merge-here").addEventListener("click", function () {
      var source = el.merging && el.merging.id;
      el.merging = null;
      console_.update(el, Cafe.state.activities[activity.id]);
      if (source) consoleSend(el, "card:merge", { source: source, target: card.id });
    });
    li.querySelector(".board-card-theme").addEventListener("change", function (event) {
      send("card:theme", { theme: event.target.value ? Number(event.target.value) : null });
    });
    return li;
  }

  function updateConsoleCard(el, li, card, themes) {
    var merging = el.merging;
    li.dataset.status = card.status;
    Cafe.setText(li, ".board-card-type", typeLabel(card.type));
    Cafe.setText(li, ".board-card-status", Cafe.t("board_status_" + card.status));
    Cafe.setText(li, ".board-card-block", card.building_block ? "· " + blockLabel(card.building_block) : "");
    Cafe.setText(li, ".board-card-entered", card.entered_by === "participant" ? "" :
      "· " + Cafe.t("board_entered_" + card.entered_by));
    Cafe.setText(li, ".board-card-text", card.text);
    var original = li.querySelector(".board-card-original");
    original.hidden = !card.original_text;
    original.textContent = card.original_text ? Cafe.t("board_edited", { text: card.original_text }) : "";
    var merged = li.querySelector(".board-card-merged");
    merged.hidden = !card.merged_into && !card.merged;
    merged.textContent = card.merged_into ? Cafe.t("board_merged_into", { id: card.merged_into }) :
      card.merged ? Cafe.t("board_merged_count", { n: card.merged }) : "";
    var visible = card.status === "visible";
    li.querySelector(".board-card-approve").hidden = card.status !== "pending";
    li.querySelector(".board-card-show").hidden = card.status !== "hidden" && card.status !== "merged";
    li.querySelector(".board-card-hide").hidden = card.status === "hidden" || card.status === "merged";
    li.querySelector(".board-card-edit-open").hidden = card.status === "merged";
    li.querySelector(".board-card-merge").hidden = !!merging || card.status === "merged";
    li.querySelector(".board-card-merge-here").hidden = !merging || merging.id === card.id || !visible;
    fillThemes(li.querySelector(".board-card-theme"), themes, card.theme_id);
    li.querySelector(".board-card-theme-label").hidden = card.status === "merged";
  }

  var console_ = {
    mount: function (el, activity) {
      var root = Cafe.clone("tpl-board-console");
      el.appendChild(root);
      var data = activity.data || {};
      root.querySelector(".board-show-wall").addEventListener("click", function () {
        consoleSend(el, "board:display", { activity: activity.id, display: "wall" });
      });
      root.querySelector(".board-show-cloud").addEventListener("click", function () {
        consoleSend(el, "board:display", { activity: activity.id, display: "cloud" });
      });
      var type = root.querySelector(".board-add-type");
      data.card_types.forEach(function (t) { type.appendChild(new Option(typeLabel(t), t)); });
      var block = root.querySelector(".board-add-block");
      fillBlocks(block, data.blocks || []);
      root.querySelector(".board-add-block-wrap").hidden = !(data.blocks || []).length;
      var addText = root.querySelector(".board-add-text");
      addText.maxLength = data.max_length;
      root.querySelector(".board-add-form").addEventListener("submit", function (event) {
        event.preventDefault();
        var who = root.querySelector(".board-add-who").value;
        var payload = { activity: activity.id, type: type.value, text: addText.value, block: block.value || null };
        if (who) payload.on_behalf = Number(who);
        consoleSend(el, "card:add", payload).then(function (answer) {
          if (answer.ok) { addText.value = ""; block.value = ""; }
        });
      });
      var title = root.querySelector(".board-theme-title");
      root.querySelector(".board-theme-form").addEventListener("submit", function (event) {
        event.preventDefault();
        consoleSend(el, "theme:add", { activity: activity.id, title: title.value }).then(function (answer) {
          if (answer.ok) title.value = "";
        });
      });
      root.querySelector(".board-merge-cancel").addEventListener("click", function () {
        el.merging = null;
        console_.update(el, Cafe.state.activities[activity.id]);
      });
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = common(el, activity);
      var counts = data.counts || {};
      Cafe.setText(el, ".board-summary", ["visible", "pending", "hidden", "merged"].map(function (s) {
        return Cafe.t("board_status_" + s) + ": " + (counts[s] || 0);
      }).join(" · "));
      var display = el.querySelector(".board-display");
      display.hidden = !data.wordcloud;
      var wall = el.querySelector(".board-show-wall");
      var cloud = el.querySelector(".board-show-cloud");
      wall.setAttribute("aria-pressed", String(data.display !== "cloud"));
      cloud.setAttribute("aria-pressed", String(data.display === "cloud"));
      wall.disabled = data.display !== "cloud";  /* what is shown already needs no button */
      cloud.disabled = data.display === "cloud";
      fillWho(el.querySelector(".board-add-who"));
      var themes = data.themes || [];
      syncList(el.querySelector(".board-themes"), themes,
        function (theme) {
          var li = Cafe.clone("tpl-board-theme-item");
          var name = li.querySelector(".board-theme-name");
          li.querySelector(".board-theme-rename").addEventListener("click", function () {
            consoleSend(el, "theme:rename", { theme: theme.id, title: name.value });
          });
          li.querySelector(".board-theme-delete").addEventListener("click", function () {
            if (window.confirm(Cafe.t("board_delete_theme_confirm", { title: name.value }))) {
              consoleSend(el, "theme:delete", { theme: theme.id });
            }
          });
          return li;
        },
        function (li, theme) {
          var name = li.querySelector(".board-theme-name");
          if (document.activeElement !== name) name.value = theme.title;
        });
      var merging = el.merging;
      var banner = el.querySelector(".board-merge-banner");
      banner.hidden = !merging;
      Cafe.setText(el, ".board-merge-text", merging ? Cafe.t("board_merge_pick", { text: merging.text }) : "");
      var cards = (data.cards || []).slice().sort(function (a, b) {
        return (STATUS_ORDER[a.status] - STATUS_ORDER[b.status]) || (a.id - b.id);
      });
      syncList(el.querySelector(".board-console-cards"), cards,
        function (card) { return consoleCard(el, activity, card); },
        function (li, card) { updateConsoleCard(el, li, card, themes); });
    },
  };

  Cafe.register("board", {
    phone: phone, projector: projector, console: console_,
    /* The console's searchable, paged moderation list. */
    consoleLists: [{ list: ".board-console-cards", text: ".board-card-text", status: "board_status_" }],
    /* The projector shows the wall a screenful at a time. */
    fit: { pages: ".board-wall:not([hidden]) .board-card", clamp: ".board-prompt" },
  });
})();
