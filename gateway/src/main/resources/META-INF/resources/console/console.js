// wfrun console: the live parts. Pages are whole without it; with it, the runs table and a run's
// summary, tasks and conditions refresh every 2 s, and a running run's log is followed as it is
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
    if (document.getElementById("runs")) {
      setTimeout(function () { refresh("runs-body"); }, REFRESH_MS);
    }
    var live = document.getElementById("run-live");
    if (live && live.getAttribute("data-final") !== "true") {
      setTimeout(function () { refresh("run-live"); }, REFRESH_MS);
    }
    var pre = document.getElementById("logs");
    if (pre && pre.getAttribute("data-final") !== "true") {
      follow(pre);
    }
  });
})();
