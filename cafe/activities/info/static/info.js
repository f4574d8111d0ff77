/* A slide: title and text, the same for every audience. */
(function () {
  "use strict";
  function renderer(audience) {
    return {
      mount: function (el, activity) {
        el.appendChild(Cafe.clone("tpl-info-" + audience));
        this.update(el, activity);
      },
      update: function (el, activity) {
        Cafe.setText(el, ".activity-title", activity.title, activity.title_lang);
        Cafe.setText(el, ".info-text", activity.data.text || activity.prompt, activity.prompt_lang);
      },
    };
  }
  Cafe.register("info", {
    phone: renderer("phone"), projector: renderer("projector"), console: renderer("console"),
    /* A long text shrinks until it fits. */
    fit: { shrink: ".info-text" },
  });
})();
