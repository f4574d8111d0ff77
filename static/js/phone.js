/* The phone: the current activity, one screen at a time. */
(function () {
  "use strict";
  Cafe.live({ audience: "phone" });
  var select = document.getElementById("lang-select");
  if (select) {
    select.addEventListener("change", function () { document.getElementById("lang-form").submit(); });
  }
})();
