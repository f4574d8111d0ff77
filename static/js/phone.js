/* The phone: the current activity, one screen at a time; at the end, what this person gave. */
(function () {
  "use strict";
  var readButton = document.getElementById("read-aloud");
  var recap = document.getElementById("recap");
  var state = Cafe.live({ audience: "phone", onSession: refresh, onActivity: refresh });
  var select = document.getElementById("lang-select");
  if (select) {
    select.addEventListener("change", function () { document.getElementById("lang-form").submit(); });
  }

  function current() {
    return state.session && state.activities[state.session.current];
  }

  /* What there is to read aloud, each text with the language it is written in: the
     activity's title and prompt, and a World Café round's question. Nothing (the waiting
     screen), no button. */
  function texts() {
    var activity = current();
    if (!activity) return [];
    var round = activity.data && activity.data.round;
    return [
      { text: activity.title, lang: activity.title_lang },
      { text: activity.prompt, lang: activity.prompt_lang },
      round && { text: Cafe.pick(round.question_texts, round.question),
                 lang: Cafe.pickLang(round.question_texts, round.question_lang) },
    ].filter(function (t) { return t && t.text; });
  }

  /* The languages of the facilitator's texts that are not the reader's: the phone says so,
     in the reader's language, before them ("This question is only in Dutch."). */
  var note = document.getElementById("lang-note");
  var names = Cafe.config.language_names || {};
  function noteText() {
    var mine = document.documentElement.lang, others = [];
    texts().forEach(function (t) {
      if (t.lang && t.lang !== mine && others.indexOf(t.lang) < 0) others.push(t.lang);
    });
    if (!others.length) return "";
    return Cafe.t("only_in", { language: others.map(function (l) { return names[l] || l; }).join(", ") });
  }

  /* What read-aloud says: the note in the reader's language, then each text in its own; texts
     in one language after another go out as one utterance. */
  function readable() {
    var parts = [], line = noteText();
    if (line) parts.push({ text: line, lang: document.documentElement.lang });
    texts().forEach(function (t) {
      var lang = t.lang || document.documentElement.lang;
      var last = parts[parts.length - 1];
      if (last && last.lang === lang) last.text += ". " + t.text;
      else parts.push({ text: t.text, lang: lang });
    });
    return parts;
  }

  /* The closing screen: the last activity of the agenda is on, or every activity is closed. */
  function closing() {
    var agenda = (state.session && state.session.agenda) || [];
    if (!agenda.length) return false;
    var last = agenda[agenda.length - 1].id;
    if (state.session.current != null) return state.session.current === last;
    return agenda.every(function (a) { return a.status === "closed"; });
  }

  var recapAsked = false;
  function refresh() {
    if (readButton) readButton.hidden = !("speechSynthesis" in window) || !texts().length;
    if (note) {
      var line = noteText();
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
