/* The phone: the current activity, one screen at a time; at the end, what this person gave. */
(function () {
  "use strict";
  var readButton = document.getElementById("read-aloud");
  var recap = document.getElementById("recap");
  var note = document.getElementById("lang-note");
  var names = Cafe.config.language_names || {};
  var stage = document.getElementById("stage");
  Cafe.live({ audience: "phone", afterRender: refresh });
  var select = document.getElementById("lang-select");
  if (select) {
    select.addEventListener("change", function () { document.getElementById("lang-form").submit(); });
  }

  function pageLang() { return document.documentElement.lang; }

  /* What there is to read aloud: what the kind marked `data-read-aloud` and shows (the title,
     the prompt, a round's question, the statement to vote on), each with the language it is
     written in (its `lang`, set by Cafe.setText when it is not the page's). Nothing (the
     waiting screen), no button. */
  function texts() {
    return Array.prototype.filter.call(stage.querySelectorAll("[data-read-aloud]"), function (el) {
      return el.getClientRects().length > 0 && el.textContent.trim();
    }).map(function (el) {
      return { text: el.textContent.trim(), lang: (el.closest("[lang]") || document.documentElement).lang };
    });
  }

  /* The languages of those texts that are not the reader's: the phone says so, in the reader's
     language, before them ("This question is only in Dutch."). */
  function noteText(shown) {
    var others = [];
    shown.forEach(function (t) {
      if (t.lang && t.lang !== pageLang() && others.indexOf(t.lang) < 0) others.push(t.lang);
    });
    if (!others.length) return "";
    return Cafe.t("only_in", { language: others.map(function (l) { return names[l] || l; }).join(", ") });
  }

  /* What read-aloud says: the note in the reader's language, then each text in its own; texts
     in one language after another go out as one utterance. */
  function readable() {
    var shown = texts(), parts = [], line = noteText(shown);
    if (line) parts.push({ text: line, lang: pageLang() });
    shown.forEach(function (t) {
      var last = parts[parts.length - 1];
      if (last && last.lang === t.lang) last.text += ". " + t.text;
      else parts.push({ text: t.text, lang: t.lang });
    });
    return parts;
  }

  /* The closing screen: the last activity of the agenda is on, or every activity is closed. */
  function closing() {
    var state = Cafe.state;  /* the editor's preview renders before Cafe.live returns */
    var agenda = (state.session && state.session.agenda) || [];
    if (!agenda.length) return false;
    var last = agenda[agenda.length - 1].id;
    if (state.session.current != null) return state.session.current === last;
    return agenda.every(function (a) { return a.status === "closed"; });
  }

  var recapAsked = false;
  function refresh() {
    var shown = texts();
    if (readButton) readButton.hidden = !("speechSynthesis" in window) || !shown.length;
    if (note) {
      var line = noteText(shown);
      if (note.textContent !== line) note.textContent = line;
      note.hidden = !line;
    }
    if (!recap) return;
    var show = closing();
    recap.hidden = !show;
    if (!show) { recapAsked = false; return; }
    if (recapAsked) return;
    recapAsked = true;
    Cafe.send("me:recap", {}).then(function (answer) {
      if (!answer || !answer.ok) { recapAsked = false; return; }
      Object.keys(answer.counts).forEach(function (name) {
        var row = recap.querySelector("[data-count='" + name + "'] .recap-n");
        if (row) row.textContent = String(answer.counts[name]);
      });
    });
  }
  if (Cafe.socket) Cafe.socket.on("connect", function () { recapAsked = false; });

  /* For people who read with difficulty: the browser reads each text in its own language
     (a Dutch question with a Dutch voice on an Arabic phone), the note in the reader's. */
  if (readButton && "speechSynthesis" in window) {
    readButton.addEventListener("click", function () {
      window.speechSynthesis.cancel();
      readable().forEach(function (part) {
        var utterance = new SpeechSynthesisUtterance(part.text);
        utterance.lang = part.lang;
        utterance.rate = 0.9;
        window.speechSynthesis.speak(utterance);
      });
    });
  }
})();
