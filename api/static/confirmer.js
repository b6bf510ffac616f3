// The confirmation form's instance suggestions: the server's search (accents, case and sigles
// aside) refills the <datalist> as one types. Without this script the datalist still offers
// every known instance, and the server resolves what was typed when the form is sent.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.suggestions;
  var list = document.getElementById("liste-instances");
  if (!url || !list || !window.fetch) { return; }
  var timer = null;
  function refill(query) {
    fetch(url + "&q=" + encodeURIComponent(query), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (found) {
        if (!found.length) { return; }
        list.replaceChildren.apply(list, found.map(function (hit) {
          var option = document.createElement("option");
          option.value = hit.nom;
          return option;
        }));
      })
      .catch(function () { /* the full list stays */ });
  }
  document.querySelectorAll('input[list="liste-instances"]').forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length >= 2) { timer = setTimeout(function () { refill(query); }, 150); }
    });
  });
})();
