/// The app's one hand-written script, served at /assets/app.js. Pages work without it; it adds the
/// search typeahead on Recommend and the live genre prediction on Genres.
enum Script {
    static let javaScript = #"""
        "use strict";
        (function () {
          function esc(s) {
            return String(s).replace(/[&<>"']/g, function (c) {
              return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
            });
          }
          // Typeahead: <input data-suggest="LINK"> inside .suggest, results under it from /api/search, each
          // linked to LINK + the track's id (the page puts its playlist into LINK).
          document.querySelectorAll("input[data-suggest]").forEach(function (input) {
            var link = input.getAttribute("data-suggest") || "/recommend?track=";
            var list = document.createElement("ul");
            list.hidden = true;
            input.parentNode.appendChild(list);
            var timer = null, last = "";
            input.setAttribute("autocomplete", "off");
            input.addEventListener("input", function () {
              clearTimeout(timer);
              timer = setTimeout(function () {
                var q = input.value.trim();
                if (q.length < 2) { list.hidden = true; return; }
                if (q === last) { return; }
                last = q;
                fetch("/api/search?q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (data) {
                  if (!data.tracks || data.tracks.length === 0) { list.hidden = true; return; }
                  list.innerHTML = data.tracks.map(function (t) {
                    return '<li><a href="' + esc(link + encodeURIComponent(t.track_id)) + '">' + esc(t.label) + "</a></li>";
                  }).join("");
                  list.hidden = false;
                }).catch(function () { list.hidden = true; });
              }, 150);
            });
          });
          // Live genre prediction: sliders in form#genre-form, answer in #genre-answer.
          var form = document.getElementById("genre-form");
          if (form) {
            var answer = document.getElementById("genre-answer");
            var pending = null;
            var update = function () {
              form.querySelectorAll("input[type=range]").forEach(function (slider) {
                var out = form.querySelector('output[for="' + slider.id + '"]');
                // The label may carry separators like the server's; the slider's value never does.
                var v = Number(slider.value);
                if (out) { out.value = Math.abs(v) >= 10000 ? v.toLocaleString("en-US") : slider.value; }
              });
              clearTimeout(pending);
              pending = setTimeout(function () {
                var query = new URLSearchParams(new FormData(form)).toString();
                fetch("/api/genres/predict?" + query).then(function (r) { return r.json(); }).then(function (data) {
                  if (!data.predictions) { answer.textContent = data.error || "no prediction"; return; }
                  answer.innerHTML = "<ol>" + data.predictions.map(function (p) {
                    return "<li><b>" + esc(p.genre) + "</b> " + (p.probability * 100).toFixed(1) + "%</li>";
                  }).join("") + "</ol>" + '<p class="note" id="genre-answered-by">Answered by champion run ' + esc(data.run_id)
                    + " (" + esc(data.feature_set) + " features, " + esc(data.algorithm)
                    + (typeof data.accuracy === "number" ? ", holdout accuracy " + data.accuracy.toFixed(3) : "") + ")</p>";
                }).catch(function () {});
              }, 120);
            };
            form.addEventListener("input", update);
          }
        })();
        """#
}
