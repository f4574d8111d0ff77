/* The projector: the join screen, or the current activity fitted to one screen with the join
   strip along the bottom. Nothing scrolls: long walls are shown in pages that turn by themselves
   (with a page indicator), rankings show the leading rows and "and N more", a full canvas box
   turns its own pages on the same clock (with "Page 2 of 3" under it), so do the statements'
   lists that share a column, and a slide's text shrinks to fit. Pages swap without animation,
   so there is no motion to reduce. */
(function () {
  "use strict";
  /* Twelve seconds a page: time to read a screenful aloud. `?page_seconds=N` on the projector's
     address changes it (1 to 300); the browser tests use it to see every page quickly. */
  var asked = parseFloat(new URLSearchParams(window.location.search).get("page_seconds"));
  var PAGE_SECONDS = asked >= 1 && asked <= 300 ? asked : 12;
  var body = document.body;
  var indicator = document.getElementById("page-indicator");
  var joinScreen = document.getElementById("join-screen");

  /* How each kind fits comes with its registration, `Cafe.register(kind, {fit: rule})`:
     pages: items shown a screenful at a time; lead: the first items that fit (items: which,
     more: a line already counting rows left out); boxPages: per box, the items in pages of
     their own; shared: [column, lists, items], lists sharing a column's height, each in pages
     of its own; shrink: the text gets smaller; clamp: a text (the prompt) shown whole unless it
     would take over a quarter of the screen. */
  function fitRule(kind) {
    return (Cafe.kinds[kind] && Cafe.kinds[kind].fit) || null;
  }

  /* pages/page: the screenfuls of a paged kind; tick: how often the clock turned since the
     activity came up, from which each box takes its own page (boxes: how many have pages). */
  var paging = { pages: [], page: 0, tick: 0, boxes: 0, timer: null, activity: null };

  function fits(box) {
    return box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1;
  }

  /* Take the items list by list in turn (needs and talents, theme by theme), so every page
     shows some of each list instead of one list's whole length first. */
  function interleave(items) {
    var lists = [];
    var byList = new Map();
    items.forEach(function (item) {
      var list = byList.get(item.parentNode);
      if (!list) { list = []; byList.set(item.parentNode, list); lists.push(list); }
      list.push(item);
    });
    var out = [];
    for (var i = 0; out.length < items.length; i++) {
      lists.forEach(function (list) { if (i < list.length) out.push(list[i]); });
    }
    return out;
  }

  function showRange(items, from, to) {
    items.forEach(function (item, i) { item.classList.toggle("fit-off", i < from || i >= to); });
  }

  /* Split items into screenfuls: each page is the longest run from its start that fits. */
  function paginate(root, items) {
    var pages = [];
    var start = 0;
    while (start < items.length && pages.length < 100) {
      var lo = start + 2, hi = items.length, best = start + 1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        showRange(items, start, mid);
        if (fits(root)) { best = mid; lo = mid + 1; } else { hi = mid - 1; }
      }
      pages.push([start, best]);
      start = best;
    }
    return pages;
  }

  function moreLine(text) {
    var p = document.createElement("p");
    p.className = "fit-more";
    p.textContent = text;
    return p;
  }

  /* The leading items that fit in `box`, then a line counting the rest. */
  function lead(box, fitsNow, items, extra) {
    var old = box.parentNode.querySelector(":scope > .fit-more");
    if (old) old.remove();
    showRange(items, 0, items.length);
    if (fitsNow() && !extra) return;
    var line = moreLine("");
    box.after(line);
    var shown = items.length;
    function label() { line.textContent = Cafe.t("projector_more", { n: items.length - shown + extra }); }
    label();
    while (shown > 0 && !fitsNow()) {
      shown -= 1;
      items[shown].classList.add("fit-off");
      label();
    }
    if (shown === items.length && !extra) line.remove();
  }

  /* "Page 2 of 3" and a dot per page, as in the page indicator along the bottom. */
  function pageLabel(el, n, total) {
    el.replaceChildren();
    var label = document.createElement("span");
    label.textContent = Cafe.t("projector_page", { n: n + 1, total: total });
    var dots = document.createElement("span");
    dots.className = "page-dots";
    dots.setAttribute("aria-hidden", "true");
    for (var i = 0; i < total; i++) {
      var dot = document.createElement("span");
      dot.className = "page-dot";
      dot.dataset.on = String(i === n);
      dots.appendChild(dot);
    }
    el.appendChild(label);
    el.appendChild(dots);
  }

  /* The box as drawn: every item shown, no page line; returns its items. */
  function unpage(box, itemSelector) {
    var items = Array.prototype.slice.call(box.querySelectorAll(itemSelector));
    var old = box.querySelector(":scope > .fit-more");
    if (old) old.remove();
    items.forEach(function (item) { delete item.dataset.clamp; });
    showRange(items, 0, items.length);
    return items;
  }

  /* A box too small for its items shows them a page at a time: page `tick` modulo its own
     count, so over a cycle every item of every box is on the screen, whatever the other boxes
     hold. The box is redrawn on every update, so nothing is kept on it; returns its page count. */
  function boxPages(box, itemSelector, tick) {
    var items = unpage(box, itemSelector);
    if (fits(box)) return 1;
    var line = box.appendChild(moreLine(""));
    line.classList.add("fit-pages");
    /* Measure with the widest label: nine pages at first, more dots if there are more. */
    var pages = [];
    for (var total = 9, round = 0; round < 3; round++) {
      pageLabel(line, total - 1, total);
      pages = paginate(box, items);
      if (pages.length <= total) break;
      total = pages.length;
    }
    /* An item too long for the box even alone keeps to a few lines rather than be cut off. */
    pages.forEach(function (page) {
      if (page[1] - page[0] !== 1) return;
      showRange(items, page[0], page[1]);
      if (!fits(box)) items[page[0]].dataset.clamp = "true";
    });
    if (pages.length < 2) {
      line.remove();
      showRange(items, 0, items.length);
      return 1;
    }
    var n = tick % pages.length;
    showRange(items, pages[n][0], pages[n][1]);
    pageLabel(line, n, pages.length);
    return pages.length;
  }

  /* Lists in one column (what every group agrees on, where the room splits) that do not all
     fit share its height: each an equal part, except that a list needing less keeps its own
     height and leaves the rest to the others. A list longer than its part turns its own pages
     as a canvas box does, so every row is shown whole over a cycle and no list waits for
     another to be done. Returns how many lists have pages. */
  function sharedPages(column, listSelector, itemSelector, tick) {
    var lists = Array.prototype.slice.call(column.querySelectorAll(listSelector));
    delete column.dataset.shared;
    lists.forEach(function (list) {
      delete list.dataset.share;
      unpage(list, itemSelector);
    });
    if (fits(column)) return 0;
    column.dataset.shared = "true";
    /* Giving a short list its own height only makes the others' parts larger: repeat until
       no other list fits whole. */
    for (var changed = true; changed;) {
      changed = false;
      lists.forEach(function (list) {
        if (!list.dataset.share && fits(list)) { list.dataset.share = "own"; changed = true; }
      });
    }
    var paged = 0;
    lists.forEach(function (list) {
      if (!list.dataset.share && boxPages(list, itemSelector, tick) > 1) paged += 1;
    });
    return paged;
  }

  function shrink(root, el) {
    var min = window.innerWidth * 0.0125;
    el.style.fontSize = "";
    var size = parseFloat(getComputedStyle(el).fontSize);
    while (!fits(root) && size * 0.92 >= min) {
      size *= 0.92;
      el.style.fontSize = size + "px";
    }
  }

  function showPage(items) {
    var page = paging.pages[paging.page] || [0, items.length];
    showRange(items, page[0], page[1]);
    var total = paging.pages.length;
    indicator.hidden = total < 2;
    if (total < 2) return;
    pageLabel(indicator, paging.page, total);
  }

  function fit() {
    var state = Cafe.state;
    var session = state && state.session;
    var display = (session && session.projector) || {};
    var activity = session && state.activities[session.current];
    var join = !activity || display.join_screen;
    body.dataset.join = join ? "screen" : "strip";
    body.dataset.strip = display.join_strip === false ? "off" : "on";
    joinScreen.hidden = !join;
    var root = document.querySelector("#stage > .activity");
    var rule = activity && fitRule(activity.kind);
    var items = [];
    paging.boxes = 0;
    if (!join && root && rule) {
      if (paging.activity !== activity.id) { paging.page = 0; paging.tick = 0; }
      paging.activity = activity.id;
      if (rule.clamp) {
        /* Cut a prompt to two lines only when it needs the room: a quarter of the stage. */
        root.querySelectorAll(rule.clamp).forEach(function (el) {
          delete el.dataset.clamp;
          if (el.offsetHeight > root.clientHeight / 4) el.dataset.clamp = "true";
        });
      }
      if (rule.pages) {
        items = interleave(Array.prototype.slice.call(root.querySelectorAll(rule.pages)));
        indicator.hidden = true;  /* measure with the foot as it will be */
        items.forEach(function (item) { delete item.dataset.clamp; });
        showRange(items, 0, items.length);
        if (!fits(root)) {
          indicator.hidden = false;
          indicator.textContent = Cafe.t("projector_page", { n: 9, total: 9 });
          paging.pages = paginate(root, items);
          /* Cards are shown whole; only one too long for the screen even alone is cut. */
          paging.pages.forEach(function (page) {
            if (page[1] - page[0] !== 1) return;
            showRange(items, page[0], page[1]);
            if (!fits(root)) items[page[0]].dataset.clamp = "true";
          });
        } else {
          paging.pages = [[0, items.length]];
        }
        paging.page = Math.min(paging.page, paging.pages.length - 1);
      }
      if (rule.lead) {
        var list = root.querySelector(rule.lead);
        if (list) {
          var more = rule.more ? root.querySelector(rule.more) : null;
          var extra = more ? parseInt((more.textContent.match(/\d+/) || ["0"])[0], 10) : 0;
          if (more) more.hidden = true;
          lead(list, function () { return fits(root); },
               Array.prototype.slice.call(list.querySelectorAll(rule.items)), extra);
        }
      }
      (rule.shared || []).forEach(function (three) {
        root.querySelectorAll(three[0]).forEach(function (column) {
          paging.boxes += sharedPages(column, three[1], three[2], paging.tick);
        });
      });
      (rule.boxPages || []).forEach(function (pair) {
        root.querySelectorAll(pair[0]).forEach(function (box) {
          if (boxPages(box, pair[1], paging.tick) > 1) paging.boxes += 1;
        });
      });
      if (rule.shrink) root.querySelectorAll(rule.shrink).forEach(function (el) { shrink(root, el); });
    }
    if (!rule || !rule.pages || join) paging.pages = [];
    showPage(items);
    schedule(!join && ((rule && rule.pages && paging.pages.length > 1) || paging.boxes > 0));
    body.dataset.fitted = join ? "join" : String(activity ? activity.id : "");
  }

  /* One steady clock turns the pages: updates (new cards) redraw the current page but do not
     restart it, or a busy wall would never get past its first page. */
  function schedule(active) {
    if (!active) {
      clearInterval(paging.timer);
      paging.timer = null;
      return;
    }
    if (paging.timer) return;
    paging.timer = setInterval(function () {
      paging.page = (paging.page + 1) % Math.max(1, paging.pages.length);
      paging.tick += 1;
      fit();
    }, PAGE_SECONDS * 1000);
  }

  function counts(c) {
    document.querySelectorAll("[data-count=joined]").forEach(function (el) { el.textContent = c.joined; });
  }

  /* The join screen's title and its other-language lines under it (as templates/projector.html
     draws them), redrawn from every `session` message: a title renamed in the editor during
     the evening shows without a reload. The projector speaks the session's language, so
     `title` is the session's own and `titles` the others. */
  function showTitle(session) {
    var heading = document.getElementById("join-title");
    if (!heading || !session) return;
    var title = session.title || "";
    if (heading.textContent !== title) heading.textContent = title;
    if (title && document.title !== title) document.title = title;
    var others = session.titles || {};
    var langs = Object.keys(others);
    var old = joinScreen.querySelectorAll(".join-title-other");
    var same = old.length === langs.length && Array.prototype.every.call(old, function (p, i) {
      return p.lang === langs[i] && p.textContent === others[langs[i]];
    });
    if (same) return;  // nothing moves: the join screen keeps its fitted layout
    old.forEach(function (p) { p.remove(); });
    var after = heading;
    langs.forEach(function (lang) {
      var p = document.createElement("p");
      p.className = "join-title-other";
      p.lang = lang;
      p.dir = "auto";
      p.textContent = others[lang];
      after.after(p);
      after = p;
    });
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(fit, 150);
  });
  /* An image that arrives later (the word cloud) changes the layout: fit again. */
  document.getElementById("stage").addEventListener("load", function () { fit(); }, true);
  Cafe.fitProjector = fit;
  Cafe.live({ audience: "projector", onParticipants: counts, onSession: showTitle, afterRender: fit });
})();
