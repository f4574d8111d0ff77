/* Buurtcafé live client core: connection, retries with client event ids, rendering shell. */
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : {};
  }

  /* A phone page that came as the answer to the join form or to a re-scan (/j/<code>) shows
     its own address (/s/<code>): a reload asks for the page and never posts the form again. */
  var address = document.querySelector('meta[name="cafe-address"]');
  if (address && window.history && history.replaceState && location.pathname !== address.content) {
    history.replaceState(null, "", address.content);
  }

  var config = readJson("cafe-config");
  var messages = readJson("cafe-messages");
  var Cafe = (window.Cafe = { config: config, kinds: {}, state: null, socket: null });

  Cafe.t = function (key, vars) {
    var text = messages[key] || key;
    Object.keys(vars || {}).forEach(function (k) {
      text = text.split("%(" + k + ")s").join(String(vars[k]));
    });
    return text;
  };

  Cafe.register = function (name, renderers) {
    Cafe.kinds[name] = renderers;
  };

  /* Keep a list's nodes keyed by each row's `key` (else its `id`), so what is on screen does
     not flicker as the list grows and focus and open editors survive updates. create(row)
     makes a new node; update(node, row, index) fills it. */
  Cafe.syncList = function (list, rows, create, update) {
    var existing = {};
    Array.prototype.slice.call(list.children).forEach(function (node) {
      // Two nodes under one key: only one can be kept, the other would stay on screen forever.
      if (existing[node.dataset.key]) node.remove();
      else existing[node.dataset.key] = node;
    });
    rows.forEach(function (row, index) {
      var key = String(row.key != null ? row.key : row.id);
      var node = existing[key] || create(row);
      node.dataset.key = key;
      delete existing[key];
      update(node, row, index);
      if (list.children[index] !== node) list.insertBefore(node, list.children[index] || null);
    });
    Object.keys(existing).forEach(function (key) { existing[key].remove(); });
  };

  /* Apply a versioned patch (cafe/live/patches.py) to an activity we hold: its `data` keys
     replace ours, `merge` keys are merged into our objects of that name, each list in `lists`
     gets its rows put (replaced or inserted by id, keeping the list ordered by id) and
     removed, and each ranking in `ranked` (a dotted path: "results.ranking") gets its rows
     put, the rows of `dropped` ids taken out, and is ranked again (Cafe.rerank; one we lack
     starts from `blank.from` with the fields of `blank.row` in every row). The ids put or removed are kept in
     `activity.changed[list]` until a renderer takes them (Cafe.takeChanged), so a long list
     is redrawn where it changed only. False: a version is missing in between, or the patch
     names a ranking we do not hold; the caller asks for the whole state. */
  Cafe.applyPatch = function (activity, patch) {
    var have = activity.version;
    if (have != null && patch.version <= have) return true;  // already in what we hold
    if (have == null || patch.version !== have + 1) return false;
    var data = activity.data || (activity.data = {});
    var ranked = patch.ranked || {};
    var holders = {};
    var blank = patch.blank;  // a ranking we lack starts as `from` with every row blank
    function at(path) {
      var parts = path.split("."), holder = data;
      for (var i = 0; i < parts.length - 1 && holder; i++) holder = holder[parts[i]];
      return [holder, parts[parts.length - 1]];
    }
    var base = blank ? at(blank.from) : null;
    var missing = Object.keys(ranked).some(function (path) {
      holders[path] = at(path);
      var holder = holders[path][0], key = holders[path][1];
      if (holder && Array.isArray(holder[key])) return false;
      return !(holder && base && base[0] && Array.isArray(base[0][base[1]]));
    });
    if (missing) return false;
    var blanks = base && base[0] && (base[0][base[1]] || []).map(function (row) {
      return Object.assign({}, row, blank.row);
    });
    activity.version = patch.version;
    Object.assign(data, patch.data || {});
    Object.keys(patch.merge || {}).forEach(function (name) {
      if (data[name]) Object.assign(data[name], patch.merge[name]);
    });
    var dropped = {};
    (patch.dropped || []).forEach(function (id) { dropped[id] = true; });
    Object.keys(ranked).forEach(function (path) {
      var held = holders[path];
      var rows = held[0][held[1]] || blanks.map(function (row) { return Object.assign({}, row); });
      rows = rows.filter(function (row) { return !dropped[row.id]; });
      held[0][held[1]] = Cafe.rerank(rows, ranked[path]);
    });
    var changed = activity.changed || (activity.changed = {});
    Object.keys(patch.lists || {}).forEach(function (name) {
      var change = patch.lists[name];
      var rows = data[name] || (data[name] = []);
      var ids = changed[name] || (changed[name] = {});
      function find(id) {  // rows are ordered by id: where `id` is or would go
        var lo = 0, hi = rows.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (rows[mid].id < id) lo = mid + 1; else hi = mid; }
        return lo;
      }
      (change.removed || []).concat((change.put || []).map(function (row) { return row.id; }))
        .forEach(function (id) {
          ids[id] = true;
          var at = find(id);
          if (rows[at] && rows[at].id === id) rows.splice(at, 1);
        });
      (change.put || []).forEach(function (row) { rows.splice(find(row.id), 0, row); });
    });
    return true;
  };

  /* The ids of `list` changed by patches since a renderer last drew it (an object of ids),
     and forgets them; null when the renderer must draw the whole list (nothing noted). */
  Cafe.takeChanged = function (activity, list) {
    var changed = activity.changed && activity.changed[list];
    if (changed) delete activity.changed[list];
    return changed || null;
  };

  /* A ranking with some rows replaced (or added) and ranked again as the server ranks it:
     best score first, no score last, ties in the items' order (by id), equal scores sharing
     a rank (1, 1, 3) and marked as tied. */
  Cafe.rerank = function (rows, put) {
    var byId = {};
    put.forEach(function (row) { byId[row.id] = row; });
    var next = rows.map(function (row) {
      var fresh = byId[row.id];
      if (!fresh) return row;
      delete byId[row.id];
      return Object.assign({}, row, fresh);
    });
    Object.keys(byId).forEach(function (id) { next.push(byId[id]); });
    next.sort(function (a, b) {
      var an = a.score == null, bn = b.score == null;
      if (an !== bn) return an ? 1 : -1;
      if (!an && a.score !== b.score) return b.score - a.score;
      return a.id - b.id;
    });
    var counts = {};
    next.forEach(function (row) { if (row.score != null) counts[row.score] = (counts[row.score] || 0) + 1; });
    var rank = 0, previous;
    next.forEach(function (row, index) {
      if (row.score == null) { row.rank = null; row.tied = false; return; }
      if (index === 0 || row.score !== previous) { rank = index + 1; previous = row.score; }
      row.rank = rank;
      row.tied = counts[row.score] > 1;
    });
    return next;
  };

  /* Clone a <template> by id: markup and translated words live in Jinja, data goes in as text. */
  Cafe.clone = function (id) {
    var tpl = document.getElementById(id);
    return tpl ? tpl.content.firstElementChild.cloneNode(true) : document.createElement("div");
  };

  /* `lang`, when given, is the language the text is written in: a text in another language
     than the page's (an untranslated fallback) is marked with it, so a screen reader reads it
     with the right voice (WCAG 3.1.2). */
  Cafe.setText = function (root, selector, text, lang) {
    var el = root.querySelector(selector);
    if (el) el.textContent = text == null ? "" : String(text);
    if (el && lang !== undefined) Cafe.markLang(el, lang);
    return el;
  };
  Cafe.markLang = function (el, lang) {
    if (lang && lang !== document.documentElement.lang) {
      if (el.lang !== lang) el.lang = lang;
      if (!el.hasAttribute("dir")) el.dir = "auto";
    } else if (el.hasAttribute("lang")) {
      el.removeAttribute("lang");
    }
  };

  Cafe.newId = function () {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  };

  /* A text the facilitator wrote in several languages: the reader's version, else the session's
     (the server already put it in `fallback`). */
  Cafe.lang = function () {
    return (Cafe.state && Cafe.state.me && Cafe.state.me.language) || document.documentElement.lang;
  };
  Cafe.pick = function (versions, fallback) {
    if (!versions) return fallback;
    var text = versions[Cafe.lang()];
    return text && text.trim() ? text : fallback;
  };
  /* The language of what `pick` returns: the reader's, or the fallback's (the server says which). */
  Cafe.pickLang = function (versions, fallbackLang) {
    var text = versions && versions[Cafe.lang()];
    return text && text.trim() ? Cafe.lang() : fallbackLang;
  };
  function localize(activity) {
    var texts = activity && activity.texts;
    if (!texts) return activity;
    activity.title_lang = Cafe.pickLang(texts.title, activity.title_lang);
    activity.title = Cafe.pick(texts.title, activity.title);
    activity.prompt_lang = Cafe.pickLang(texts.prompt, activity.prompt_lang);
    activity.prompt = Cafe.pick(texts.prompt, activity.prompt);
    return activity;
  }
  /* The session's title: `titles` holds the versions other than the session language's. */
  function localizeSession(session) {
    if (session && session.titles) {
      session.title_lang = Cafe.pickLang(session.titles, session.title_lang);
      session.title = Cafe.pick(session.titles, session.title);
    }
    return session;
  }

  /* Screen readers hear results and confirmations through one polite live region. */
  var liveRegion = document.createElement("div");
  liveRegion.className = "visually-hidden";
  liveRegion.id = "cafe-announce";
  liveRegion.setAttribute("aria-live", "polite");
  document.body.appendChild(liveRegion);
  Cafe.announce = function (text) {
    liveRegion.textContent = "";
    setTimeout(function () { liveRegion.textContent = text; }, 50);
  };

  function setStatus(kind, text) {
    var el = document.getElementById("conn-status");
    if (!el) return;
    el.textContent = text || "";
    el.dataset.state = kind;
  }

  /* Send an event and resolve with the server's answer. The same cid is reused on every retry,
     so the server applies it once even if an earlier try did arrive. */
  Cafe.send = function (event, payload) {
    var body = Object.assign({ cid: Cafe.newId() }, payload || {});
    var tries = 0;
    return new Promise(function (resolve) {
      function attempt() {
        tries += 1;
        Cafe.socket.timeout(10000).emit(event, body, function (err, answer) {
          if ((err || (answer && answer.retry)) && tries < 8) {
            setTimeout(attempt, Math.min(1000 * tries, 5000));
            return;
          }
          if (err) answer = { ok: false, error: "timeout", message: Cafe.t("not_saved") };
          resolve(answer);
        });
      }
      attempt();
    });
  };

  /* A kind's code and styles, fetched the first time the phone meets an activity of it (the
     page carries only the current activity's kind). Same-origin <script src> and <link>, so the
     strict CSP holds. Resolves once its scripts ran; a failed load may be tried again. */
  var loading = {};
  Cafe.loadKind = function (name) {
    var assets = (config.kind_assets || {})[name];
    if (Cafe.kinds[name] || !assets) return Promise.resolve();
    if (loading[name]) return loading[name];
    (assets.styles || []).forEach(function (href) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.appendChild(link);
    });
    /* Its templates and strings first: its code may use them as soon as it runs. */
    var part = !assets.part ? Promise.resolve() : fetch(assets.part, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(assets.part);
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.hidden = true;
        holder.innerHTML = html;
        var strings = holder.querySelector("script.kind-messages");
        if (strings) Object.assign(messages, JSON.parse(strings.textContent));
        document.body.appendChild(holder);
      });
    loading[name] = (assets.scripts || []).reduce(function (previous, src) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          script.onerror = function () { script.remove(); reject(new Error(src)); };
          document.head.appendChild(script);
        });
      });
    }, part).catch(function (err) {
      delete loading[name];
      throw err;
    });
    return loading[name];
  };

  /* The shell shared by phone, projector and console: keeps state, mounts the kind renderers. */
  Cafe.live = function (opts) {
    var state = (Cafe.state = { session: null, activities: {}, private: {}, me: null, participants: null });
    var stage = document.getElementById("stage");
    var mounted = { id: null, kind: null, el: null };

    function context(id) {
      return { audience: opts.audience, private: state.private[id] || {}, me: state.me, state: state };
    }

    /* A phone's header and tab carry the session's title: redrawn from every `state` and
       `session` message, so a title renamed in the editor reaches open phones without a
       reload. (Not in the editor's preview: its tab is the editor's.) */
    function showTitle() {
      if (opts.audience !== "phone" || !state.session) return;
      var title = state.session.title || "";
      var header = document.querySelector(".phone-title");
      if (header && header.textContent !== title) header.textContent = title;
      if (header) Cafe.markLang(header, state.session.title_lang);
      if (title && document.title !== title) document.title = title;
    }

    function render() {
      draw();
      if (state.session && opts.afterRender) opts.afterRender(state);
    }

    function draw() {
      if (!state.session) return;
      var id = opts.selected ? opts.selected(state) : state.session.current;
      var activity = state.activities[id];
      var renderer = activity && Cafe.kinds[activity.kind] && Cafe.kinds[activity.kind][opts.audience];
      if (activity && !Cafe.kinds[activity.kind] && (config.kind_assets || {})[activity.kind]) {
        /* Not loaded yet: wait on the waiting screen, then draw again (a failed load is
           tried again on the next message). */
        Cafe.loadKind(activity.kind).then(render, function () {});
      }
      if (!renderer) {
        if (mounted.id !== "waiting") {
          stage.replaceChildren(Cafe.clone("tpl-waiting"));
          mounted = { id: "waiting" };
        }
        return;
      }
      if (mounted.id !== activity.id || mounted.kind !== activity.kind) {
        var el = document.createElement("section");
        el.className = "activity activity-" + activity.kind;
        el.dataset.activity = activity.id;
        stage.replaceChildren(el);
        mounted = { id: activity.id, kind: activity.kind, el: el };
        renderer.mount(el, activity, context(activity.id));
      } else if (renderer.update) {
        renderer.update(mounted.el, activity, context(activity.id));
      } else {
        mounted.el.replaceChildren();
        renderer.mount(mounted.el, activity, context(activity.id));
      }
    }
    Cafe.render = render;

    /* The editor's preview: the real views with the activity's data, no connection, no sends. */
    if (config.preview || document.getElementById("cafe-preview")) {
      var shown = readJson("cafe-preview");
      state.me = shown.me || null;
      state.session = localizeSession(shown.session);
      state.activities = shown.activities || {};
      state.private = shown.private || {};  /* a kind's preview: one phone's own view */
      Object.keys(state.activities).forEach(function (id) { localize(state.activities[id]); });
      Cafe.send = function () { return Promise.resolve({ ok: false, error: "preview", message: "" }); };
      render();
      return state;
    }

    var socket = (Cafe.socket = io({
      auth: { session: config.session, view: config.view, key: config.key },
      /* A phone's connect is answered in the Engine.IO handshake itself (cafe/live/early.py):
         the state comes one round trip sooner, before the WebSocket upgrade can hold it up. */
      query: config.view === "phone" && config.session ? { phone: config.session } : {},
      reconnectionDelayMax: 5000,
    }));
    setStatus("connecting", Cafe.t("connecting"));
    socket.on("connect", function () { setStatus("connected", ""); });
    socket.on("disconnect", function () { setStatus("reconnecting", Cafe.t("reconnecting")); });
    socket.on("connect_error", function (err) {
      var code = err && err.data && err.data.error;
      if (code === "not_joined" && config.join_url) { window.location.href = config.join_url; return; }
      setStatus(code ? "error" : "reconnecting", code ? err.message : Cafe.t("reconnecting"));
      if (code) socket.disconnect();
    });
    socket.on("state", applyState);
    function applyState(full) {
      state.me = full.me || null;  // first: the texts below are picked in its language
      state.session = localizeSession(full.session);
      state.activities = full.activities || {};
      state.private = full.private || {};
      Object.keys(state.activities).forEach(function (id) { localize(state.activities[id]); });
      if (full.participants) { state.participants = full.participants; opts.onParticipants && opts.onParticipants(full.participants); }
      opts.onSession && opts.onSession(state.session);
      showTitle();
      render();
    }
    /* A patch after a gap in the versions: ask for everything once (one request at a time). */
    var asking = false;
    function askState() {
      if (asking) return;
      asking = true;
      socket.timeout(10000).emit("state:get", {}, function (err, answer) {
        asking = false;
        if (!err && answer && answer.ok) applyState(answer.state);
      });
    }
    socket.on("session", function (session) {
      state.session = localizeSession(session);
      opts.onSession && opts.onSession(session);
      showTitle();
      render();
    });
    socket.on("activity", function (activity) {
      var had = state.activities[activity.id];
      /* Older than patches already applied (two processes crossed): take it, then catch up. */
      if (had && had.version != null && activity.version < had.version) askState();
      state.activities[activity.id] = localize(activity);
      opts.onActivity && opts.onActivity(activity);
      render();
    });
    /* Only the tally of an activity changed (votes came in): merge it into what we have. */
    socket.on("tally", function (patch) {
      var activity = state.activities[patch.id];
      if (!activity) return;
      Object.assign(activity.data, patch.data);
      render();
    });
    /* A few items of an activity changed (one card): see Cafe.applyPatch. */
    socket.on("patch", function (patch) {
      var activity = state.activities[patch.id];
      if (!activity) return;
      if (!Cafe.applyPatch(activity, patch)) { askState(); return; }
      render();
    });
    socket.on("private", function (p) {
      state.private[p.activity] = p.data;
      render();
    });
    socket.on("participants", function (counts) {
      state.participants = counts;
      opts.onParticipants && opts.onParticipants(counts);
    });
    (opts.events || []).forEach(function (pair) { socket.on(pair[0], pair[1]); });
    return state;
  };

  Cafe.showCounts = function (counts) {
    var joined = document.getElementById("count-joined");
    var online = document.getElementById("count-online");
    if (joined) joined.textContent = counts.joined;
    if (online) online.textContent = counts.online;
  };

  /* Drafts survive reloads and a language switch: any field with data-draft is kept locally. */
  var draftKey = "cafe-drafts-" + (config.session || "");
  function drafts() {
    try { return JSON.parse(localStorage.getItem(draftKey) || "{}"); } catch (e) { return {}; }
  }
  Cafe.keepDraft = function (field) {
    var name = field.dataset.draft;
    var saved = drafts()[name];
    if (saved && !field.value) field.value = saved;
    field.addEventListener("input", function () {
      var all = drafts();
      all[name] = field.value;
      try { localStorage.setItem(draftKey, JSON.stringify(all)); } catch (e) { /* private mode */ }
    });
  };
  Cafe.clearDraft = function (field) {
    var all = drafts();
    delete all[field.dataset.draft];
    try { localStorage.setItem(draftKey, JSON.stringify(all)); } catch (e) { /* private mode */ }
    field.value = "";
  };
})();
