// wfrun console: the live parts. Pages are whole without it; with it, every element marked
// data-refresh (a runs table, a run's summary, tasks and conditions, a Workflow's recent runs)
// is fetched again every 2 s until it says data-final, and a running run's log is followed as it is
// written. Server HTML is this origin's own, escaped by the templates; log text goes in as text.
(function () {
  "use strict";
  var REFRESH_MS = 2000;

  function refresh(id) {
    var target = document.getElementById(id);
    if (!target) { return; }
    fetch(window.location.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { setTimeout(function () { refresh(id); }, REFRESH_MS * 2); return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(id);
        if (fresh) {
          target.replaceWith(fresh);
          if (fresh.getAttribute("data-final") === "true") { return; }
        }
        setTimeout(function () { refresh(id); }, REFRESH_MS);
      })
      .catch(function () { setTimeout(function () { refresh(id); }, REFRESH_MS * 2); });
  }

  function follow(pre) {
    var url = pre.getAttribute("data-follow");
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok || !response.body) { return; }
      pre.textContent = "";
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var pending = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return; }
          pending += decoder.decode(chunk.value, { stream: true });
          var lines = pending.split("\n");
          pending = lines.pop();
          lines.forEach(function (text) {
            if (!text) { return; }
            var line = JSON.parse(text);
            var out = line.error ? "! " + line.error : (line.timestamp || "-") + " [" + line.task + "] " + line.log;
            pre.appendChild(document.createTextNode(out + "\n"));
          });
          pre.scrollTop = pre.scrollHeight;
          return pump();
        });
      }
      return pump();
    }).catch(function () { /* the page still shows the lines read when it was served */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-refresh]").forEach(function (live) {
      if (live.id && live.getAttribute("data-final") !== "true") {
        setTimeout(function () { refresh(live.id); }, REFRESH_MS);
      }
    });
    var pre = document.getElementById("logs");
    if (pre && pre.getAttribute("data-final") !== "true") {
      follow(pre);
    }
  });
})();
