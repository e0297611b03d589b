// The review page's behaviour: a fact row shows its evidence in the text, a piece of evidence
// shows its facts, the table of contents filters and follows the scroll. One delegated listener
// per event, so a page of thousands of articles costs nothing to set up.
"use strict";
(function () {
  function clear(article) {
    article.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    article.querySelectorAll("tr.active").forEach(function (el) { el.classList.remove("active"); });
  }

  function targetsOf(row) {
    var text = row.closest("article").querySelector(".text");
    if (row.dataset.fact) return text.querySelectorAll('[data-ev~="' + CSS.escape(row.dataset.fact) + '"]');
    return text.querySelectorAll('[data-ent="' + CSS.escape(row.dataset.ent) + '"]');
  }

  function selectRow(row) {
    var article = row.closest("article");
    clear(article);
    row.classList.add("active");
    var targets = targetsOf(row);
    targets.forEach(function (el) { el.classList.add("hl"); });
    if (targets.length) targets[0].scrollIntoView({ block: "center", inline: "nearest" });
  }

  function selectEvidence(segment) {
    var article = segment.closest("article");
    clear(article);
    var rows = segment.dataset.ev.split(" ").map(function (id) {
      return article.querySelector('tr[data-fact="' + CSS.escape(id) + '"]');
    }).filter(Boolean);
    rows.forEach(function (row) { row.classList.add("active"); });
    if (rows.length) {
      targetsOf(rows[0]).forEach(function (el) { el.classList.add("hl"); });
      rows[0].scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  document.addEventListener("click", function (event) {
    var row = event.target.closest("tr.fact, tr.entity");
    if (row) return selectRow(row);
    var segment = event.target.closest(".text .ev");
    if (segment) selectEvidence(segment);
  });

  document.addEventListener("keydown", function (event) {
    var row = event.target.closest && event.target.closest("tr.fact, tr.entity");
    if (row && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      selectRow(row);
    }
  });

  var removed = document.getElementById("show-removed");
  removed.addEventListener("change", function () {
    document.body.classList.toggle("hide-removed", !removed.checked);
  });

  var items = Array.prototype.slice.call(document.querySelectorAll(".toc li"));
  document.getElementById("filter").addEventListener("input", function (event) {
    var wanted = event.target.value.trim().toLowerCase();
    items.forEach(function (item) { item.hidden = wanted !== "" && item.dataset.search.indexOf(wanted) < 0; });
  });

  if ("IntersectionObserver" in window) {
    var links = {};
    items.forEach(function (item) {
      var link = item.querySelector("a");
      links[link.getAttribute("href").slice(1)] = link;
    });
    var current = null;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        var link = links[entry.target.id];
        if (!link || link === current) return;
        if (current) current.classList.remove("current");
        link.classList.add("current");
        current = link;
      });
    }, { rootMargin: "-45% 0px -50% 0px" });
    document.querySelectorAll("article.article").forEach(function (article) { observer.observe(article); });
  }
})();
