/* The feedback links (kansenkaart/feedback.py) name the view by its absolute address. Without
 * PUBLIC_URL the server does not know that address (it never trusts a request's Host header), so
 * it writes a placeholder in the link, and the page fills in its own origin here, whenever such
 * a link appears or changes.
 */
(function () {
  "use strict";

  var MARK = "%7Borigin%7D"; // BROWSER_ORIGIN, URL-encoded as it stands in the link

  function fill(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("a.feedback-link").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href && href.indexOf(MARK) !== -1) {
        link.setAttribute("href", href.split(MARK).join(encodeURIComponent(window.location.origin)));
      }
    });
  }

  new MutationObserver(function () {
    fill(document);
  }).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["href"],
  });
  fill(document);
})();
