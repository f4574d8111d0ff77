/* Prioritisation vote: dots, a top-K ranking or an importance/urgency rating, and the results. */
(function () {
  "use strict";

  function byId(items) {
    var map = {};
    (items || []).forEach(function (item) { map[item.id] = item; });
    return map;
  }

  function typeLabel(item) {
    if (item.type === "need") return Cafe.t("vote_need");
    if (item.type === "talent") return Cafe.t("vote_talent");
    return item.type ? "" : Cafe.t("vote_theme");
  }

  var syncList = Cafe.syncList;

  function dotsText(n) { return n === 1 ? Cafe.t("vote_dot_one") : Cafe.t("vote_dots_on", { n: n }); }

  function rankText(row) {
    if (row.rank == null) return "–";
    return row.tied ? row.rank + " (" + Cafe.t("vote_tied") + ")" : String(row.rank);
  }

  function scoreText(method, row) {
    if (method === "dot") return dotsText(row.dots);
    if (method === "rank") {
      return (row.borda === 1 ? Cafe.t("vote_point_one") : Cafe.t("vote_points", { n: row.borda })) + " · " + Cafe.t("vote_first", { n: row.first_choices });
    }
    if (row.n === 0) return Cafe.t("vote_rated_by", { n: 0 });
    return Cafe.t("vote_importance_urgency", { i: row.importance, u: row.urgency }) +
      " · " + Cafe.t("vote_rated_by", { n: row.n });
  }

  var SVG = "http://www.w3.org/2000/svg";

  /* The 2×2 plot: importance to the right, urgency upwards, each item numbered by its place. */
  function renderPlot(wrap, ranking) {
    var figure = wrap.firstElementChild || wrap.appendChild(Cafe.clone("tpl-vote-plot"));
    var group = figure.querySelector(".vote-plot-points");
    group.replaceChildren();
    ranking.forEach(function (row, index) {
      if (row.importance == null) return;
      var x = 10 + (row.importance - 1) * 25, y = 110 - (row.urgency - 1) * 25;
      var dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("cx", x); dot.setAttribute("cy", y); dot.setAttribute("r", 4.5);
      dot.setAttribute("class", "vote-plot-dot");
      var label = document.createElementNS(SVG, "text");
      label.setAttribute("x", x); label.setAttribute("y", y + 2);
      label.setAttribute("text-anchor", "middle");
      label.setAttribute("class", "vote-plot-label");
      label.textContent = String(index + 1);
      group.appendChild(dot);
      group.appendChild(label);
    });
  }

  /* limit: the projector shows the top rows only (readable from the back); the rest is counted. */
  function renderResults(slot, data, results, itemsById, limit) {
    var box = slot.querySelector(".vote-results");
    if (!results) { if (box) box.remove(); return; }
    if (!box) box = slot.appendChild(Cafe.clone("tpl-vote-results"));
    var all = results.ranking || [];
    var ranking = limit ? all.slice(0, limit) : all;
    var total = Math.max(results.rows || 0, all.length);  /* phones get the leading rows only */
    var more = box.querySelector(".vote-results-more");
    more.hidden = total <= ranking.length;
    more.textContent = more.hidden ? "" : Cafe.t("vote_more", { n: total - ranking.length });
    box.classList.toggle("vote-results-rate", data.method === "rate");
    var roleNote = box.querySelector(".vote-results-role");
    roleNote.hidden = !results.role;
    roleNote.textContent = results.role ? Cafe.t("vote_role_" + results.role) : "";
    var plot = box.querySelector(".vote-plot-wrap");
    plot.hidden = data.method !== "rate";
    if (data.method === "rate") renderPlot(plot, ranking);
    var max = 0;
    ranking.forEach(function (row) { max = Math.max(max, row.score || 0); });
    syncList(box.querySelector(".vote-result-list"), ranking,
      function () { return Cafe.clone("tpl-vote-result-row"); },
      function (node, row, index) {
        var item = itemsById[row.id] || {};
        Cafe.setText(node, ".vote-result-rank", data.method === "rate" ? (index + 1) + "." : rankText(row));
        Cafe.setText(node, ".vote-result-text", row.text || item.text || "");
        Cafe.setText(node, ".vote-result-score", scoreText(data.method, row));
        node.classList.toggle("is-tied", !!row.tied);
        var bar = node.querySelector(".vote-bar");
        bar.hidden = data.method === "rate";
        node.querySelector(".vote-bar-fill").style.width =
          (max > 0 ? Math.round(100 * (row.score || 0) / max) : 0) + "%";
      });
  }

  function common(el, activity) {
    var data = activity.data || {};
    Cafe.setText(el, ".activity-title", activity.title, activity.title_lang);
    Cafe.setText(el, ".vote-prompt", activity.prompt, activity.prompt_lang);
    var empty = el.querySelector(".vote-empty");
    if (empty) {
      var none = !data.has_source ? Cafe.t("vote_no_source") : (data.items || []).length ? "" : Cafe.t("vote_no_items");
      empty.hidden = !none;
      empty.textContent = none;
    }
    var voters = el.querySelector(".vote-voters");
    if (voters) voters.textContent = Cafe.t("vote_voters", { n: data.voters || 0 });
    return data;
  }

  /* ---------- projector ---------- */
  var PROJECTOR_ROWS = 0;  /* all: the projector shows the rows that fit, then "and N more" */
  var projector = {
    mount: function (el, activity) {
      el.appendChild(Cafe.clone("tpl-vote-projector"));
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = common(el, activity);
      el.querySelector(".vote-hidden-note").hidden = !!data.results_shown;
      renderResults(el.querySelector(".vote-results-slot"), data, data.results, byId(data.items),
                    PROJECTOR_ROWS);
    },
  };

  /* ---------- console ---------- */
  var console_ = {
    mount: function (el, activity) {
      var root = Cafe.clone("tpl-vote-console");
      el.appendChild(root);
      var data = activity.data || {};
      var summary = Cafe.clone("tpl-vote-summary-" + data.method);
      summary.textContent = summary.textContent.replace("{dots}", data.dots)
        .replace("{max}", data.max_dots_per_item).replace("{k}", data.rank_k);
      root.querySelector(".vote-summary").appendChild(summary);
      var error = root.querySelector(".vote-error");
      function send(event, extra) {
        error.textContent = "";
        return Cafe.send(event, Object.assign({ activity: activity.id }, extra || {})).then(function (answer) {
          if (!answer.ok) { error.textContent = answer.message; Cafe.announce(answer.message); }
        });
      }
      root.querySelector(".vote-reveal").addEventListener("click", function () { send("vote:reveal"); });
      root.querySelector(".vote-hide").addEventListener("click", function () { send("vote:hide_results"); });
      var select = root.querySelector(".vote-role");
      select.value = data.role || "";
      select.addEventListener("change", function () {
        el.dataset.role = select.value;
        send("vote:show_role", { role: select.value || null });
        console_.update(el, Cafe.state.activities[activity.id]);
      });
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = common(el, activity);
      var onReveal = data.reveal === "on_reveal";
      var reveal = el.querySelector(".vote-reveal");
      var hide = el.querySelector(".vote-hide");
      reveal.hidden = reveal.disabled = !onReveal || !!data.revealed;
      hide.hidden = hide.disabled = !onReveal || !data.revealed;
      var state = el.querySelector(".vote-reveal-state");
      state.replaceChildren(Cafe.clone(data.results_shown ? "tpl-vote-reveal-shown" : "tpl-vote-reveal-hidden"));
      var role = el.dataset.role || data.role || "";
      var results = data.results;
      if (results && role) {
        results = { role: role, ranking: (results.by_role || {})[role] || [],
                    voters: (results.voters_by_role || {})[role] || 0 };
      }
      renderResults(el.querySelector(".vote-results-slot"), data, results, byId(data.items));
    },
  };

  /* ---------- phone ---------- */
  function phoneSender(el, activity) {
    return function (payload) {
      var error = el.querySelector(".vote-error");
      error.textContent = "";
      el.classList.add("is-sending");
      return Cafe.send("vote:cast", Object.assign({ activity: activity.id }, payload)).then(function (answer) {
        el.classList.remove("is-sending");
        if (!answer.ok) {
          error.textContent = answer.message;
          Cafe.announce(answer.message);
          return answer;
        }
        Cafe.state.private[activity.id] = answer.mine;
        Cafe.announce(Cafe.t("vote_saved"));
        Cafe.render();
        return answer;
      });
    };
  }

  function currentActivity(el) {
    return Cafe.state.activities[el.dataset.activity];
  }

  /* Where focus goes when the control that had it is disabled or hidden: `first` if it can
     take it, else the first button still usable in the list, else the budget line. */
  function focusNear(el, first) {
    var target = first && !first.disabled && !first.hidden ? first
      : el.querySelector(".vote-items button:not(:disabled)");
    if (!target) {
      target = el.querySelector(".vote-budget");
      target.tabIndex = -1;
    }
    target.focus();
  }

  function renderDots(el, data, mine, open, send) {
    var allocation = mine.allocation || {};
    var used = mine.used || 0;
    Cafe.setText(el, ".vote-budget", Cafe.t("vote_dots_left", { n: data.dots - used, total: data.dots }));
    syncList(el.querySelector(".vote-items"), data.items || [],
      function (item) {
        var li = Cafe.clone("tpl-vote-item-dot");
        function change(delta) {
          var next = Object.assign({}, (Cafe.state.private[currentActivity(el).id] || {}).allocation || {});
          next[item.id] = Math.max(0, (next[item.id] || 0) + delta);
          send({ allocation: next });
        }
        li.querySelector(".vote-plus").addEventListener("click", function () { change(1); });
        li.querySelector(".vote-minus").addEventListener("click", function () { change(-1); });
        return li;
      },
      function (li, item) {
        var n = allocation[item.id] || 0;
        Cafe.setText(li, ".vote-type", typeLabel(item));
        Cafe.setText(li, ".vote-text", item.text);
        Cafe.setText(li, ".vote-count", dotsText(n));
        li.classList.toggle("has-dots", n > 0);
        var plus = li.querySelector(".vote-plus"), minus = li.querySelector(".vote-minus");
        /* The name starts with the symbol on the button: "+ Add a dot to: …" (voice control). */
        plus.setAttribute("aria-label", "+ " + Cafe.t("vote_add_dot", { item: item.text }));
        minus.setAttribute("aria-label", "− " + Cafe.t("vote_remove_dot", { item: item.text }));
        var focused = document.activeElement;
        plus.disabled = !open || used >= data.dots || n >= data.max_dots_per_item;
        minus.disabled = !open || n === 0;
        /* A button that just went disabled would drop focus to <body>: its neighbour takes it. */
        if (focused === plus && plus.disabled) focusNear(el, minus);
        if (focused === minus && minus.disabled) focusNear(el, plus);
      });
  }

  function renderRanking(el, data, mine, open, send) {
    var ranking = (mine.ranking || []).slice();
    var items = byId(data.items);
    var k = data.rank_k;
    Cafe.setText(el, ".vote-budget", Cafe.t("vote_rank_count", { n: ranking.length, k: k }));
    el.querySelector(".vote-my-ranking-wrap").hidden = ranking.length === 0;
    function sendRanking(next) { send({ ranking: next }); }
    function mineNow() { return ((Cafe.state.private[currentActivity(el).id] || {}).ranking || []).slice(); }
    syncList(el.querySelector(".vote-my-ranking"), ranking.map(function (id) { return { id: id }; }),
      function (row) {
        var li = Cafe.clone("tpl-vote-ranked");
        li.querySelector(".vote-up").addEventListener("click", function () {
          var next = mineNow(), i = next.indexOf(row.id);
          if (i > 0) { next.splice(i, 1); next.splice(i - 1, 0, row.id); sendRanking(next); }
        });
        li.querySelector(".vote-down").addEventListener("click", function () {
          var next = mineNow(), i = next.indexOf(row.id);
          if (i >= 0 && i < next.length - 1) { next.splice(i, 1); next.splice(i + 1, 0, row.id); sendRanking(next); }
        });
        li.querySelector(".vote-remove").addEventListener("click", function () {
          sendRanking(mineNow().filter(function (id) { return id !== row.id; }));
        });
        return li;
      },
      function (li, row, index) {
        var text = (items[row.id] || {}).text || "";
        Cafe.setText(li, ".vote-text", Cafe.t("vote_rank_label", { n: index + 1 }) + ": " + text);
        li.querySelector(".vote-up").setAttribute("aria-label", "↑ " + Cafe.t("vote_rank_up") + ": " + text);
        li.querySelector(".vote-down").setAttribute("aria-label", "↓ " + Cafe.t("vote_rank_down") + ": " + text);
        li.querySelector(".vote-remove").setAttribute("aria-label", Cafe.t("vote_rank_remove") + ": " + text);
        li.querySelector(".vote-up").disabled = !open || index === 0;
        li.querySelector(".vote-down").disabled = !open || index === ranking.length - 1;
        li.querySelector(".vote-remove").disabled = !open;
      });
    var unranked = (data.items || []).filter(function (item) { return ranking.indexOf(item.id) < 0; });
    syncList(el.querySelector(".vote-items"), unranked,
      function (item) {
        var li = Cafe.clone("tpl-vote-item-rank");
        li.querySelector(".vote-add").addEventListener("click", function () {
          var next = mineNow();
          if (next.length >= currentActivity(el).data.rank_k) {
            Cafe.setText(el, ".vote-error", Cafe.t("vote_rank_full", { k: currentActivity(el).data.rank_k }));
            return;
          }
          next.push(item.id);
          sendRanking(next);
        });
        return li;
      },
      function (li, item) {
        Cafe.setText(li, ".vote-type", typeLabel(item));
        Cafe.setText(li, ".vote-text", item.text);
        var add = li.querySelector(".vote-add");
        add.textContent = Cafe.t("vote_rank_add", { k: k });
        add.setAttribute("aria-label", Cafe.t("vote_rank_add", { k: k }) + ": " + item.text);
        add.disabled = !open || ranking.length >= k;
      });
  }

  var uid = 0;
  function renderRating(el, data, mine, open, send) {
    var ratings = mine.ratings || {};
    Cafe.setText(el, ".vote-budget", "");
    syncList(el.querySelector(".vote-items"), data.items || [],
      function (item) {
        var li = Cafe.clone("tpl-vote-item-rate");
        uid += 1;
        li.querySelectorAll(".vote-scale").forEach(function (fieldset) {
          var scale = fieldset.dataset.scale;
          var options = fieldset.querySelector(".vote-scale-options");
          for (var v = 1; v <= 5; v++) {
            var label = Cafe.clone("tpl-vote-scale-option");
            var input = label.querySelector("input");
            input.name = "vote-" + uid + "-" + scale;
            input.value = v;
            Cafe.setText(label, ".vote-scale-value", v);
            input.addEventListener("change", function () {
              var picked = {};
              ["importance", "urgency"].forEach(function (s) {
                var checked = li.querySelector(".vote-scale[data-scale=" + s + "] input:checked");
                picked[s] = checked ? Number(checked.value) : null;
              });
              if (picked.importance && picked.urgency) {
                send({ item: item.id, importance: picked.importance, urgency: picked.urgency });
              }
            });
            options.appendChild(label);
          }
        });
        return li;
      },
      function (li, item) {
        Cafe.setText(li, ".vote-type", typeLabel(item));
        Cafe.setText(li, ".vote-text", item.text);
        var mineItem = ratings[item.id];
        li.querySelectorAll(".vote-scale").forEach(function (fieldset) {
          var value = mineItem ? mineItem[fieldset.dataset.scale] : null;
          fieldset.querySelectorAll("input").forEach(function (input) {
            input.disabled = !open;
            if (value != null) input.checked = Number(input.value) === value;
          });
        });
        li.classList.toggle("has-rating", !!mineItem);
      });
  }

  /* Dots, a ranking or a rating of this person's own, whichever the method keeps. */
  function hasVotes(mine) {
    return (mine.used || 0) > 0 || (mine.ranking || []).length > 0 ||
      Object.keys(mine.ratings || {}).length > 0;
  }

  var phone = {
    mount: function (el, activity, ctx) {
      var root = Cafe.clone("tpl-vote-phone");
      el.appendChild(root);
      el.sender = phoneSender(el, activity);
      root.querySelector(".vote-clear").addEventListener("click", function () {
        Cafe.send("vote:clear", { activity: activity.id }).then(function (answer) {
          if (!answer.ok) { Cafe.setText(el, ".vote-error", answer.message); Cafe.announce(answer.message); return; }
          Cafe.state.private[activity.id] = answer.mine;
          Cafe.announce(Cafe.t("vote_cleared"));
          Cafe.render();
        });
      });
      this.update(el, activity, ctx);
    },
    update: function (el, activity, ctx) {
      var data = common(el, activity);
      var mine = ctx.private || {};
      var open = activity.status === "open";
      el.querySelector(".vote-closed").hidden = open;
      /* Withdrawing only means something once this person has voted: no control for nothing. */
      var clear = el.querySelector(".vote-clear");
      var clearFocused = document.activeElement === clear;
      clear.hidden = !hasVotes(mine);
      clear.disabled = !open;
      if (data.method === "dot") renderDots(el, data, mine, open, el.sender);
      else if (data.method === "rank") renderRanking(el, data, mine, open, el.sender);
      else renderRating(el, data, mine, open, el.sender);
      if (clearFocused && (clear.hidden || clear.disabled)) focusNear(el, null);
      var results = el.querySelector(".vote-phone-results");
      results.hidden = !data.results;
      /* Results the facilitator just revealed are said aloud (polite), as the projector's are;
         a page opened on them already shows them without announcing. */
      if (data.results && el.resultsShown === false) {
        var top = (data.results.ranking || [])[0];
        Cafe.announce(Cafe.t("vote_results_announce") + (top ? " " +
          Cafe.t("vote_results_first", { item: top.text || "", score: scoreText(data.method, top) }) : ""));
      }
      el.resultsShown = !!data.results;
      renderResults(results.querySelector(".vote-results-slot"), data, data.results, byId(data.items));
    },
  };

  Cafe.register("vote", {
    phone: phone, projector: projector, console: console_,
    /* The projector shows the leading rows that fit and "and N more" (N adds what `more`
       already counted: the rows the server left out). */
    fit: { lead: ".vote-result-list", items: ".vote-result",
           more: ".vote-results-more:not([hidden])", clamp: ".vote-prompt" },
  });
})();
