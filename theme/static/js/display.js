/* 适老化 display modes (大字版, 高对比度): a class on <html>, remembered across pages.
   Loaded in <head> without defer, so a remembered mode applies before the first paint.
   Without JavaScript the toggles stay hidden; see the 无障碍说明 link and site.css. */
(function () {
  "use strict";
  var MODES = ["large-text", "high-contrast"];
  var STORAGE_PREFIX = "disclosure-display:";
  var root = document.documentElement;

  function remembered(mode) {
    try {
      return window.localStorage.getItem(STORAGE_PREFIX + mode) === "on";
    } catch (error) {  // storage disabled: the mode lasts for this page only
      return false;
    }
  }

  function remember(mode, on) {
    try {
      if (on) {
        window.localStorage.setItem(STORAGE_PREFIX + mode, "on");
      } else {
        window.localStorage.removeItem(STORAGE_PREFIX + mode);
      }
    } catch (error) {
      // storage disabled: nothing to keep
    }
  }

  function toggles() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-display]"), function (button) {
      return MODES.indexOf(button.getAttribute("data-display")) !== -1;
    });
  }

  function apply() {
    MODES.forEach(function (mode) {
      root.classList.toggle(mode, remembered(mode));
    });
    toggles().forEach(function (button) {
      button.setAttribute("aria-pressed", String(root.classList.contains(button.getAttribute("data-display"))));
    });
  }

  root.classList.add("js");
  apply();
  document.addEventListener("DOMContentLoaded", function () {
    apply();
    toggles().forEach(function (button) {
      button.addEventListener("click", function () {
        var mode = button.getAttribute("data-display");
        var on = root.classList.toggle(mode);
        button.setAttribute("aria-pressed", String(on));
        remember(mode, on);
      });
    });
  });
  // A page restored by the Back button, or a change made in another tab, shows the current choice.
  window.addEventListener("pageshow", apply);
  window.addEventListener("storage", apply);
}());
