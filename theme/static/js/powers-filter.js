/* 权责清单: instant filter by kind, department and text. Without JS the per-kind and
   per-department pages do the same job, so the form stays hidden until this runs. */
(function () {
  "use strict";
  var form = document.getElementById("power-filter");
  var table = document.getElementById("power-table");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-kind]"));
  var empty = table.querySelector(".power-table__empty");
  var status = form.querySelector("[role=status]");

  function apply() {
    var kind = form.elements.kind.value;
    var department = form.elements.department.value;
    var text = form.elements.text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var match = (!kind || row.getAttribute("data-kind") === kind) &&
        (!department || row.getAttribute("data-department") === department) &&
        (!text || (row.cells[0].textContent + row.querySelector(".power-table__code").textContent).toLowerCase().indexOf(text) !== -1);
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    empty.hidden = shown > 0;
    status.textContent = shown === rows.length
      ? "显示全部 " + rows.length + " 项。"
      : "筛选出 " + shown + " 项（共 " + rows.length + " 项）。";
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
})();
