/* claimgraph serve: YASGUI with the project's prefixes and the shipped queries.
   Query texts reach the editor as values, never as HTML. */
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("cg-query-data").textContent);
  var endpoint = window.location.origin + "/query";
  document.getElementById("endpoint").textContent = endpoint;
  // The prefix, class and property autocompleters ask web services (prefix.cc, LOV): only the offline one
  // stays. Set on the defaults, since a configured list is merged into them index by index.
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  if (Yasgui.defaults.yasqe) { Yasgui.defaults.yasqe.autocompleters = ["variables"]; }
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    yasqe: { value: data.start }
  });
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button.query"));
  yasgui.on("queryResponse", function (instance, tab) {
    document.body.setAttribute("data-ran", tab.getName());
  });

  function pick(name) {
    var tab = yasgui.getTab();
    var yasqe = tab.getYasqe();
    yasqe.setValue(data.queries[name]);
    tab.setName(name);
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", b.dataset.query === name ? "true" : "false"); });
    document.body.setAttribute("data-picked", name);
    document.body.removeAttribute("data-ran");
    yasqe.query();
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () { pick(button.dataset.query); });
  });
  var wanted = new URLSearchParams(window.location.search).get("pick");
  if (wanted && Object.prototype.hasOwnProperty.call(data.queries, wanted)) { pick(wanted); }
  window.claimgraphQuery = { yasgui: yasgui, pick: pick };
}());
