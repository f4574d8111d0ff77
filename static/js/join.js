/* The join form, in a browser that runs scripts: the server may then answer the form with the
   phone page itself instead of a redirect to it (one round trip less on a slow network; the
   page shows its own address, /s/<code>, by cafe.js). Without scripts the form gets the usual
   redirect, so reloading the phone page never sends the form again. Inlined in the page. */
(function () {
  "use strict";
  var field = document.getElementById("join-script");
  if (field) field.value = "1";
})();
