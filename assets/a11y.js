/* Accessibility repairs for Dash 4's own components, applied as the page renders.
 *
 * axe-core (tests/browser/test_accessibility.py) finds in Dash 4.4's markup:
 *  - option lists of Checklist and RadioItems (not the Dropdown menu) are role=listbox with role=option labels that wrap a
 *    native input: "nested interactive" and "listbox without a name". Native checkboxes and radios
 *    inside labels are accessible on their own, so the ARIA roles are removed;
 *  - Dropdown puts a focusable input with aria-hidden in front of its button (tabindex -1):
 *    the button takes the focus instead, and is named by its visible <label>.
 */
(function () {
  "use strict";

  function repairOptionLists(root) {
    root.querySelectorAll(".dash-checklist, .dash-radioitems").forEach(function (list) {
      if (list.hasAttribute("role")) list.removeAttribute("role");
      list.querySelectorAll("[role=option], [aria-selected]").forEach(function (option) {
        if (option.hasAttribute("role")) option.removeAttribute("role");
        if (option.hasAttribute("aria-selected")) option.removeAttribute("aria-selected");
      });
    });
  }

  function repairDropdowns(root) {
    root.querySelectorAll(".dash-dropdown-wrapper").forEach(function (wrapper) {
      var target = wrapper.querySelector(".dash-dropdown-focus-target");
      var button = wrapper.querySelector("button.dash-dropdown");
      if (!target || !button) return;
      if (target.getAttribute("tabindex") !== "-1") target.setAttribute("tabindex", "-1");
      if (button.getAttribute("tabindex") !== "0") button.setAttribute("tabindex", "0");
      var label = button.id && document.querySelector('label[for="' + button.id + '"]');
      var named = button.getAttribute("aria-labelledby") || "";
      if (label && label.id && named.split(" ").indexOf(label.id) === -1) {
        button.setAttribute("aria-labelledby", (label.id + " " + named).trim());
      }
    });
  }

  var pending = false;
  function repair() {
    pending = false;
    repairOptionLists(document);
    repairDropdowns(document);
  }

  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(repair);
    }
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["role", "aria-selected", "tabindex"],
  });
})();
