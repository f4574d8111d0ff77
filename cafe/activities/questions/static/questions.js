/* Questions from the room: phones ask and upvote, the projector shows the question being
   answered and the most upvoted ones, the console moderates. User text goes in with
   textContent only. */
(function () {
  "use strict";

  var uid = 0;
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }

  var syncList = Cafe.syncList;

  function common(el, activity) {
    Cafe.setText(el, ".activity-title", activity.title);
    Cafe.setText(el, ".q-prompt", activity.prompt);
    return activity.data || {};
  }

  function showError(el, message) {
    var error = el.querySelector(".q-error");
    error.textContent = message || "";
    if (message) Cafe.announce(message);
  }

  function asker(question) { return question.name || Cafe.t("q_anonymous"); }

  /* Most upvoted first (the older first among equals), or newest first: as the server sorts. */
  function sorted(rows, by) {
    return rows.slice().sort(function (a, b) {
      if (by === "newest") return b.id - a.id;
      return (b.votes - a.votes) || (a.id - b.id);
    });
  }

  /* ---------- phone ---------- */
  function phoneItem(el, activity) {
    var li = Cafe.clone("tpl-questions-phone-item");
    li.querySelector(".q-upvote").addEventListener("click", function (event) {
      var button = event.currentTarget;
      var up = button.getAttribute("aria-pressed") !== "true";
      button.disabled = true;
      showError(el, "");
      Cafe.send("questions:upvote", { activity: activity.id, question: Number(li.dataset.key), up: up })
        .then(function (answer) {
          button.disabled = false;
          if (!answer.ok) { showError(el, answer.message); return; }
          Cafe.announce(Cafe.t(up ? "q_upvoted" : "q_unvoted"));
          Cafe.state.private[activity.id] = answer.mine;
          Cafe.render();
        });
    });
    return li;
  }

  function updatePhoneItem(li, question, mine, open) {
    var voted = mine.voted.indexOf(question.id) >= 0;
    li.dataset.pinned = String(!!question.pinned);
    li.querySelector(".q-pinned-badge").hidden = !question.pinned;
    Cafe.setText(li, ".q-item-text", question.text);
    Cafe.setText(li, ".q-asker", asker(question));
    li.querySelector(".q-own").hidden = !mine.own[question.id];
    var button = li.querySelector(".q-upvote");
    button.setAttribute("aria-pressed", String(voted));
    /* The name stays the same when pressed (aria-pressed says it) and holds the visible count. */
    Cafe.setText(button, ".q-upvote-name", Cafe.t("q_upvote_label", { text: question.text }));
    Cafe.setText(button, ".q-votes", question.votes);
    /* An answered question keeps its count; a new upvote is for open ones. */
    button.hidden = !open || (question.answered && !voted);
  }

  var phone = {
    mount: function (el, activity, ctx) {
      var data = activity.data || {};
      var root = Cafe.clone("tpl-questions-phone");
      el.appendChild(root);
      el.sort = data.sort || "votes";
      var text = root.querySelector(".q-text");
      text.id = nextId("q-text");
      root.querySelector(".q-text-label").htmlFor = text.id;
      text.maxLength = data.max_length;
      text.dataset.draft = "questions-" + activity.id;
      Cafe.keepDraft(text);
      var name = root.querySelector(".q-name");
      name.id = nextId("q-name");
      root.querySelector(".q-name-label").htmlFor = name.id;
      function counter() {
        var max = (Cafe.state.activities[activity.id].data || {}).max_length || data.max_length;
        Cafe.setText(root, ".q-chars", Cafe.t("q_chars_left", { n: max - text.value.length }));
      }
      text.addEventListener("input", counter);
      counter();
      root.querySelector(".q-form").addEventListener("submit", function (event) {
        event.preventDefault();
        var send = root.querySelector(".q-send");
        showError(el, "");
        send.disabled = true;
        var allowNames = (Cafe.state.activities[activity.id].data || {}).allow_names;
        Cafe.send("questions:ask", {
          activity: activity.id, text: text.value, name: allowNames ? name.value : null,
        }).then(function (answer) {
          send.disabled = false;
          if (!answer.ok) { showError(el, answer.message); return; }
          Cafe.clearDraft(text);
          counter();
          Cafe.announce(Cafe.t(answer.status === "pending" ? "q_sent_pending" : "q_sent"));
          Cafe.state.private[activity.id] = answer.mine;
          Cafe.render();
          text.focus();
        });
      });
      ["votes", "newest"].forEach(function (by) {
        root.querySelector(".q-sort-" + by).addEventListener("click", function () {
          el.sort = by;
          phone.update(el, Cafe.state.activities[activity.id], { private: Cafe.state.private[activity.id] || {} });
        });
      });
      this.update(el, activity, ctx);
    },
    update: function (el, activity, ctx) {
      var data = common(el, activity);
      var mine = ctx.private || {};
      var own = {};
      (mine.own || []).forEach(function (q) { own[q.id] = q; });
      var me = { voted: mine.voted || [], own: own };
      var open = activity.status === "open";
      el.querySelector(".q-closed").hidden = open;
      el.querySelector(".q-name-wrap").hidden = !data.allow_names;
      var full = open && mine.remaining === 0;
      el.querySelectorAll(".q-form input, .q-form textarea, .q-send")
        .forEach(function (control) { control.disabled = !open || full; });
      Cafe.setText(el, ".q-remaining", mine.remaining == null ? "" :
        mine.remaining ? Cafe.t("q_remaining", { n: mine.remaining }) : Cafe.t("q_none_left"));

      syncList(el.querySelector(".q-mine"), mine.own || [],
        function (question) {
          var li = Cafe.clone("tpl-questions-mine-item");
          li.querySelector(".q-withdraw").addEventListener("click", function (event) {
            var button = event.currentTarget;
            button.disabled = true;
            Cafe.send("questions:withdraw", { activity: activity.id, question: question.id }).then(function (answer) {
              button.disabled = false;
              if (!answer.ok) { showError(el, answer.message); return; }
              Cafe.announce(Cafe.t("q_withdrawn"));
              Cafe.state.private[activity.id] = answer.mine;
              Cafe.render();
            });
          });
          return li;
        },
        function (li, question) {
          li.dataset.status = question.status;
          var status = question.status === "visible" && question.answered ? "answered" : question.status;
          Cafe.setText(li, ".q-status", Cafe.t("q_status_" + status));
          Cafe.setText(li, ".q-item-text", question.text);
          var button = li.querySelector(".q-withdraw");
          button.setAttribute("aria-label", Cafe.t("q_withdraw_question", { text: question.text }));
          button.hidden = !open;
        });
      el.querySelector(".q-mine-wrap").hidden = !(mine.own || []).length;

      var votes = data.votes || {};
      var all = (data.questions || []).map(function (q) {
        return Object.assign({}, q, { votes: votes[q.id] || 0 });
      });
      var waiting = sorted(all.filter(function (q) { return !q.answered; }), el.sort);
      /* The one being answered stays on top, whatever the order. */
      waiting.sort(function (a, b) { return (b.pinned ? 1 : 0) - (a.pinned ? 1 : 0); });
      var answered = sorted(all.filter(function (q) { return q.answered; }), "votes");
      ["votes", "newest"].forEach(function (by) {
        el.querySelector(".q-sort-" + by).setAttribute("aria-pressed", String(el.sort === by));
      });
      function item() { return phoneItem(el, activity); }
      function fill(li, q) { updatePhoneItem(li, q, me, open); }
      syncList(el.querySelector(".q-list"), waiting, item, fill);
      syncList(el.querySelector(".q-answered"), answered, item, fill);
      el.querySelector(".q-none").hidden = all.length > 0;
      el.querySelector(".q-answered-wrap").hidden = !answered.length;
      Cafe.setText(el, ".q-answered-title", Cafe.t("q_answered_count", { n: answered.length }));
    },
  };

  /* ---------- projector ---------- */
  var projector = {
    mount: function (el, activity) {
      el.appendChild(Cafe.clone("tpl-questions-projector"));
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = common(el, activity);
      var rows = data.questions || [];
      var pinned = data.pinned;
      var box = el.querySelector(".q-pinned");
      box.hidden = !pinned;
      if (pinned) {
        Cafe.setText(box, ".q-pinned-text", pinned.text);
        Cafe.setText(box, ".q-asker", asker(pinned));
        Cafe.setText(box, ".q-pinned-votes", "▲ " + pinned.votes);
      }
      var n = rows.length + (pinned ? 1 : 0);
      el.querySelector(".questions-projector").dataset.density =
        rows.length > 24 ? "high" : rows.length > 10 ? "medium" : "low";
      Cafe.setText(el, ".q-count", Cafe.t("q_count", { n: n, answered: data.answered || 0 }));
      var empty = el.querySelector(".q-empty");
      empty.hidden = n > 0;
      empty.textContent = n ? "" : Cafe.t("q_empty");
      var list = el.querySelector(".q-list");
      list.replaceChildren();
      rows.forEach(function (question) {
        var li = Cafe.clone("tpl-questions-projector-item");
        li.dataset.question = question.id;
        Cafe.setText(li, ".q-votes", question.votes);
        Cafe.setText(li, ".q-item-text", question.text);
        Cafe.setText(li, ".q-asker", question.name ? "— " + question.name : "");
        list.appendChild(li);
      });
    },
  };

  /* ---------- console ---------- */
  var ORDER = { pending: 0, visible: 1, hidden: 3, merged: 4 };

  function rank(q) { return q.status === "visible" && q.answered ? 2 : ORDER[q.status]; }

  function consoleSend(el, event, payload) {
    showError(el, "");
    return Cafe.send(event, payload).then(function (answer) {
      if (!answer.ok) showError(el, answer.message);
      return answer;
    });
  }

  function consoleItem(el, activity, question) {
    var li = Cafe.clone("tpl-questions-console-item");
    function send(event, extra) {
      return consoleSend(el, event, Object.assign({ activity: activity.id, question: question.id }, extra || {}));
    }
    li.querySelector(".q-approve").addEventListener("click", function () { send("questions:moderate", { action: "approve" }); });
    li.querySelector(".q-show").addEventListener("click", function () { send("questions:moderate", { action: "show" }); });
    li.querySelector(".q-hide").addEventListener("click", function () { send("questions:moderate", { action: "hide" }); });
    li.querySelector(".q-pin").addEventListener("click", function () { send("questions:pin"); });
    li.querySelector(".q-unpin").addEventListener("click", function () {
      consoleSend(el, "questions:pin", { activity: activity.id, question: null });
    });
    li.querySelector(".q-done").addEventListener("click", function () { send("questions:answered", { answered: true }); });
    li.querySelector(".q-undone").addEventListener("click", function () { send("questions:answered", { answered: false }); });
    li.querySelector(".q-merge").addEventListener("click", function () {
      el.merging = { id: question.id, text: li.querySelector(".q-item-text").textContent };
      console_.update(el, Cafe.state.activities[activity.id]);
    });
    li.querySelector(".q-merge-here").addEventListener("click", function () {
      var source = el.merging && el.merging.id;
      el.merging = null;
      console_.update(el, Cafe.state.activities[activity.id]);
      if (source) consoleSend(el, "questions:merge", { source: source, target: question.id });
    });
    return li;
  }

  function updateConsoleItem(el, li, q) {
    var merging = el.merging;
    var visible = q.status === "visible";
    li.dataset.status = q.status;
    li.dataset.answered = String(!!q.answered);
    li.dataset.pinned = String(!!q.pinned);
    Cafe.setText(li, ".q-status", Cafe.t("q_status_" + (visible && q.answered ? "answered" : q.status)) +
      (q.pinned ? " · " + Cafe.t("q_pinned") : ""));
    Cafe.setText(li, ".q-votes", Cafe.t("q_votes", { n: q.votes }));
    Cafe.setText(li, ".q-asker", "· " + asker(q));
    Cafe.setText(li, ".q-merged", q.merged_into ? "· " + Cafe.t("q_merged_into", { id: q.merged_into }) :
      q.merged ? "· " + Cafe.t("q_merged_count", { n: q.merged }) : "");
    Cafe.setText(li, ".q-item-text", "#" + q.id + " " + q.text);
    li.querySelector(".q-approve").hidden = q.status !== "pending";
    li.querySelector(".q-show").hidden = q.status !== "hidden" && q.status !== "merged";
    li.querySelector(".q-hide").hidden = q.status === "hidden" || q.status === "merged";
    li.querySelector(".q-pin").hidden = !visible || q.pinned;
    li.querySelector(".q-unpin").hidden = !q.pinned;
    li.querySelector(".q-done").hidden = !visible || q.answered;
    li.querySelector(".q-undone").hidden = !visible || !q.answered;
    li.querySelector(".q-merge").hidden = !!merging || q.status === "merged";
    li.querySelector(".q-merge-here").hidden = !merging || merging.id === q.id || !visible;
  }

  /* People without a phone: the facilitator types their question for them. */
  function fillWho(select) {
    var assisted = ((Cafe.state.participants || {}).assisted) || [];
    var signature = assisted.map(function (p) { return p.id + ":" + (p.name || ""); }).join("|");
    if (select.dataset.signature === signature && select.options.length) return;
    var chosen = select.value;
    select.replaceChildren(new Option(Cafe.t("q_facilitator"), ""));
    assisted.forEach(function (p) { select.appendChild(new Option(p.name || "#" + p.id, String(p.id))); });
    select.value = chosen;
    if (select.value !== chosen) select.value = "";
    select.dataset.signature = signature;
  }

  var console_ = {
    mount: function (el, activity) {
      var root = Cafe.clone("tpl-questions-console");
      el.appendChild(root);
      var text = root.querySelector(".q-add-text");
      var name = root.querySelector(".q-add-name");
      text.maxLength = (activity.data || {}).max_length;
      root.querySelector(".q-add-form").addEventListener("submit", function (event) {
        event.preventDefault();
        var payload = { activity: activity.id, text: text.value, name: name.value || null };
        var who = root.querySelector(".q-add-who").value;
        if (who) payload.on_behalf = Number(who);
        consoleSend(el, "questions:ask", payload)
          .then(function (answer) { if (answer.ok) { text.value = ""; name.value = ""; } });
      });
      root.querySelector(".q-merge-cancel").addEventListener("click", function () {
        el.merging = null;
        console_.update(el, Cafe.state.activities[activity.id]);
      });
      root.querySelector(".q-pinned-unpin").addEventListener("click", function () {
        consoleSend(el, "questions:pin", { activity: activity.id, question: null });
      });
      root.querySelector(".q-pinned-done").addEventListener("click", function () {
        var pinned = el.pinned;
        if (pinned) consoleSend(el, "questions:answered", { activity: activity.id, question: pinned, answered: true });
      });
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = common(el, activity);
      var questions = data.questions || [];
      var counts = data.counts || {};
      var answered = questions.filter(function (q) { return q.status === "visible" && q.answered; }).length;
      Cafe.setText(el, ".q-summary", ["pending", "visible", "hidden", "merged"].map(function (s) {
        return Cafe.t("q_status_" + s) + ": " + (counts[s] || 0);
      }).concat([Cafe.t("q_status_answered") + ": " + answered]).join(" · "));
      fillWho(el.querySelector(".q-add-who"));
      var pinned = questions.filter(function (q) { return q.pinned; })[0];
      el.pinned = pinned ? pinned.id : null;
      el.querySelector(".q-pinned-wrap").hidden = !pinned;
      Cafe.setText(el, ".q-pinned-text", pinned ? pinned.text : "");
      var merging = el.merging;
      el.querySelector(".q-merge-banner").hidden = !merging;
      Cafe.setText(el, ".q-merge-text", merging ? Cafe.t("q_merge_pick", { text: merging.text }) : "");
      var rows = questions.slice().sort(function (a, b) {
        return (rank(a) - rank(b)) || (b.votes - a.votes) || (a.id - b.id);
      });
      syncList(el.querySelector(".q-console-list"), rows,
        function (q) { return consoleItem(el, activity, q); },
        function (li, q) { updateConsoleItem(el, li, q); });
    },
  };

  Cafe.register("questions", {
    phone: phone, projector: projector, console: console_,
    /* The most upvoted a screenful at a time; the question being answered stays above them,
       smaller if it is too long for the screen with one of them. */
    fit: { pages: ".q-list .q-item", shrink: ".q-pinned-text" },
    consoleLists: [{ list: ".q-console-list", text: ".q-item-text", status: "q_status_" }],
  });
})();
