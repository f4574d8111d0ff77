/* The phone's "withdraw all my contributions" button: sent live, so the room's screens update. */
(function () {
  "use strict";
  var form = document.getElementById("withdraw-form");
  if (!form || !window.Cafe) return;
  var status = document.getElementById("withdraw-status");
  var button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", function (event) {
    if (!Cafe.socket || !Cafe.socket.connected) return; /* the plain form post still works */
    event.preventDefault();
    button.disabled = true;
    status.textContent = Cafe.t("sending");
    Cafe.send("me:withdraw", {}).then(function (answer) {
      button.disabled = false;
      var text = answer && answer.ok ? form.dataset.done : (answer && answer.message) || Cafe.t("not_saved");
      status.textContent = text;
      Cafe.announce(text);
    });
  });
})();
