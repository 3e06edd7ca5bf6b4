/* "Alle filters wissen" right after typing a search: the search box commits what was typed
 * 0.4 s after the last key (dcc.Input's debounce), which would land after the reset and bring
 * the search back. Pressing the button first empties the box the way typing would (React sees
 * an ordinary input event), so the pending commit is an empty search and the reset stands.
 */
(function () {
  "use strict";

  function emptySearch(event) {
    var target = event.target;
    if (!target || !target.closest || !target.closest("#reset-filters")) return;
    if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
    var search = document.getElementById("search");
    if (!search || search.value === "") return;
    var setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    setter.call(search, "");
    search.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("pointerdown", emptySearch, true);
  document.addEventListener("keydown", emptySearch, true);
})();
