/* 规范性文件 list: filter the table by validity in place.
   Without this script every filter link opens the static page of its state,
   so the list works the same with JavaScript off. */
(function () {
  "use strict";
  var filter = document.querySelector("[data-validity-filter]");
  var table = document.querySelector(".document-table");
  var summary = document.getElementById("listing-summary");
  if (!filter || !table || !table.tBodies.length || !summary) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var links = Array.prototype.slice.call(filter.querySelectorAll("a[data-state]"));
  var empty = body.insertRow();
  var cell = empty.insertCell();
  cell.colSpan = table.tHead.rows[0].cells.length;
  cell.textContent = "暂无内容。";
  empty.hidden = true;

  function show(link) {
    var state = link.getAttribute("data-state");
    var shown = 0;
    rows.forEach(function (row) {
      var match = !state || row.getAttribute("data-validity") === state;
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    empty.hidden = shown > 0;
    links.forEach(function (other) {
      if (other === link) {
        other.setAttribute("aria-current", "page");
      } else {
        other.removeAttribute("aria-current");
      }
    });
    table.caption.textContent = link.getAttribute("data-title");
    summary.textContent = link.getAttribute("data-summary");  // role="status": read out
  }

  filter.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-state]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;  // let the browser open the state's page, e.g. in a new tab
    }
    event.preventDefault();
    show(link);
  });
}());
