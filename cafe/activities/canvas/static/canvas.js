/* Canvases (theory of change, ICAMO): items from phones, edited and moved with the version they
   were based on, links and votes; the projector shows the canvas large; the console moderates.
   User text goes in with textContent only. */
(function () {
  "use strict";

  /* The printable page has a print button and no live connection. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-canvas-print]");
    if (button) window.print();
  });
  if (!window.Cafe || !Cafe.register) return;

  var uid = 0;
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }

  function language() { return (document.documentElement.lang || "en").split("-")[0]; }
  /* Template texts come in every language the file gives; the page's language, else English. */
  function pick(texts) {
    texts = texts || {};
    var lang = language();
    return texts[lang] || texts.en || texts.nl || texts.fr ||
      Object.keys(texts).map(function (k) { return texts[k]; })[0] || "";
  }

  function template(data) { return (data && data.template) || { fields: [], configurations: [] }; }
  function fieldOf(data, key) {
    return template(data).fields.filter(function (f) { return f.key === key; })[0];
  }
  function confOf(data, key) {
    return template(data).configurations.filter(function (c) { return c.key === key; })[0];
  }
  function votesText(n) { return n === 1 ? Cafe.t("canvas_vote_one") : Cafe.t("canvas_votes", { n: n }); }

  function link(label, control) {
    control.id = nextId("canvas");
    label.htmlFor = control.id;
  }

  /* Replace a select's options only when they changed, keeping the chosen value. */
  function fillSelect(select, options, value) {
    var signature = options.map(function (o) { return o[0] + "=" + o[1]; }).join("|");
    if (select.dataset.signature !== signature) {
      var chosen = select.value;
      select.replaceChildren();
      options.forEach(function (o) { select.appendChild(new Option(o[1], o[0])); });
      select.dataset.signature = signature;
      select.value = chosen;
    }
    if (value !== undefined) select.value = value == null ? "" : String(value);
    if (select.selectedIndex < 0 && select.options.length) select.selectedIndex = 0;
  }
  function fieldOptions(data) {
    return template(data).fields.map(function (f) { return [f.key, pick(f.label)]; });
  }
  function confOptions(data) {
    return template(data).configurations.map(function (c) { return [c.key, pick(c.label)]; });
  }

  function showError(el, message) {
    var error = el.querySelector(".canvas-error");
    if (error) error.textContent = message || "";
    if (message) Cafe.announce(message);
  }

  function findItem(activityId, itemId) {
    var activity = Cafe.state.activities[activityId];
    var sheets = (activity && activity.data && activity.data.canvases) || [];
    for (var s = 0; s < sheets.length; s += 1) {
      for (var i = 0; i < sheets[s].items.length; i += 1) {
        if (sheets[s].items[i].id === itemId) return { item: sheets[s].items[i], sheet: sheets[s] };
      }
    }
    return null;
  }

  function keepPrivate(activityId, answer) {
    if (answer && answer.mine) {
      Cafe.state.private[activityId] = answer.mine;
      Cafe.render();
    }
  }

  /* ---------- one item, on phones and the console ---------- */
  function createItem(el, activity, itemId, moderator) {
    var li = Cafe.clone("tpl-canvas-item");
    li.dataset.item = itemId;
    var editor = li.querySelector(".canvas-editor");
    var text = li.querySelector(".canvas-edit-text");
    var field = li.querySelector(".canvas-edit-field");
    var conf = li.querySelector(".canvas-edit-conf");
    var conflict = li.querySelector(".canvas-conflict");
    var yours = li.querySelector(".canvas-conflict-mine");
    var linker = li.querySelector(".canvas-linker");
    var target = li.querySelector(".canvas-link-target");
    link(li.querySelector(".canvas-edit-text-label"), text);
    link(li.querySelector(".canvas-edit-field-label"), field);
    link(li.querySelector(".canvas-edit-conf-label"), conf);
    link(li.querySelector(".canvas-link-label"), target);
    var base = null; // the item as it was when the editor opened: edits are based on it

    function data() { return (Cafe.state.activities[activity.id] || activity).data || {}; }
    function current() { var found = findItem(activity.id, itemId); return found && found.item; }
    function send(event, payload) {
      showError(el, "");
      return Cafe.send(event, payload).then(function (answer) {
        if (!answer.ok && answer.error !== "conflict") showError(el, answer.message);
        return answer;
      });
    }
    function fillEditor(item) {
      base = { version: item.version, text: item.text, field: item.field, configuration: item.configuration };
      text.value = item.text;
      fillSelect(field, fieldOptions(data()), item.field);
      fillSelect(conf, confOptions(data()), item.configuration);
      li.querySelector(".canvas-edit-conf-wrap").hidden = !template(data()).configurations.length;
    }
    function showConflict(answer, mine) {
      conflict.textContent = answer.message;
      yours.textContent = mine ? Cafe.t("canvas_conflict_yours", { text: mine }) : "";
      Cafe.announce(answer.message);
      fillEditor(answer.item);
    }

    li.querySelector(".canvas-edit-open").addEventListener("click", function () {
      var item = current();
      if (!item) return;
      conflict.textContent = "";
      yours.textContent = "";
      fillEditor(item);
      linker.hidden = true;
      editor.hidden = false;
      text.focus();
    });
    li.querySelector(".canvas-cancel").addEventListener("click", function () { editor.hidden = true; });
    li.querySelector(".canvas-save").addEventListener("click", function (event) {
      var button = event.currentTarget;
      var wanted = { text: text.value, field: field.value, configuration: conf.value || null };
      var configured = template(data()).configurations.length > 0;
      if (!configured) wanted.configuration = null;
      var step = Promise.resolve({ ok: true });
      button.disabled = true;
      if (wanted.text.trim() !== base.text) {
        step = send("canvas:edit", { item: itemId, version: base.version, text: wanted.text })
          .then(function (answer) { if (answer.ok) base.version = answer.item.version; return answer; });
      }
      step.then(function (answer) {
        if (!answer.ok || (wanted.field === base.field && wanted.configuration === base.configuration)) {
          return answer;
        }
        return send("canvas:move", { item: itemId, version: base.version, field: wanted.field,
                                     configuration: wanted.configuration });
      }).then(function (answer) {
        button.disabled = false;
        if (answer.error === "conflict") { showConflict(answer, wanted.text); return; }
        if (!answer.ok) return;
        editor.hidden = true;
        var moved = answer.item && answer.item.field !== base.field;
        Cafe.announce(moved ? Cafe.t("canvas_moved_to", { field: pick((fieldOf(data(), answer.item.field) || {}).label) })
                            : Cafe.t("canvas_saved"));
      });
    });

    li.querySelector(".canvas-link-open").addEventListener("click", function () {
      var found = findItem(activity.id, itemId);
      if (!found) return;
      var options = [["", Cafe.t("canvas_choose_item")]].concat(found.sheet.items
        .filter(function (other) { return other.id !== itemId; })
        .map(function (other) {
          var f = fieldOf(data(), other.field);
          return [String(other.id), Cafe.t("canvas_item_option", { field: f ? pick(f.label) : other.field, text: other.text })];
        }));
      fillSelect(target, options, "");
      editor.hidden = true;
      linker.hidden = false;
      target.focus();
    });
    li.querySelector(".canvas-link-cancel").addEventListener("click", function () { linker.hidden = true; });
    li.querySelector(".canvas-link-save").addEventListener("click", function () {
      if (!target.value) return;
      send("canvas:link", { source: itemId, target: Number(target.value) }).then(function (answer) {
        if (!answer.ok) return;
        linker.hidden = true;
        Cafe.announce(Cafe.t("canvas_linked"));
        keepPrivate(activity.id, answer);
      });
    });

    li.querySelector(".canvas-vote").addEventListener("click", function (event) {
      var support = event.currentTarget.getAttribute("aria-pressed") !== "true";
      send("canvas:vote", { item: itemId, support: support }).then(function (answer) {
        keepPrivate(activity.id, answer);
      });
    });
    li.querySelector(".canvas-delete").addEventListener("click", function () {
      var item = current();
      if (!item || !window.confirm(Cafe.t("canvas_delete_confirm", { text: item.text }))) return;
      send("canvas:delete", { item: itemId }).then(function (answer) {
        if (!answer.ok) return;
        Cafe.announce(Cafe.t("canvas_deleted"));
        keepPrivate(activity.id, answer);
      });
    });
    li.unlinkHandler = function (linkId) {
      send("canvas:unlink", { link: linkId }).then(function (answer) {
        if (!answer.ok) return;
        Cafe.announce(Cafe.t("canvas_unlinked"));
        keepPrivate(activity.id, answer);
      });
    };
    return li;
  }

  function updateItem(li, item, sheet, data, mine, moderator, writable) {
    Cafe.setText(li, ".canvas-item-text", item.text);
    var conf = item.configuration && confOf(data, item.configuration);
    Cafe.setText(li, ".canvas-item-conf", conf ? pick(conf.label) : "");
    var origin = moderator && item.entered_by && item.entered_by !== "participant" ?
      Cafe.t("canvas_entered_" + item.entered_by) : item.seeded ? Cafe.t("canvas_from_priorities") : "";
    Cafe.setText(li, ".canvas-item-origin", origin);
    Cafe.setText(li, ".canvas-item-votes", data.voting ? votesText(item.votes) : "");
    var own = (mine.items || []).indexOf(item.id) >= 0;
    var voted = (mine.votes || []).indexOf(item.id) >= 0;
    var vote = li.querySelector(".canvas-vote");
    vote.hidden = moderator || !data.voting || !writable;
    vote.setAttribute("aria-pressed", String(voted));
    vote.textContent = Cafe.t(voted ? "canvas_supported" : "canvas_support");
    vote.setAttribute("aria-label", Cafe.t("canvas_support_item", { text: item.text }));
    li.querySelector(".canvas-edit-open").hidden = !writable;
    li.querySelector(".canvas-link-open").hidden = !writable || sheet.items.length < 2;
    li.querySelector(".canvas-delete").hidden = !writable || !(moderator || own);
    if (!writable) {
      li.querySelector(".canvas-editor").hidden = true;
      li.querySelector(".canvas-linker").hidden = true;
    }
    var texts = {};
    sheet.items.forEach(function (other) { texts[other.id] = other.text; });
    var links = li.querySelector(".canvas-item-links");
    links.replaceChildren();
    sheet.links.filter(function (l) { return l.from === item.id && texts[l.to] !== undefined; })
      .forEach(function (l) {
        var row = Cafe.clone("tpl-canvas-item-link");
        Cafe.setText(row, ".canvas-item-link-text", "→ " + Cafe.t("canvas_leads_to") + ": " + texts[l.to]);
        var remove = row.querySelector(".canvas-unlink");
        remove.hidden = !writable || !(moderator || (mine.links || []).indexOf(l.id) >= 0);
        remove.setAttribute("aria-label", Cafe.t("canvas_remove_link", { text: texts[l.to] }));
        remove.addEventListener("click", function () { li.unlinkHandler(l.id); });
        links.appendChild(row);
      });
  }

  /* The fields of one canvas with their items; item nodes are kept by id, so an open editor
     survives updates, and a moved item keeps its node. */
  function renderFields(el, container, activity, sheet, mine, moderator, writable) {
    var data = activity.data || {};
    el.nodes = el.nodes || {};
    var seen = {};
    template(data).fields.forEach(function (f, index) {
      var section = container.querySelector('.canvas-field[data-field="' + f.key + '"]');
      if (!section) {
        section = Cafe.clone("tpl-canvas-field");
        section.dataset.field = f.key;
        Cafe.setText(section, ".canvas-field-title", pick(f.label));
        Cafe.setText(section, ".canvas-field-help", pick(f.help));
      }
      if (container.children[index] !== section) container.insertBefore(section, container.children[index] || null);
      var list = section.querySelector(".canvas-items");
      var items = sheet.items.filter(function (item) { return item.field === f.key; });
      items.forEach(function (item, position) {
        var li = el.nodes[item.id] || (el.nodes[item.id] = createItem(el, activity, item.id, moderator));
        seen[item.id] = true;
        updateItem(li, item, sheet, data, mine, moderator, writable);
        if (list.children[position] !== li) list.insertBefore(li, list.children[position] || null);
      });
      Cafe.setText(section, ".canvas-field-empty", items.length ? "" : Cafe.t("canvas_empty_field"));
    });
    Object.keys(el.nodes).forEach(function (id) {
      if (!seen[id] && container.contains(el.nodes[id])) { el.nodes[id].remove(); delete el.nodes[id]; }
    });
  }

  function setupAddForm(el, root, activity, chosenSheet, extra) {
    var form = root.querySelector(".canvas-add-form");
    var field = form.querySelector(".canvas-add-field");
    var conf = form.querySelector(".canvas-add-conf");
    var text = form.querySelector(".canvas-add-text");
    link(form.querySelector(".canvas-add-field-label"), field);
    link(form.querySelector(".canvas-add-conf-label"), conf);
    link(form.querySelector(".canvas-add-text-label"), text);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var sheet = chosenSheet();
      if (!sheet) return;
      var button = form.querySelector("button[type=submit]");
      var payload = Object.assign({ canvas: sheet.id, field: field.value, text: text.value,
                                    configuration: conf.value || null }, extra ? extra() : {});
      button.disabled = true;
      showError(el, "");
      Cafe.send("canvas:add", payload).then(function (answer) {
        button.disabled = false;
        if (!answer.ok) { showError(el, answer.message); return; }
        if (text.dataset.draft) Cafe.clearDraft(text); else text.value = "";
        text.dispatchEvent(new Event("input"));
        Cafe.announce(Cafe.t("canvas_added"));
        keepPrivate(activity.id, answer);
        text.focus();
      });
    });
    return { form: form, field: field, conf: conf, text: text };
  }

  function refreshAddForm(root, add, data) {
    fillSelect(add.field, fieldOptions(data));
    fillSelect(add.conf, confOptions(data));
    root.querySelector(".canvas-add-conf-wrap").hidden = !template(data).configurations.length;
    add.text.maxLength = data.max_length || 140;
    var help = root.querySelector(".canvas-add-help");
    if (help) help.textContent = pick((fieldOf(data, add.field.value) || {}).help);
  }

  /* ---------- phone ---------- */
  function chosenKey(activity) { return "cafe-canvas-" + Cafe.config.session + "-" + activity.id; }
  function chosen(activity) {
    var sheets = (activity.data || {}).canvases || [];
    var wanted = null;
    try { wanted = Number(localStorage.getItem(chosenKey(activity))); } catch (e) { /* private mode */ }
    return sheets.filter(function (s) { return s.id === wanted; })[0] ||
      sheets.filter(function (s) { return s.projected; })[0] || sheets[0] || null;
  }

  var phone = {
    mount: function (el, activity, ctx) {
      var root = Cafe.clone("tpl-canvas-phone");
      el.appendChild(root);
      var picker = root.querySelector(".canvas-pick");
      link(root.querySelector(".canvas-pick-label"), picker);
      picker.addEventListener("change", function () {
        try { localStorage.setItem(chosenKey(activity), picker.value); } catch (e) { /* private mode */ }
        el.querySelector(".canvas-fields").replaceChildren();
        el.nodes = {};
        Cafe.render();
      });
      el.add = setupAddForm(el, root, activity, function () { return chosen(Cafe.state.activities[activity.id]); });
      el.add.text.dataset.draft = "canvas-" + activity.id;
      Cafe.keepDraft(el.add.text);
      el.add.field.addEventListener("change", function () { refreshAddForm(root, el.add, Cafe.state.activities[activity.id].data); });
      el.add.text.addEventListener("input", function () {
        var max = ((Cafe.state.activities[activity.id] || activity).data || {}).max_length || 140;
        Cafe.setText(root, ".canvas-chars", Cafe.t("canvas_chars_left", { n: max - el.add.text.value.length }));
      });
      this.update(el, activity, ctx);
      el.add.text.dispatchEvent(new Event("input"));
    },
    update: function (el, activity, ctx) {
      var data = activity.data || {};
      var mine = ctx.private || {};
      Cafe.setText(el, ".activity-title", activity.title, activity.title_lang);
      Cafe.setText(el, ".canvas-prompt", activity.prompt, activity.prompt_lang);
      var sheets = data.canvases || [];
      var sheet = chosen(activity);
      el.querySelector(".canvas-none").hidden = !!sheet;
      el.querySelector(".canvas-pick-wrap").hidden = sheets.length < 2;
      fillSelect(el.querySelector(".canvas-pick"), sheets.map(function (s) { return [String(s.id), s.title]; }),
        sheet ? sheet.id : "");
      var open = activity.status === "open";
      var writable = !!sheet && open && !sheet.locked;
      Cafe.setText(el, ".canvas-status", !sheet ? "" : !open ? Cafe.t("canvas_closed_phone") :
        sheet.locked ? Cafe.t("canvas_locked_phone") : "");
      var form = el.querySelector(".canvas-add-form");
      form.hidden = !writable;
      refreshAddForm(el, el.add, data);
      Cafe.setText(el, ".canvas-votes-left", data.voting && writable ?
        Cafe.t("canvas_votes_left", { n: mine.votes_left == null ? data.votes_per_participant : mine.votes_left }) : "");
      if (sheet) renderFields(el, el.querySelector(".canvas-fields"), activity, sheet, mine, false, writable);
    },
  };

  /* ---------- projector ---------- */
  function card(item, data) {
    var li = Cafe.clone("tpl-canvas-card");
    li.dataset.item = item.id;
    if (item.seeded) li.dataset.seeded = "true";
    Cafe.setText(li, ".canvas-card-text", item.text);
    Cafe.setText(li, ".canvas-card-votes", data.voting && item.votes ? "▲ " + item.votes : "");
    return li;
  }

  function box(title, items, data, fieldKey, confKey) {
    var section = Cafe.clone("tpl-canvas-box");
    section.dataset.field = fieldKey;
    if (confKey) section.dataset.configuration = confKey;
    var heading = Cafe.setText(section, ".canvas-box-title", title);
    if (!title) heading.remove();
    var list = section.querySelector(".canvas-cards");
    items.forEach(function (item) { list.appendChild(card(item, data)); });
    return section;
  }

  function heading(text) {
    var h = Cafe.clone("tpl-canvas-heading");
    h.textContent = text;
    return h;
  }

  var projector = {
    mount: function (el, activity) {
      el.appendChild(Cafe.clone("tpl-canvas-projector"));
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = activity.data || {};
      var tpl = template(data);
      var sheet = (data.canvases || [])[0];
      Cafe.setText(el, ".activity-title", activity.title, activity.title_lang);
      el.querySelector(".canvas-none").hidden = !!sheet;
      Cafe.setText(el, ".canvas-sheet-title", sheet && sheet.title !== activity.title ? sheet.title : "");
      Cafe.setText(el, ".canvas-sheet-count", data.count > 1 ?
        "(" + Cafe.t("canvas_of", { n: data.index, total: data.count }) + ")" : "");
      el.querySelector(".canvas-lock-badge").hidden = !(sheet && sheet.locked);
      var board = el.querySelector(".canvas-board");
      board.replaceChildren();
      if (!sheet) return;
      var n = sheet.items.length;
      el.dataset.density = n > 40 ? "high" : n > 18 ? "medium" : "low";
      var configs = tpl.configurations;
      if (configs.length) {
        board.dataset.layout = "grid";
        board.style.gridTemplateColumns = "minmax(8vw, auto) repeat(" + configs.length + ", minmax(0, 1fr))";
        board.appendChild(heading(""));
        configs.forEach(function (c) { board.appendChild(heading(pick(c.label))).dataset.kind = "configuration"; });
        tpl.fields.forEach(function (f) {
          board.appendChild(heading(pick(f.label))).dataset.kind = "field";
          configs.forEach(function (c) {
            board.appendChild(box("", sheet.items.filter(function (i) {
              return i.field === f.key && i.configuration === c.key;
            }), data, f.key, c.key));
          });
        });
      } else {
        board.dataset.layout = "fields";
        board.style.gridTemplateColumns = "";
        tpl.fields.forEach(function (f) {
          board.appendChild(box(pick(f.label), sheet.items.filter(function (i) { return i.field === f.key; }),
            data, f.key, null));
        });
      }
      var texts = {};
      sheet.items.forEach(function (i) { texts[i.id] = i.text; });
      var links = sheet.links.filter(function (l) { return texts[l.from] !== undefined && texts[l.to] !== undefined; });
      el.querySelector(".canvas-links-wrap").hidden = !links.length;
      var list = el.querySelector(".canvas-links");
      list.replaceChildren();
      links.forEach(function (l) {
        var li = document.createElement("li");
        li.textContent = Cafe.t("canvas_link_row", { from: texts[l.from], to: texts[l.to] });
        list.appendChild(li);
      });
    },
  };

  /* ---------- console ---------- */
  function fillWho(select) {
    var assisted = ((Cafe.state.participants || {}).assisted) || [];
    fillSelect(select, [["", Cafe.t("canvas_facilitator")]].concat(assisted.map(function (p) {
      return [String(p.id), p.name || "#" + p.id];
    })));
  }

  function consoleSheet(el, activity, sheetId) {
    var section = Cafe.clone("tpl-canvas-sheet");
    section.dataset.canvas = sheetId;
    function command(event, payload) {
      showError(el, "");
      return Cafe.send(event, payload).then(function (answer) {
        if (!answer.ok) showError(el, answer.message);
        return answer;
      });
    }
    section.querySelector(".canvas-lock").addEventListener("click", function (event) {
      var locked = event.currentTarget.dataset.locked === "true";
      command("canvas:lock", { canvas: sheetId, locked: !locked });
    });
    section.querySelector(".canvas-project").addEventListener("click", function () {
      command("canvas:project", { canvas: sheetId });
    });
    section.querySelector(".canvas-print-link").href = "/console/sessions/" + Cafe.config.session_id +
      "/canvas/" + activity.id + "/print?canvas=" + sheetId;
    var who = section.querySelector(".canvas-add-who");
    link(section.querySelector(".canvas-add-who-label"), who);
    section.add = setupAddForm(el, section, activity, function () {
      var found = ((Cafe.state.activities[activity.id].data || {}).canvases || [])
        .filter(function (s) { return s.id === sheetId; });
      return found[0];
    }, function () { return who.value ? { on_behalf: Number(who.value) } : {}; });
    section.who = who;
    return section;
  }

  var console_ = {
    mount: function (el, activity) {
      el.appendChild(Cafe.clone("tpl-canvas-console"));
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = activity.data || {};
      Cafe.setText(el, ".activity-title", activity.title, activity.title_lang);
      Cafe.setText(el, ".canvas-prompt", activity.prompt, activity.prompt_lang);
      var sheets = data.canvases || [];
      el.querySelector(".canvas-none").hidden = sheets.length > 0;
      var container = el.querySelector(".canvas-sheets");
      el.sheets = el.sheets || {};
      el.nodes = el.nodes || {};
      sheets.forEach(function (sheet, index) {
        var section = el.sheets[sheet.id] || (el.sheets[sheet.id] = consoleSheet(el, activity, sheet.id));
        if (container.children[index] !== section) container.insertBefore(section, container.children[index] || null);
        Cafe.setText(section, ".canvas-sheet-title", sheet.title);
        var lock = section.querySelector(".canvas-lock");
        lock.dataset.locked = String(sheet.locked);
        lock.textContent = Cafe.t(sheet.locked ? "canvas_unlock" : "canvas_lock");
        Cafe.setText(section, ".canvas-sheet-state", Cafe.t(sheet.locked ? "canvas_locked" : "canvas_unlocked"));
        section.dataset.locked = String(sheet.locked);
        var project = section.querySelector(".canvas-project");
        project.setAttribute("aria-pressed", String(sheet.projected));
        project.disabled = !!sheet.projected;
        project.hidden = sheets.length < 2;
        refreshAddForm(section, section.add, data);
        fillWho(section.who);
        renderFields(el, section.querySelector(".canvas-fields"), activity, sheet, {}, true, true);
      });
    },
  };

  Cafe.register("canvas", {
    phone: phone, projector: projector, console: console_,
    /* A full box (and the list of links) turns its own pages. */
    fit: { boxPages: [[".canvas-box", ".canvas-card"], [".canvas-links-wrap", ".canvas-links li"]] },
  });
})();
