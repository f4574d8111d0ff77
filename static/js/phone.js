/* The phone: the current activity, one screen at a time. */
(function () {
  "use strict";
  var state = Cafe.live({ audience: "phone" });
  var select = document.getElementById("lang-select");
  if (select) {
    select.addEventListener("change", function () { document.getElementById("lang-form").submit(); });
  }

  /* For people who read with difficulty: the browser reads the question in the page's language. */
  var readButton = document.getElementById("read-aloud");
  if (readButton && "speechSynthesis" in window) {
    readButton.hidden = false;
    readButton.addEventListener("click", function () {
      var current = state.session && state.activities[state.session.current];
      var text = current ? [current.title, current.prompt].filter(Boolean).join(". ")
                         : document.getElementById("stage").innerText;
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = document.documentElement.lang;
      utterance.rate = 0.9;
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(utterance);
    });
  }
})();
