/* The projector: join code and QR, participant count, the current activity in large type. */
(function () {
  "use strict";
  Cafe.live({ audience: "projector", onParticipants: Cafe.showCounts });
})();
