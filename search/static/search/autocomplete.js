// Title suggestions for every search box that names an autocomplete URL. Without this
// script the form still searches; with it, the browser's own datalist offers titles.
(function () {
  "use strict";
  document.querySelectorAll("form[data-autocomplete]").forEach(function (form) {
    var input = form.querySelector("input[list]");
    var list = input && document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    var timer = null;
    var controller = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var typed = input.value.trim();
      if (typed.length < 2) {
        list.replaceChildren();
        return;
      }
      timer = setTimeout(function () {
        if (controller) {
          controller.abort();
        }
        controller = new AbortController();
        var url = form.dataset.autocomplete + "?q=" + encodeURIComponent(typed);
        fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              return option;
            }));
          })
          .catch(function () { /* a newer request replaced this one, or the network failed */ });
      }, 150);
    });
  });
})();
