// The explorer's filters, sorting, row count and CSV download. No library, nothing fetched:
// the rows are the table's own, and each row's codes are in its data- attributes.
(function () {
  "use strict";
  var form = document.getElementById("explorer-filters");
  var table = document.getElementById("explorer-table");
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("explorer-count");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-key]"));
  var search = document.getElementById("filter-text");
  var lang = document.documentElement.lang || "en";
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });

  function shownRows() {
    return rows.filter(function (row) { return !row.hidden; });
  }

  function apply() {
    var wanted = selects.map(function (s) { return [s.dataset.key, s.value]; })
      .filter(function (pair) { return pair[1] !== ""; });
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, i) {
      var keep = wanted.every(function (pair) { return row.getAttribute("data-" + pair[0]) === pair[1]; })
        && words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    count.textContent = form.dataset.shown
      .replace("{shown}", shown.toLocaleString(lang))
      .replace("{total}", rows.length.toLocaleString(lang));
  }

  function sortBy(th, index) {
    var kind = th.dataset.sort;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
      var mark = cell.querySelector(".mark");
      if (mark) mark.textContent = " \u2195";
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    th.querySelector(".mark").textContent = ascending ? " \u2191" : " \u2193";
    var collator = new Intl.Collator(lang);
    var keyed = rows.map(function (row, i) {
      var cell = row.cells[index];
      var value = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
      return { row: row, i: i, value: kind === "number" ? Number(value) : value };
    });
    keyed.sort(function (a, b) {
      var order = kind === "number" ? a.value - b.value : collator.compare(a.value, b.value);
      if (!ascending) order = -order;
      return order || a.i - b.i;
    });
    rows = keyed.map(function (k) { return k.row; });
    texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function csvField(value) {
    var text = String(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  var COLUMNS = ["figure_id", "country_iso3", "group", "count", "qualifier", "date", "event_id",
    "operation", "channel", "publisher", "url", "quote", "translation"];

  function csv() {
    var lines = [COLUMNS.join(",")];
    shownRows().forEach(function (row) {
      var d = row.dataset;
      var quote = row.querySelector("q.quote");
      var translated = row.querySelector("q.translated");
      lines.push([d.id, d.country, d.group, d.count, d.qualifier, d.date, d.event_id,
        d.event_id ? row.cells[4].textContent.trim() : "", d.channel,
        row.querySelector("td.publisher").textContent.trim(), d.url,
        quote ? quote.textContent : "", translated ? translated.textContent : ""]
        .map(csvField).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function download() {
    var blob = new Blob(["\ufeff" + csv()], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "central-asia-returnees-figures.csv";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    if (!th.dataset.sort) return;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    button.title = table.dataset.sortLabel;
    // The arrow shows the order; screen readers hear it from aria-sort instead.
    var mark = document.createElement("span");
    mark.className = "mark";
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = " \u2195";
    button.appendChild(mark);
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th, index); });
  });
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  document.getElementById("explorer-download").addEventListener("click", download);
  document.getElementById("explorer-no-script").hidden = true;
  form.hidden = false;
  apply();
})();
