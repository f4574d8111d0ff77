/* Statements: agree / disagree / pass one statement at a time; the opinion map and lists. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var GROUPS = "ABCDE";

  var syncList = Cafe.syncList;

  function pct(x) { return Math.round(100 * (x || 0)); }

  /* The phone page has its own row template: the console page also carries the phone's
     templates (assisted participants), and ids must stay unique. */
  function fillRows(list, rows, limit, detail, template) {
    function textRow() { return Cafe.clone(template || "tpl-statements-row"); }
    var shown = (rows || []).slice(0, limit);
    if (!shown.length) {
      syncList(list, [{ key: "none", text: Cafe.t("st_none") }], textRow, function (li, row) {
        Cafe.setText(li, ".st-row-text", row.text);
        Cafe.setText(li, ".st-row-detail", "");
      });
      return;
    }
    syncList(list, shown.map(function (r) { return Object.assign({ key: r.statement + ":" + (r.direction || "") }, r); }),
      textRow, function (li, row) {
        Cafe.setText(li, ".st-row-text", row.text);
        Cafe.setText(li, ".st-row-detail", detail(row));
      });
  }

  /* "A 91% · B 94% · C 92%": each group's share, by the group's letter (never colour alone). */
  function groupShares(values, format) {
    if (values.length < 2) return format(values[0] || 0);
    return values.map(function (v, i) { return GROUPS[i] + " " + format(v); }).join(" · ");
  }

  function consensusDetail(row) {
    var word = row.direction === "agree" ? "st_agree_share" : "st_disagree_share";
    return "(" + Cafe.t(word, { share: groupShares(row.groups, function (v) { return pct(v) + "%"; }) }) + ")";
  }

  function divisiveDetail(row) {
    return "(" + Cafe.t("st_net", { share: groupShares(row.groups, function (v) { return (v > 0 ? "+" : "") + pct(v); }) }) + ")";
  }

  /* The next statement: one not voted on, drawn with the weight the analysis gives it (few
     votes and statements that tell groups apart first, as Polis routes); kept until voted. */
  function nextStatement(statements, votes, priority, current) {
    var open = statements.filter(function (s) { return !votes[s.id]; });
    var kept = open.filter(function (s) { return String(s.id) === current; })[0];
    if (kept || !open.length) return kept || null;
    var weights = open.map(function (s) { var w = priority && priority[s.id]; return w > 0 ? w : 1e-6; });
    var total = weights.reduce(function (a, b) { return a + b; }, 0), roll = Math.random() * total;
    for (var i = 0; i < open.length; i++) { roll -= weights[i]; if (roll <= 0) return open[i]; }
    return open[open.length - 1];
  }

  /* The phone's own place among the groups: the groups' letters where their middles are,
     and one dot for this person (nobody else's). */
  function drawOwnMap(svg, groups, position) {
    svg.hidden = !position;
    if (!position) return;
    svg.querySelector(".st-map-title").textContent = Cafe.t("st_own_map_label");
    var layer = svg.querySelector(".st-map-labels");
    layer.replaceChildren();
    (groups || []).forEach(function (g) {
      if (!g.centre) return;
      var t = document.createElementNS(SVG, "text");
      t.setAttribute("x", g.centre[0]); t.setAttribute("y", -g.centre[1] + 0.06);
      t.setAttribute("text-anchor", "middle"); t.setAttribute("class", "st-map-letter");
      t.textContent = g.label;
      layer.appendChild(t);
    });
    var me = document.createElementNS(SVG, "circle");
    me.setAttribute("cx", position[0]); me.setAttribute("cy", -position[1]); me.setAttribute("r", 0.07);
    me.setAttribute("class", "st-point st-me");
    layer.appendChild(me);
  }

  /* The map's points as the server packs them (cafe/domain/opinion_map.py): x as the step
     from the previous point's, x and y in thousandths, one group letter per point ("." none). */
  function unpackMap(packed) {
    if (!packed || !packed.x) return packed || [];
    var points = [], x = 0;
    for (var i = 0; i < packed.x.length; i++) {
      x += packed.x[i];
      var g = packed.g.charAt(i);
      points.push([x / 1000, packed.y[i] / 1000, g === "." ? null : g]);
    }
    return points;
  }

  function drawMap(box, analysis) {
    var svg = box.querySelector(".st-map-svg");
    svg.querySelector(".st-map-title").textContent = Cafe.t("st_map_label");
    var points = svg.querySelector(".st-map-points"), labels = svg.querySelector(".st-map-labels");
    labels.replaceChildren();
    var centres = {};
    var all = unpackMap(analysis.points);
    /* A city's room has thousands of dots: the ones drawn before are moved, not made again. */
    while (points.childElementCount > all.length) points.lastElementChild.remove();
    all.forEach(function (p, i) {
      var dot = points.children[i];
      if (!dot) {
        dot = points.appendChild(document.createElementNS(SVG, "circle"));
        dot.setAttribute("r", 0.035);
      }
      dot.setAttribute("cx", p[0]); dot.setAttribute("cy", -p[1]);
      dot.setAttribute("class", "st-point" + (p[2] ? " st-g-" + p[2] : ""));
      if (p[2]) {
        var c = centres[p[2]] || (centres[p[2]] = { x: 0, y: 0, n: 0 });
        c.x += p[0]; c.y -= p[1]; c.n += 1;
      }
    });
    /* The group's letter at its centre: the groups never depend on colour alone. */
    Object.keys(centres).sort().forEach(function (g) {
      var c = centres[g];
      var t = document.createElementNS(SVG, "text");
      t.setAttribute("x", c.x / c.n); t.setAttribute("y", c.y / c.n + 0.06);
      t.setAttribute("text-anchor", "middle");
      t.setAttribute("class", "st-map-letter");
      t.textContent = g;
      labels.appendChild(t);
    });
  }

  function renderAnalysis(slot, analysis, limit) {
    var box = slot.querySelector(".st-analysis") || slot.appendChild(Cafe.clone("tpl-statements-analysis"));
    drawMap(box, analysis);
    Cafe.setText(box, ".st-map-caption", Cafe.t("st_map_label"));
    syncList(box.querySelector(".st-groups"), (analysis.groups || []).map(function (g) { return Object.assign({ key: g.label }, g); }),
      function () { return Cafe.clone("tpl-statements-group"); },
      function (li, g) {
        li.querySelector(".st-swatch").className = "st-swatch st-g-" + g.label;
        Cafe.setText(li, ".st-group-name", Cafe.t("st_group_size", { group: g.label, n: g.size }));
      });
    fillRows(box.querySelector(".st-consensus"), analysis.consensus, limit, consensusDetail);
    fillRows(box.querySelector(".st-divisive"), analysis.divisive, limit, divisiveDetail);
  }

  function header(el, activity) {
    var data = activity.data || {};
    var analysis = data.analysis || {};
    Cafe.setText(el, ".activity-title", activity.title, activity.title_lang);
    Cafe.setText(el, ".st-voters", Cafe.t("st_voters", { n: analysis.voters || 0, votes: analysis.votes || 0 }));
    var none = el.querySelector(".st-no-groups");
    if (none) {
      none.hidden = (analysis.groups || []).length > 0;
      /* Groups were found but are no sharper than shuffled votes would give: say so. */
      none.textContent = Cafe.t(analysis.silhouette != null && !analysis.clear ? "st_no_clear_groups" : "st_no_groups");
    }
    return data;
  }

  /* ---------- projector ---------- */
  /* Every row: the projector shows a long list in pages of its own, readable from the back. */
  var PROJECTOR_ROWS = Infinity;
  var projector = {
    mount: function (el, activity) {
      el.appendChild(Cafe.clone("tpl-statements-projector"));
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = header(el, activity);
      /* A small room: in words, how many more people must vote before groups appear, and
         the votes so far instead of an almost empty map. */
      var needed = data.needed;
      var words = "";
      if (needed && needed.people > 0) {
        words = Cafe.t(needed.people === 1 ? "st_needed_one" : "st_needed",
                       { n: needed.people, each: needed.each });
      } else if (needed) {
        words = Cafe.t("st_needed_spread");
      }
      var none = el.querySelector(".st-no-groups");
      if (none && needed) none.textContent = words;
      var small = !!needed;
      el.querySelector(".st-analysis-slot").hidden = small;
      var tallies = el.querySelector(".st-tallies");
      tallies.hidden = !small;
      if (small) {
        syncList(tallies, (data.tallies || []).map(function (t) { return Object.assign({ key: t.id }, t); }),
          function () { return Cafe.clone("tpl-statements-tally"); },
          function (li, t) {
            Cafe.setText(li, ".st-tally-text", t.text);
            Cafe.setText(li, ".st-tally-counts", Cafe.t("st_tally", { agree: t.agree, disagree: t.disagree, pass: t.pass }));
          });
      } else {
        renderAnalysis(el.querySelector(".st-analysis-slot"), data.analysis || {}, PROJECTOR_ROWS);
      }
    },
  };

  /* ---------- console ---------- */
  var console_ = {
    mount: function (el, activity) {
      var root = Cafe.clone("tpl-statements-console");
      el.appendChild(root);
      var error = root.querySelector(".st-error");
      function send(event, extra) {
        error.textContent = "";
        return Cafe.send(event, Object.assign({ activity: activity.id }, extra)).then(function (answer) {
          if (!answer.ok) { error.textContent = answer.message; Cafe.announce(answer.message); }
          return answer;
        });
      }
      el._send = send;
      var form = root.querySelector(".st-add"), text = form.querySelector(".st-text");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send("statements:add", { text: text.value }).then(function (answer) { if (answer.ok) text.value = ""; });
      });
      this.update(el, activity);
    },
    update: function (el, activity) {
      var data = header(el, activity);
      renderAnalysis(el.querySelector(".st-analysis-slot"), data.analysis || {}, 10);
      syncList(el.querySelector(".st-moderation"), data.moderation || [],
        function (row) {
          var li = Cafe.clone("tpl-statements-moderation-row");
          li.querySelector(".st-mod-approve").addEventListener("click", function () {
            el._send("statements:moderate", { statement: row.id, action: li.dataset.status === "hidden" ? "show" : "approve" });
          });
          li.querySelector(".st-mod-hide").addEventListener("click", function () {
            el._send("statements:moderate", { statement: row.id, action: "hide" });
          });
          return li;
        },
        function (li, row) {
          li.dataset.status = row.status;
          Cafe.setText(li, ".st-mod-text", row.text);
          Cafe.setText(li, ".st-mod-state", row.status === "visible" ? "" : "(" + Cafe.t("st_" + row.status) + ")");
          Cafe.setText(li, ".st-mod-counts", Cafe.t("st_counts", { a: row.agree, d: row.disagree, p: row.pass }));
          var approve = li.querySelector(".st-mod-approve");
          approve.hidden = row.status === "visible";
          approve.textContent = Cafe.t(row.status === "hidden" ? "st_show" : "st_approve");
          var hide = li.querySelector(".st-mod-hide");
          hide.hidden = row.status === "hidden";
          hide.textContent = Cafe.t("st_hide");
          hide.setAttribute("aria-label", Cafe.t("st_hide") + ": " + row.text);
        });
    },
  };

  /* ---------- phone ---------- */
  function label(button) { button.textContent = Cafe.t("st_" + button.dataset.vote); }

  var phone = {
    mount: function (el, activity, ctx) {
      var root = Cafe.clone("tpl-statements-phone");
      el.appendChild(root);
      var error = root.querySelector(".st-error");
      root.querySelectorAll(".st-card [data-vote]").forEach(label);
      function cast(statement, value) {
        error.textContent = "";
        el.classList.add("is-sending");
        return Cafe.send("statements:vote", { activity: activity.id, statement: statement, vote: value }).then(function (answer) {
          el.classList.remove("is-sending");
          if (!answer.ok) { error.textContent = answer.message; Cafe.announce(answer.message); return; }
          Cafe.state.private[activity.id] = answer.mine;
          Cafe.announce(Cafe.t("st_saved"));
          Cafe.render();
        });
      }
      el._cast = cast;
      root.querySelectorAll(".st-card [data-vote]").forEach(function (button) {
        button.addEventListener("click", function () {
          var current = el.dataset.current;
          if (current) cast(Number(current), button.dataset.vote);
        });
      });
      var form = root.querySelector(".st-add"), text = form.querySelector(".st-text");
      Cafe.keepDraft(text);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        error.textContent = "";
        Cafe.send("statements:add", { activity: activity.id, text: text.value }).then(function (answer) {
          if (!answer.ok) { error.textContent = answer.message; Cafe.announce(answer.message); return; }
          var pending = (answer.mine.own || []).some(function (s) { return s.status === "pending"; });
          Cafe.clearDraft(text);
          text.value = "";
          Cafe.state.private[activity.id] = answer.mine;
          Cafe.announce(Cafe.t(pending ? "st_added_pending" : "st_added"));
          Cafe.render();
        });
      });
      this.update(el, activity, ctx);
    },
    update: function (el, activity, ctx) {
      var data = activity.data || {};
      var mine = (ctx && ctx.private) || {};
      var votes = mine.votes || {};
      var open = activity.status === "open";
      Cafe.setText(el, ".activity-title", activity.title, activity.title_lang);
      Cafe.setText(el, ".st-prompt", activity.prompt || "", activity.prompt_lang);
      el.querySelector(".st-closed").hidden = open;
      var statements = data.statements || [];
      var analysis = data.analysis || {};
      var next = nextStatement(statements, votes, analysis.priority, el.dataset.current);
      var card = el.querySelector(".st-card");
      card.hidden = !next || !open;
      el.dataset.current = next ? next.id : "";
      if (next) {
        var voted = statements.filter(function (s) { return votes[s.id]; }).length;
        Cafe.setText(el, ".st-progress", Cafe.t("st_progress", { n: voted + 1, total: statements.length }));
        Cafe.setText(el, ".st-current", next.text, next.lang || null);
      }
      var done = el.querySelector(".st-done");
      done.hidden = !!next || !statements.length;
      done.textContent = Cafe.t("st_done");
      el.querySelector(".st-add").hidden = !(data.allow_new && open);
      el.querySelectorAll(".st-card button").forEach(function (b) { b.disabled = !open; });
      syncList(el.querySelector(".st-list"), statements,
        function (s) {
          var li = Cafe.clone("tpl-statements-list-row");
          li.querySelectorAll("[data-vote]").forEach(function (button) {
            label(button);
            button.addEventListener("click", function () { el._cast(s.id, button.dataset.vote); });
          });
          return li;
        },
        function (li, s) {
          Cafe.setText(li, ".st-item-text", s.text, s.lang || null);
          li.querySelectorAll("[data-vote]").forEach(function (button) {
            var chosen = votes[s.id] === button.dataset.vote;
            button.setAttribute("aria-pressed", chosen ? "true" : "false");
            button.disabled = !open;
          });
        });
      /* "You are in group B" and what B thinks: only when the plan allows and B exists. */
      /* Analyses are numbered: a message of an older one (an ack that crossed a newer
         analysis on the way) never takes the phone back to an earlier group. */
      if ((mine.round || 0) >= (el._round || 0)) {
        el._round = mine.round || 0; el._group = mine.group; el._position = mine.position;
      }
      var section = el.querySelector(".st-my-group");
      var group = el._group && (analysis.groups || []).filter(function (g) { return g.label === el._group; })[0];
      var unclear = data.show_group && !group && analysis.silhouette != null && analysis.clear === false && el._position;
      section.hidden = !(data.show_group && (group || unclear));
      drawOwnMap(section.querySelector(".st-own-map"), analysis.groups, group ? el._position : null);
      if (unclear) {
        Cafe.setText(section, ".st-my-group-title", Cafe.t("st_no_clear_groups"));
        section.querySelector(".st-my-group-list").replaceChildren();
      }
      if (group) {
        Cafe.setText(section, ".st-my-group-title", Cafe.t("st_your_group", { group: group.label }));
        fillRows(section.querySelector(".st-my-group-list"), group.representative, 5, function (row) {
          return "(" + Cafe.t(row.direction === "agree" ? "st_agree_share" : "st_disagree_share", { share: pct(row.share) + "%" }) +
            ", " + Cafe.t("st_others", { share: pct(row.others) + "%" }) + ")";
        }, "tpl-statements-phone-row");
      }
    },
  };

  Cafe.register("statements", {
    phone: phone, projector: projector, console: console_,
    /* Agreement and division share a column, each list in pages of its own. */
    fit: { shared: [[".st-lists", ".st-consensus-wrap, .st-divisive-wrap", ".st-row"]] },
  });
})();
