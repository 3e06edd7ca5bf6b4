/* The map images take 2.5 to 3.5 s to draw on the server. A plain link would give no sign of
 * life in that time, so a click on "Kaart (PNG/SVG)" fetches the image itself, shows that it is
 * being made (text and aria-busy), and then hands it to the browser as a download with the
 * server's file name. Without JavaScript the links still work as plain downloads.
 */
(function () {
  "use strict";

  var BUSY = { nl: "Kaart wordt gemaakt…", en: "Drawing the map…" };
  var FAILED = { nl: "Kaart maken mislukt", en: "Map image failed" };

  function language() {
    return document.documentElement.lang === "en" ? "en" : "nl";
  }

  function fileName(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="([^"]+)"/.exec(header);
    return match ? match[1] : fallback;
  }

  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("#download-png, #download-svg");
    if (!link || link.getAttribute("aria-busy") === "true" || !window.fetch) return;
    event.preventDefault();
    var label = link.textContent;
    link.setAttribute("aria-busy", "true");
    link.textContent = BUSY[language()];
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        var name = fileName(response, "kansenkaart");
        return response.blob().then(function (blob) { return [blob, name]; });
      })
      .then(function (result) {
        var url = URL.createObjectURL(result[0]);
        var save = document.createElement("a");
        save.href = url;
        save.download = result[1];
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        link.textContent = label;
      })
      .catch(function () {
        link.textContent = FAILED[language()];
        setTimeout(function () { link.textContent = label; }, 4000);
      })
      .finally(function () { link.removeAttribute("aria-busy"); });
  });
})();
