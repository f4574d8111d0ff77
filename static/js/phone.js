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

  /* What there is to read aloud: the activity's title and prompt, and a World Café round's
     question. Nothing (the waiting screen), no button. */
  function readable() {
    var activity = current();
    if (!activity) return "";
    var round = activity.data && activity.data.round;
    return [activity.title, activity.prompt, round && round.question].filter(Boolean).join(". ");
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
    if (readButton) readButton.hidden = !("speechSynthesis" in window) || !readable();
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

  /* For people who read with difficulty: the browser reads the question in the page's language. */
  if (readButton && "speechSynthesis" in window) {
    readButton.addEventListener("click", function () {
      var utterance = new SpeechSynthesisUtterance(readable());
      utterance.lang = document.documentElement.lang;
      utterance.rate = 0.9;
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(utterance);
    });
  }
})();
