// The SPARQL editor page: YASGUI on this service's /sparql. Nothing is fetched from elsewhere:
// the class/property autocompleters (which ask LOV on the web) are off, and no endpoint catalogue.
(function () {
  const config = JSON.parse(document.getElementById("editor-config").textContent);
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: () => [{ endpoint: config.endpoint }] },
    yasqe: { autocompleters: ["variables"], value: config.query },
    yasr: { prefixes: config.prefixes },
  });
  const tab = () => yasgui.getTab();
  tab().setQuery(config.query);
  window.policykgEditor = yasgui;
  // YASGUI leaves some controls unnamed for screen readers; name them (in the page's language) as
  // they appear, results table included.
  const ui = JSON.parse(document.getElementById("ui-messages").textContent);
  const names = [[".autocomplete", "sparql.endpoint"], ["textarea", "sparql.query"],
                 ["select.tableSizer", "sparql.rows"], ["input[type=search], .tableFilter", "sparql.filter"],
                 ["input, select, textarea", "sparql.control"]];
  const label = () => {
    for (const [selector, key] of names) {
      document.querySelectorAll("#yasgui " + selector).forEach((el) => {
        if (!el.getAttribute("aria-label") && !el.labels?.length) el.setAttribute("aria-label", ui[key]);
      });
    }
    // the editor's scrolling box is reachable by keyboard
    document.querySelectorAll("#yasgui .CodeMirror-scroll[tabindex='-1']").forEach((el) => el.setAttribute("tabindex", "0"));
  };
  label();
  new MutationObserver(label).observe(document.getElementById("yasgui"), { childList: true, subtree: true });  // for the browser tests and the curious
  document.querySelectorAll("button[data-example]").forEach((button) => {
    button.addEventListener("click", () => {
      tab().setQuery(config.examples[Number(button.dataset.example)].query);
      tab().query();
    });
  });
})();
