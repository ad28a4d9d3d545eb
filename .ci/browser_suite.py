#!/usr/bin/env python3
"""Real-browser suite for `jukebox serve`, run by .ci/browser-test.sh.

Drives headless Chromium through Selenium (the system chromedriver, never Selenium Manager) the way a person
uses the app: types into forms and presses their buttons, follows suggestions and links, moves sliders and
downloads files, then reads the answer from the page and checks it against the same question asked of the
`jukebox` command line on the same warehouse. Each scenario also fails on a SEVERE browser console entry
(script error, blocked resource, failed load) unless it is an expected 4xx the scenario provokes on purpose.

Environment: JUKEBOX_URL (the server), JUKEBOX_DB (its warehouse), JUKEBOX_BIN (the binary), BROWSER_SHOTS
(screenshot folder), BROWSER_DOWNLOADS (an empty folder for downloads), CHROMEDRIVER (default
/usr/bin/chromedriver), CHROMIUM (default: chromium on the PATH). Prints one line per scenario and closes with
`browser-test: N passed, M failed`; exits 1 when any scenario failed.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["JUKEBOX_URL"].rstrip("/")
DB = os.environ["JUKEBOX_DB"]
BIN = os.environ["JUKEBOX_BIN"]
SHOTS = os.environ.get("BROWSER_SHOTS", ".build-browser/screenshots")
DOWNLOADS = os.environ["BROWSER_DOWNLOADS"]
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
WAIT = 15  # seconds for any one thing to appear

SQL_QUERY = "SELECT genres, count(*) AS tracks FROM v_tracks GROUP BY genres ORDER BY tracks DESC LIMIT 5"
SEED_TEXT = "Gen Hoshino - Comedy"  # "artist - title" of a track in data/samples/spotify_tracks_sample.csv
PARTIAL_TITLE = "Wavin' Fl"  # part of a title in data/samples/top_hits_sample.csv (a space and a quote)
TREND_ARTIST = "Britney Spears"  # an artist with a space, with release years in the top hits sample
TREND_GENRE = "hip hop"  # a genre with a space
LISTENER = "anna"  # loaded by browser-test.sh from data/samples/history
PLAYLIST_TYPED = "permanent wave"  # a playlist of data/samples/spotify_playlists_sample.csv, typed in another case


class Failure(AssertionError):
    pass


def check(condition, expected, seen):
    """Fails with what was expected and what was seen."""
    if not condition:
        raise Failure(f"expected {expected}; saw {seen}")


# ---- the command line: the independent answers --------------------------------------------------------------

def cli(*args):
    run = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        raise Failure(f"expected `jukebox {' '.join(args)}` to succeed; it exited {run.returncode}: {run.stderr.strip()[:400]}")
    return run.stdout


def cli_json(*args):
    out = cli(*args, "--db", DB, "--format", "json")
    start = out.find("[")  # some commands print a note such as "(from the stored neighbours table)" first
    return json.loads(out[start:]) if start >= 0 else []


def sql(query):
    return cli_json("sql", query)


def quote(text):
    return "'" + text.replace("'", "''") + "'"


# ---- the browser --------------------------------------------------------------------------------------------

def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                     "--no-first-run", "--window-size=1280,1800", "--disable-extensions", "--disable-background-networking"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {
        "download.default_directory": DOWNLOADS, "download.prompt_for_download": False,
        "download.directory_upgrade": True, "safebrowsing.enabled": False,
    })
    # An explicit driver path: Selenium Manager never runs, so nothing is downloaded.
    service = Service(executable_path=CHROMEDRIVER, log_output=os.path.join(SHOTS, "..", "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": DOWNLOADS})
    driver.set_page_load_timeout(60)
    return driver


class Page:
    """The one browser, with the helpers the scenarios share."""

    def __init__(self, driver):
        self.d = driver

    def open(self, path):
        self.d.get(BASE + path)
        self.loaded()

    def loaded(self):
        WebDriverWait(self.d, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def css(self, selector):
        return self.d.find_elements(By.CSS_SELECTOR, selector)

    def one(self, selector, what=None):
        try:
            return WebDriverWait(self.d, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, selector)))
        except TimeoutException:
            raise Failure(f"expected {what or selector} on {self.d.current_url}; it did not appear within {WAIT} s"
                          f"{self.error_text()}") from None

    def error_text(self):
        errors = [e.text for e in self.css("p.error")]
        return f" (the page says: {' | '.join(errors)})" if errors else ""

    def submit(self, button):
        """Clicks a submit button or link and waits for the next page to load."""
        self.mark()
        button.click()
        self.next_page()

    def mark(self):
        """Marks the current document, so next_page can tell when another one has replaced it."""
        self.d.execute_script("window.__jukeboxOldPage = true")

    def next_page(self):
        # Element handles of the old page can fail with driver errors while it unloads, so the wait asks the
        # window instead, ignoring errors in between.
        try:
            WebDriverWait(self.d, WAIT, ignored_exceptions=(WebDriverException,)).until(lambda d: d.execute_script(
                "return !window.__jukeboxOldPage && document.readyState === 'complete'"))
        except TimeoutException:
            raise Failure(f"expected a new page after the action; still on {self.d.current_url} after {WAIT} s") from None

    def no_error(self):
        errors = [e.text for e in self.css("p.error")]
        check(not errors, f"no error paragraph on {self.d.current_url}", f"p.error: {' | '.join(errors)}")

    def query(self):
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.d.current_url).query, keep_blank_values=True)

    def shot(self, name):
        self.d.save_screenshot(os.path.join(SHOTS, name + ".png"))

    def console(self):
        return self.d.get_log("browser")

    def download(self, link, expected_name):
        """Clicks a download link the way a person does and returns the saved file's bytes."""
        for entry in os.listdir(DOWNLOADS):
            os.remove(os.path.join(DOWNLOADS, entry))
        link.click()
        path = os.path.join(DOWNLOADS, expected_name)
        deadline = time.time() + WAIT
        while time.time() < deadline:
            names = os.listdir(DOWNLOADS)
            if expected_name in names and not any(n.endswith(".crdownload") for n in names):
                with open(path, "rb") as f:
                    return f.read()
            time.sleep(0.1)
        raise Failure(f"expected the browser to save {expected_name} after clicking {link.text!r}; "
                      f"the download folder holds {os.listdir(DOWNLOADS)}")


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as reply:
        return reply.status, reply.headers.get("Content-Type", ""), reply.read()


# ---- scenarios ----------------------------------------------------------------------------------------------

def page_scenario(name, make_path, marker, what):
    def scenario(p):
        path = make_path()
        p.open(path)
        p.shot(name)
        found = p.css(marker)
        check(found, f"{what} ({marker}) on {path}", f"none; title {p.d.title!r}{p.error_text()}")
        headings = [h.text for h in p.css("main h1")]
        check(headings, f"a heading on {path}", "no <h1> in <main>")
        p.no_error()
        if marker.startswith("svg"):
            drawn = [s for s in found if s.size["width"] > 0 and s.size["height"] > 0]
            check(drawn, f"a visible chart on {path}", f"{len(found)} svg element(s), none with a size")
    scenario.__name__ = f"page {name}"
    return scenario


def table_rows(table):
    rows = table.find_elements(By.TAG_NAME, "tr")
    header = [c.text for c in rows[0].find_elements(By.TAG_NAME, "th")] if rows else []
    body = [[c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in rows[1:]]
    return header, body


def scenario_sql_console(p):
    expected = sql(SQL_QUERY)
    check(len(expected) == 5, "the CLI to return 5 rows for the console query", f"{len(expected)}: {expected}")
    want = [["NULL" if r["genres"] is None else r["genres"], str(r["tracks"])] for r in expected]

    p.open("/sql")
    box = p.one("form[action='/sql'] textarea[name=q]", "the SQL textarea")
    box.clear()
    box.send_keys(SQL_QUERY)
    p.submit(p.one("form[action='/sql'] button[type=submit]", "the Run button"))
    p.shot("sql-console-run")
    p.no_error()
    check(p.query().get("q") == [SQL_QUERY], f"the console URL to carry the typed query {SQL_QUERY!r}", p.d.current_url)
    shown = p.one("form[action='/sql'] textarea[name=q]").get_attribute("value")
    check(shown == SQL_QUERY, f"the textarea to keep the query with its spaces {SQL_QUERY!r}", repr(shown))
    header, body = table_rows(p.one("main table", "the result table"))
    check(header == ["genres", "tracks"], "header cells ['genres', 'tracks']", header)
    check(len(body) == 5, "5 result rows", f"{len(body)}: {body}")
    counts = [int(r[1].replace(",", "")) for r in body]
    check(counts == sorted(counts, reverse=True), "track counts in descending order", counts)
    check(body == want, f"the rows `jukebox sql` returns: {want}", body)
    heading = [h.text for h in p.css("main h3")]
    check(heading == ["Statement 1: 5 rows"], "the heading 'Statement 1: 5 rows'", heading)

    link = p.one("a[href^='/sql.csv']", "the Download CSV link")
    href = link.get_attribute("href")
    check(urllib.parse.parse_qs(urllib.parse.urlsplit(href).query).get("q") == [SQL_QUERY],
          f"the CSV link to carry the query {SQL_QUERY!r}", href)
    want_csv = [["genres", "tracks"]] + [["" if r["genres"] is None else r["genres"], str(r["tracks"])] for r in expected]
    status, kind, data = fetch(href)
    check(status == 200 and kind.startswith("text/csv"), "200 text/csv from the CSV link", f"{status} {kind}")
    check(list(csv.reader(io.StringIO(data.decode("utf-8")))) == want_csv, f"the CSV rows {want_csv}", data.decode("utf-8", "replace"))
    saved = p.download(link, "jukebox-query.csv")
    check(saved == data, "the browser's download to equal the link's content", f"{saved!r} vs {data!r}")

    # A write is refused, with the reason on the page, and the warehouse is unchanged.
    before = sql("SELECT count(*) AS n FROM tracks")[0]["n"]
    box = p.one("form[action='/sql'] textarea[name=q]")
    box.clear()
    box.send_keys("DELETE FROM tracks")
    p.submit(p.one("form[action='/sql'] button[type=submit]"))
    errors = [e.text for e in p.css("p.error")]
    check(errors and "refused" in errors[0] and "nothing was run" in errors[0],
          "an error paragraph saying the DELETE was refused and nothing was run", errors)
    check(not p.css("main table") and not p.css("a[href^='/sql.csv']"), "no result table or CSV link for a refused statement",
          p.d.current_url)
    after = sql("SELECT count(*) AS n FROM tracks")[0]["n"]
    check(after == before, f"{before} tracks after the refused DELETE", after)


scenario_sql_console.allowed_console = [r"/sql\?q=DELETE.*status of 4\d\d"]


def recommendation_rows(p):
    rows = []
    for tr in p.css("main table#recommendations tr")[1:]:
        cells = tr.find_elements(By.TAG_NAME, "td")
        link = cells[1].find_element(By.TAG_NAME, "a")
        track = urllib.parse.parse_qs(urllib.parse.urlsplit(link.get_attribute("href")).query)["track"][0]
        rows.append({"rank": cells[0].text, "id": track, "label": link.text, "distance": cells[2].text,
                     "score": cells[3].text, "reasons": cells[4].text, "row": tr})
    return rows


def expect_recommendations(p, seed_label, seed_arg, *options):
    heading = p.one("main h2", "the 'Because you like' heading").text
    check(heading == "Because you like " + seed_label, f"the heading 'Because you like {seed_label}'", repr(heading))
    rows = recommendation_rows(p)
    check(rows, "recommendation rows", "none")
    expected = cli_json("recommend", *(options or ("-c", str(len(rows)))), seed_arg)
    # The audio distance is empty for a track without audio features.
    want = [(r["track_id"], "" if r["distance"] is None else f"{r['distance']:.3f}") for r in expected]
    seen = [(r["id"], r["distance"]) for r in rows]
    check(seen == want, f"the tracks and distances `jukebox recommend {' '.join(options)} {seed_arg}` gives: {want}", seen)
    # The score ranks the results; where the command prints it too, the page shows the same.
    if expected and "score" in expected[0]:
        want_scores = [f"{r['score']:.3f}" for r in expected]
        check([r["score"] for r in rows] == want_scores, f"the scores the command gives: {want_scores}", [r["score"] for r in rows])
    check(all(re.match(r"^-?\d+\.\d{3}$", r["score"]) for r in rows), "a score on every recommendation", [r["score"] for r in rows])
    labels = [r["label"] for r in rows]
    want_labels = [(r["artists"].replace(";", ", ") + " – " if r["artists"] else "") + r["track_name"] for r in expected]
    check(labels == want_labels, f"the labels {want_labels}", labels)
    empty = [r["rank"] for r in rows if not r["reasons"].strip()]
    check(not empty, "a reason on every recommendation (td.reasons)", f"rows without one: {empty}")
    return rows


def scenario_recommend_search(p):
    p.open("/recommend")
    box = p.one("input#q[data-suggest]", "the track search box")
    box.send_keys(SEED_TEXT)
    p.mark()
    box.send_keys(Keys.ENTER)
    p.next_page()
    p.shot("recommend-search")
    p.no_error()
    check(p.query().get("q") == [SEED_TEXT], f"the search URL to carry {SEED_TEXT!r}", p.d.current_url)
    shown = p.one("input#q").get_attribute("value")
    check(shown == SEED_TEXT, f"the search box to keep {SEED_TEXT!r}", repr(shown))
    artist, title = SEED_TEXT.split(" - ")
    expect_recommendations(p, f"{artist} – {title}", SEED_TEXT)


def scenario_recommend_suggestion(p):
    p.open("/recommend")
    box = p.one("input#q[data-suggest]", "the track search box")
    box.send_keys(PARTIAL_TITLE)
    try:
        links = WebDriverWait(p.d, WAIT).until(lambda d: [a for a in d.find_elements(By.CSS_SELECTOR, ".suggest ul li a") if a.is_displayed()])
    except TimeoutException:
        raise Failure(f"expected a suggestion list under the search box after typing {PARTIAL_TITLE!r}; none appeared") from None
    p.shot("recommend-suggestions")
    like = PARTIAL_TITLE.replace("'", "''")
    expected = sql(f"SELECT track_id FROM tracks WHERE name LIKE '%{like}%' ORDER BY track_id LIMIT 11")
    want = sorted(r["track_id"] for r in expected)
    seen = sorted(urllib.parse.parse_qs(urllib.parse.urlsplit(a.get_attribute("href")).query)["track"][0] for a in links)
    check(seen == want[:10], f"a suggestion for every track titled like {PARTIAL_TITLE!r}: {want}", seen)
    labels = [a.text for a in links]
    check(all(PARTIAL_TITLE.lower() in l.lower() for l in labels), f"every suggestion to contain {PARTIAL_TITLE!r}", labels)
    chosen = links[0]
    label, track = chosen.text, urllib.parse.parse_qs(urllib.parse.urlsplit(chosen.get_attribute("href")).query)["track"][0]
    p.submit(chosen)
    p.shot("recommend-suggestion-followed")
    p.no_error()
    check(p.query().get("track") == [track], f"the suggestion to open track={track}", p.d.current_url)
    expect_recommendations(p, label, track)


def scenario_recommend_playlist_m3u(p):
    p.open("/recommend?q=" + urllib.parse.quote_plus(SEED_TEXT))
    p.no_error()
    add_seed = p.one("a[href*='playlist=']", "the 'Add the seed to the playlist' link")
    check(add_seed.text == "Add the seed to the playlist", "the link 'Add the seed to the playlist'", repr(add_seed.text))
    seed = urllib.parse.parse_qs(urllib.parse.urlsplit(add_seed.get_attribute("href")).query)["track"][0]
    p.submit(add_seed)
    chosen = [seed]
    # Add one recommendation with a Spotify id and one whose id Jukebox derived (jb-…), as a person would.
    for want_derived in (False, True):
        candidates = [r for r in recommendation_rows(p) if r["id"].startswith("jb-") == want_derived and r["id"] not in chosen]
        check(candidates, f"a recommendation with a {'derived' if want_derived else 'Spotify'} id to add", [r["id"] for r in recommendation_rows(p)])
        row = candidates[0]
        add = row["row"].find_element(By.LINK_TEXT, "add")
        chosen.append(row["id"])
        p.submit(add)
    p.shot("recommend-playlist")
    p.no_error()
    items = [li.text for li in p.css("main h2 + ol li")]
    check(len(items) == 3, "3 tracks in the playlist list", items)
    facts = {r["track_id"]: r for r in sql("SELECT track_id, track_name, artists, duration_ms FROM v_tracks WHERE track_id IN ("
                                            + ", ".join(quote(i) for i in chosen) + ")")}
    for item, track in zip(items, chosen):
        name = facts[track]["track_name"]
        check(name in item, f"the playlist entry for {track} to name {name!r}", repr(item))

    link = p.one("a[href^='/recommend/playlist.m3u']", "the Download M3U link")
    check(link.text == "Download M3U", "the link text 'Download M3U'", repr(link.text))
    status, kind, data = fetch(link.get_attribute("href"))
    check(status == 200 and "mpegurl" in kind, "200 audio/x-mpegurl from the M3U link", f"{status} {kind}")
    text = data.decode("utf-8")
    lines = text.splitlines()
    check(lines and lines[0] == "#EXTM3U", "the M3U to start with #EXTM3U", lines[:1])
    body = lines[1:]
    check(len(body) % 2 == 0 and all(a.startswith("#EXTINF:") and b.startswith("spotify:track:") for a, b in zip(body[::2], body[1::2])),
          "alternating #EXTINF and spotify:track: lines", body)
    playable = [t for t in chosen if not t.startswith("jb-")]
    ids = [b[len("spotify:track:"):] for b in body[1::2]]
    check(ids == playable, f"the playlist's tracks with Spotify ids, in the page's order: {playable} "
          f"(the derived id {chosen[2]} has no Spotify URI)", ids)
    for info, track in zip(body[::2], playable):
        f = facts[track]
        want = f"#EXTINF:{round(f['duration_ms'] / 1000)},{f['artists'].replace(';', ', ')} - {f['track_name']}"
        check(info == want, f"the entry {want!r}", repr(info))
    saved = p.download(link, "jukebox-playlist.m3u")
    check(saved == data, "the browser's M3U download to equal the link's content", f"{saved!r} vs {data!r}")


def blend_rows(p, table_id):
    rows = []
    for tr in p.css(f"main table#{table_id} tr")[1:]:
        cells = tr.find_elements(By.TAG_NAME, "td")
        rows.append({"id": tr.get_attribute("data-track"), "label": cells[1].text, "score": cells[2].text,
                     "reasons": cells[3].text})
    return rows


def expect_blend(rows, expected, what):
    check(rows, f"{what} rows", "none")
    want = [(r["track_id"], f"{r['score']:.3f}", r["reason"].replace("; ", " · ")) for r in expected]
    seen = [(r["id"], r["score"], r["reasons"]) for r in rows]
    check(seen == want, f"the tracks, scores and reasons the CLI gives: {want}", seen)


def scenario_listening_page(p):
    p.open("/listening")
    picker = Select(p.one("select#listener", "the listener picker"))
    check(LISTENER in [o.text for o in picker.options], f"{LISTENER!r} among the listeners", [o.text for o in picker.options])
    picker.select_by_visible_text(LISTENER)
    p.submit(p.one("main form button[type=submit]", "the Show button"))
    p.shot("listening")
    p.no_error()
    check(p.query().get("listener") == [LISTENER], f"the URL to carry listener={LISTENER}", p.d.current_url)
    for chart in ("minutes-by-month", "weekday-hour", "mood"):
        svg = p.one(f"#{chart} svg", f"the {chart} chart")
        check(svg.size["width"] > 0 and svg.size["height"] > 0, f"a visible {chart} chart", svg.size)
    # The months as `jukebox trends --listener` gives them.
    header, body = table_rows(p.one("table#listening-months", "the months table"))
    months = cli_json("trends", "--listener", LISTENER)
    want = [(m["month"], str(m["plays"]), f"{m['minutes']:.1f}", str(m["skips"]), str(m["artists"]), str(m["new_artists"])) for m in months]
    seen = [tuple(r[:6]) for r in body]
    check(seen == want, f"the months `jukebox trends --listener {LISTENER}` gives: {want}", seen)
    # The recommendations as `jukebox recommend --listener` gives them, never a track the listener played.
    rows = blend_rows(p, "listener-recommendations")
    expect_blend(rows, cli_json("recommend", "--listener", LISTENER, "-c", str(len(rows))), "listener recommendation")
    played = {r["track_id"] for r in sql(f"SELECT DISTINCT track_id FROM v_listens WHERE listener = {quote(LISTENER)} AND track_id IS NOT NULL")}
    check(not played & {r["id"] for r in rows}, "no recommendation the listener has played", played & {r["id"] for r in rows})


def scenario_recommend_continue_playlist(p):
    p.open("/recommend")
    box = p.one("input#continue", "the playlist box")
    box.send_keys(PLAYLIST_TYPED)
    p.submit(p.one("button#continue-button", "the Continue button"))
    p.shot("recommend-continue-playlist")
    p.no_error()
    check(p.query().get("continue") == [PLAYLIST_TYPED], f"the URL to carry continue={PLAYLIST_TYPED!r}", p.d.current_url)
    note = p.one("#continuing", "the 'Continuing' note").text
    check(note.startswith("Continuing ‘Permanent Wave’"), "the note to name the playlist as the warehouse spells it", repr(note))
    rows = blend_rows(p, "continuation")
    expect_blend(rows, cli_json("recommend", "--playlist", PLAYLIST_TYPED, "-c", str(len(rows))), "continuation")
    link = p.one("main a[href^='/recommend/playlist.m3u']", "the Download M3U link")
    saved = p.download(link, "jukebox-playlist.m3u").decode("utf-8")
    ids = [line[len("spotify:track:"):] for line in saved.splitlines() if line.startswith("spotify:track:")]
    playable = [r["id"] for r in rows if not r["id"].startswith("jb-")]
    check(saved.startswith("#EXTM3U") and ids == playable, f"an M3U of the continuation's tracks with Spotify ids: {playable}", ids)


def chart_titles(p):
    return [t.get_attribute("textContent") for t in p.css("main svg.chart > title")]


def chart_points(p, feature):
    """{group: mean} from the chart's point titles: 'mean tempo, 1999: 84.110 (quartiles …)'."""
    points = {}
    for title in p.css("main svg.chart circle > title"):
        m = re.match(r"mean (\w+), (.+): (-?[\d.]+) \(quartiles", title.get_attribute("textContent"))
        if m and m.group(1) == feature:
            points[m.group(2)] = float(m.group(3))
    return points


def expect_trend(p, grouping, features, scope_args):
    p.no_error()
    titles = chart_titles(p)
    want = [f"{f} by {grouping} (mean, band = quartiles)" for f in features]
    check(sorted(titles) == sorted(want), f"one chart per chosen feature titled {want}", titles)
    note = " ".join(e.text for e in p.css("#trends-small-groups"))
    for feature in features:
        expected = cli_json("trends", "--by", grouping, "--feature", feature, *scope_args)
        check(expected, f"`jukebox trends --by {grouping} {' '.join(scope_args)}` to return groups", expected)
        points = chart_points(p, feature)
        check(points, f"points with their means on the {feature} chart", "none")
        cli_groups = {str(r[grouping]): r for r in expected}
        for group, mean in points.items():
            check(group in cli_groups, f"the {feature} chart's group {group!r} among the CLI's {sorted(cli_groups)}", points)
            check(abs(mean - cli_groups[group]["mean"]) < 0.0015, f"mean {feature} {cli_groups[group]['mean']} for {group}",
                  f"{mean} in the chart")
        for group, row in cli_groups.items():
            if group not in points:
                check(f"{group} ({row['count']} track" in note, f"{group} ({row['count']} tracks) either drawn or listed as not drawn",
                      f"points {sorted(points)}; note {note!r}")


def scenario_trends_filter(p):
    p.open("/trends")
    Select(p.one("select#by", "the group-by select")).select_by_value("year")
    p.one("input#artist", "the artist filter").send_keys(TREND_ARTIST)
    features = ["energy", "tempo"]
    for box in p.css("input[type=checkbox][name=feature]"):
        if box.is_selected() != (box.get_attribute("value") in features):
            box.click()
    p.submit(p.one("form[action='/trends'] button[type=submit]", "the Show button"))
    p.shot("trends-artist")
    q = p.query()
    check(q.get("by") == ["year"] and q.get("artist") == [TREND_ARTIST] and q.get("feature") == features,
          f"by=year, artist={TREND_ARTIST!r} and features {features} in the URL", p.d.current_url)
    selected = Select(p.one("select#by")).first_selected_option.get_attribute("value")
    check(selected == "year", "the select to keep 'year'", selected)
    kept = p.one("input#artist").get_attribute("value")
    check(kept == TREND_ARTIST, f"the artist box to keep {TREND_ARTIST!r}", repr(kept))
    expect_trend(p, "year", features, ["--artist", TREND_ARTIST])

    # Then a genre with a space, by decade, with the default features.
    Select(p.one("select#by")).select_by_value("decade")
    p.one("input#artist").clear()
    p.one("input#genre", "the genre filter").send_keys(TREND_GENRE)
    p.submit(p.one("form[action='/trends'] button[type=submit]"))
    p.shot("trends-genre")
    q = p.query()
    check(q.get("by") == ["decade"] and q.get("genre") == [TREND_GENRE], f"by=decade and genre={TREND_GENRE!r} in the URL",
          p.d.current_url)
    chosen = [b.get_attribute("value") for b in p.css("input[type=checkbox][name=feature]") if b.is_selected()]
    expect_trend(p, "decade", chosen, ["--genre", TREND_GENRE])


def slider_values(p):
    """What the genre form sends: every slider and the checked choice of each radio group (mode, explicit)."""
    return p.d.execute_script("""
        var out = {};
        new FormData(document.getElementById('genre-form')).forEach(function (v, k) { out[k] = v; });
        return out;""")


def expected_prediction(values):
    """The CLI's answer for a track known only by these audio features: no name, album or artist with words to read
    (a named track by an unknown artist is answered by the full champion, from its words)."""
    header = ["", "track_id", "artists", "album_name", "track_name", "popularity", "duration_ms", "explicit", "danceability",
              "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness", "liveness", "valence",
              "tempo", "time_signature", "track_genre"]
    row = dict(values, **{"": "0", "track_id": "0000000000000000000001", "artists": "-",
                          "album_name": "", "track_name": "-", "track_genre": "",
                          "explicit": "True" if float(values["explicit"]) >= 1 else "False"})
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerow([row[h] for h in header])
    try:
        answer = cli_json("predict", f.name)[0]
    finally:
        os.remove(f.name)
    check(answer["genre_model"] == "audio", "`jukebox predict` to answer with the audio champion for a track known by its audio alone", answer)
    return [(answer[g], answer[p]) for g, p in (("predicted_genre", "genre_probability"), ("second_genre", "second_probability"),
                                                 ("third_genre", "third_probability")) if answer.get(g)]


def champion_note():
    runs = [r for r in cli_json("models") if r["task"] == "genre" and r["features"] == "audio" and r["champion"] == "yes"]
    check(len(runs) == 1, "one audio-only genre champion in `jukebox models`", runs)
    run = runs[0]
    accuracy = float(re.search(r"(?:^| )accuracy=([\d.]+)", run["key_metrics"]).group(1))
    return run, accuracy


def read_answer(p):
    items = []
    for li in p.css("#genre-answer ol li"):
        m = re.match(r"(.+) (\d+\.\d)%$", li.text)
        items.append((m.group(1), float(m.group(2))) if m else (li.text, None))
    by = p.css("#genre-answered-by")
    return items, by[0].text if by else ""


def wait_for_answer(p, want, what):
    """Waits until the live answer panel shows the CLI's top genres, then returns what it shows."""
    def matches(_):
        items, by = read_answer(p)
        return by and len(items) >= len(want) and all(
            g == wg and pct is not None and abs(pct - wp * 100) <= 0.06 for (g, pct), (wg, wp) in zip(items, want))
    try:
        WebDriverWait(p.d, WAIT).until(matches)
    except TimeoutException:
        items, by = read_answer(p)
        raise Failure(f"expected the live answer after {what} to start with {[(g, round(pr * 100, 1)) for g, pr in want]} "
                      f"(`jukebox predict` on the slider values); saw {items} / {by!r}") from None
    return read_answer(p)


def expect_answered_by(by):
    run, accuracy = champion_note()
    m = re.match(r"Answered by champion run (\d+) \((\w+) features, ([^,]+), holdout accuracy ([\d.]+)\)$", by)
    check(m, "'Answered by champion run N (audio features, ALGORITHM, holdout accuracy X)'", repr(by))
    check(int(m.group(1)) == run["run_id"] and m.group(2) == "audio" and m.group(3) == run["algorithm"],
          f"champion run {run['run_id']} (audio, {run['algorithm']}) as `jukebox models` lists it", repr(by))
    check(abs(float(m.group(4)) - accuracy) <= 0.0006, f"holdout accuracy {accuracy:.4f}", m.group(4))


def scenario_genres_sliders(p):
    p.open("/genres")
    p.one("#genre-form", "the genre slider form")
    before_items, before_by = read_answer(p)
    check(before_items and before_by, "a server-rendered answer before any slider moves", f"{before_items} / {before_by!r}")

    # Drag the energy slider to its right end, as with a mouse.
    energy = p.one("input#f-energy", "the energy slider")
    start = energy.get_attribute("value")
    ActionChains(p.d).click_and_hold(energy).move_by_offset(energy.size["width"], 0).release().perform()
    values = slider_values(p)
    check(float(values["energy"]) >= 0.95, f"energy near 1 after dragging its slider right (was {start})", values["energy"])
    shown = p.one("output[for=f-energy]").text
    check(shown == values["energy"], f"the energy label to show the slider's value {values['energy']}", repr(shown))
    want = expected_prediction(values)
    items, by = wait_for_answer(p, want, f"dragging energy to {values['energy']}")
    check(items != before_items, f"the answer to change from {before_items}", items)
    expect_answered_by(by)
    p.shot("genres-energy-dragged")

    # Then the keyboard: Home puts acousticness at its minimum.
    acoustic = p.one("input#f-acousticness", "the acousticness slider")
    acoustic.send_keys(Keys.HOME)
    values = slider_values(p)
    check(values["acousticness"] == "0", "acousticness 0 after pressing Home on its slider", values["acousticness"])
    shown = p.one("output[for=f-acousticness]").text
    check(shown == "0", "the acousticness label to show 0", repr(shown))
    want = expected_prediction(values)
    items, by = wait_for_answer(p, want, "pressing Home on acousticness")
    expect_answered_by(by)
    p.shot("genres-acousticness-home")

    # Mode is a choice, not a slider: pick "minor" as a person clicks a radio button's label.
    check(not p.css("#genre-form input[type=range][name=mode]") and not p.css("#genre-form input[type=range][name=explicit]"),
          "no slider for mode or explicit", [e.get_attribute("id") for e in p.css("#genre-form input[type=range]")])
    before = slider_values(p)
    check(before.get("mode") == "1" and before.get("explicit") == "0", "mode major (1) and clean (0) checked at first", before)
    p.one("label:has(> input#f-mode-0)", "the 'minor' choice").click()
    values = slider_values(p)
    check(values["mode"] == "0", "mode 0 after clicking 'minor'", values)
    items, by = wait_for_answer(p, expected_prediction(values), "choosing minor")
    expect_answered_by(by)
    p.one("label:has(> input#f-explicit-1)", "the 'explicit' choice").click()
    values = slider_values(p)
    check(values["explicit"] == "1", "explicit 1 after clicking 'explicit'", values)
    wait_for_answer(p, expected_prediction(values), "choosing explicit")
    p.shot("genres-choices")


MISTYPED = "Gen Hoshino - Comedi"  # one letter off a track of the sample


def scenario_genres_written_back(p):
    """Picks the most predicted genre, reads its tracks and the likely mislabels, and downloads both lists."""
    top = sql("SELECT predicted_genre, count(*) AS n FROM v_genre_predictions GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1")[0]
    genre = top["predicted_genre"]
    expected = sql("SELECT track_id, genre_probability FROM v_genre_predictions WHERE predicted_genre = " + quote(genre)
                   + " ORDER BY genre_probability DESC, track_id")
    p.open("/genres")
    picker = Select(p.one("select#genre-pick", "the predicted-genre picker"))
    picker.select_by_value(genre)
    p.submit(p.one("form#genre-list-form button[type=submit]", "the Show button of the genre lists"))
    p.shot("genres-predicted-list")
    p.no_error()
    check(p.query().get("genre") == [genre], f"the URL to carry genre={genre}", p.d.current_url)
    summary = p.one("#predicted-summary", "the list's summary").text
    check(summary.startswith(f"{top['n']:,} tracks predicted as {genre}"), f"the summary to count {top['n']} tracks of {genre}", repr(summary))
    shown = [r.get_attribute("data-track-id") for r in p.css("table#predicted-tracks tr[data-track-id]")]
    want = [r["track_id"] for r in expected]
    check(shown == want[:100], f"the tracks `jukebox sql` lists for {genre}, most confident first: {want[:5]}…", shown[:5])
    rows = csv_rows(p.download(p.one("a#predicted-tracks-csv", "the list's Download CSV"), "jukebox-genres-predicted-tracks.csv"))
    check(rows[0][:6] == ["track_id", "track_name", "artists", "tags", "predicted_genre", "probability"], "the list's CSV header", rows[0])
    seen = [(r[0], float(r[5])) for r in rows[1:]]
    check(len(seen) == len(expected) and all(a[0] == b["track_id"] and abs(a[1] - b["genre_probability"]) < 1e-9
                                             for a, b in zip(seen, expected)),
          f"every track of {genre} with its probability, as `jukebox sql` gives them", seen[:3])

    # The likely mislabels: each answer names no tag the track has, the largest disagreement first, and the download
    # starts with the rows the page shows.
    shown = [r.get_attribute("data-track-id") for r in p.css("table#likely-mislabels tr[data-track-id]")]
    check(shown, "rows in the likely-mislabels table", "none")
    rows = csv_rows(p.download(p.one("a#likely-mislabels-csv", "the mislabels' Download CSV"), "jukebox-genres-likely-mislabels.csv"))
    check(rows[0][-1] == "disagreement" and [r[0] for r in rows[1:len(shown) + 1]] == shown,
          "the mislabels CSV to hold the page's rows first", [r[0] for r in rows[1:4]])
    disagreements = [float(r[-1]) for r in rows[1:]]
    check(disagreements == sorted(disagreements, reverse=True), "the largest disagreement first", disagreements[:5])
    ids = ",".join(quote(r[0]) for r in rows[1:51])
    tags = {}
    for r in sql("SELECT tg.track_id AS id, g.name AS name FROM track_genres tg JOIN genres g USING (genre_id) "
                 f"WHERE tg.track_id IN ({ids})"):
        tags.setdefault(r["id"], set()).add(r["name"])
    agreeing = [r[0] for r in rows[1:51] if r[4] in tags.get(r[0], set())]
    check(not agreeing, "no listed mislabel tagged with its predicted genre (`jukebox sql`)", agreeing)


def scenario_recommend_near_miss_link(p):
    p.open("/recommend")
    box = p.one("input#q[data-suggest]", "the track search box")
    box.send_keys(MISTYPED)
    p.mark()
    box.send_keys(Keys.ENTER)
    p.next_page()
    p.shot("recommend-near-miss")
    error = p.one("p.error", "the error naming near misses")
    links = error.find_elements(By.CSS_SELECTOR, "a.near-miss")
    check(links and links[0].text == "Gen Hoshino - Comedy", "a near-miss link 'Gen Hoshino - Comedy' in the error",
          f"{error.text!r} with links {[a.text for a in links]}")
    p.submit(links[0])
    p.shot("recommend-near-miss-followed")
    p.no_error()
    check(p.query().get("q") == ["Gen Hoshino - Comedy"], "the link to ask again for 'Gen Hoshino - Comedy'", p.d.current_url)
    expect_recommendations(p, "Gen Hoshino – Comedy", "Gen Hoshino - Comedy")


scenario_recommend_near_miss_link.allowed_console = [r"/recommend\?q=Gen.*status of 400"]


def scenario_recommend_controls(p):
    genre = sql("SELECT g.name AS name FROM genres g JOIN track_genres tg ON tg.genre_id = g.genre_id "
                "GROUP BY g.genre_id ORDER BY count(*) DESC, g.name LIMIT 1")[0]["name"]
    p.open("/recommend")
    count = p.one("form input#count", "the results count")
    count.clear()
    count.send_keys("5")
    p.one("form input#genre", "the genre filter").send_keys(genre)
    p.one("form input#min_popularity", "the lowest popularity").send_keys("20")
    p.one("form input#max_popularity", "the highest popularity").send_keys("80")
    box = p.one("input#q[data-suggest]", "the track search box")
    box.send_keys(SEED_TEXT)
    p.mark()
    box.send_keys(Keys.ENTER)
    p.next_page()
    p.shot("recommend-controls")
    p.no_error()
    q = p.query()
    check(q.get("count") == ["5"] and q.get("genre") == [genre] and q.get("min_popularity") == ["20"] and q.get("max_popularity") == ["80"],
          f"count=5, genre={genre!r}, min_popularity=20, max_popularity=80 in the URL", p.d.current_url)
    for field, want in (("count", "5"), ("genre", genre), ("min_popularity", "20"), ("max_popularity", "80")):
        kept = p.one(f"form input#{field}").get_attribute("value")
        check(kept == want, f"the {field} box to keep {want!r}", repr(kept))
    artist, title = SEED_TEXT.split(" - ")
    rows = expect_recommendations(p, f"{artist} – {title}", SEED_TEXT, "-c", "5", "--genre", genre,
                                  "--min-popularity", "20", "--max-popularity", "80")
    check(len(rows) == 5, "5 recommendations", len(rows))
    facts = {r["track_id"]: r for r in sql("SELECT track_id, popularity, genres FROM v_tracks WHERE track_id IN ("
                                            + ", ".join(quote(r["id"]) for r in rows) + ")")}
    outside = [r["id"] for r in rows if not (20 <= (facts[r["id"]]["popularity"] or -1) <= 80) or genre not in facts[r["id"]]["genres"].split(";")]
    check(not outside, f"every result tagged {genre!r} with a popularity from 20 to 80", outside)


def csv_rows(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def chart_link(p, panel_selector, what):
    return p.one(f"{panel_selector} a.csv", f"the Download CSV link of {what}")


def every_chart_has_a_download(p):
    charts, links = p.css("main svg.chart"), p.css("main a.csv")
    check(charts and len(links) == len(charts), f"a Download CSV link under each of the {len(charts)} charts on {p.d.current_url}",
          f"{len(links)} links")


def scenario_chart_csv_downloads(p):
    # Trends: the energy chart's data, against `jukebox trends`.
    p.open("/trends?by=year&feature=energy&feature=tempo&artist=" + urllib.parse.quote_plus(TREND_ARTIST))
    every_chart_has_a_download(p)
    panel = [e for e in p.css("main div.panel") if e.find_elements(By.XPATH, ".//*[local-name()='svg']/*[local-name()='title']")
             and e.find_element(By.XPATH, ".//*[local-name()='svg']/*[local-name()='title']").get_attribute("textContent").startswith("energy by year")]
    check(panel, "the energy chart's panel", "none")
    rows = csv_rows(p.download(panel[0].find_element(By.CSS_SELECTOR, "a.csv"), "jukebox-trends-energy.csv"))
    check(rows[0] == ["year", "count", "mean", "median", "q1", "q3", "drawn"], "the trends CSV header", rows[0])
    expected = cli_json("trends", "--by", "year", "--feature", "energy", "--artist", TREND_ARTIST)
    want = [(str(r["year"]), r["count"], r["mean"]) for r in expected]
    seen = [(r[0], int(r[1]), float(r[2])) for r in rows[1:]]
    check(len(seen) == len(want) and all(a[0] == b[0] and a[1] == b[1] and abs(a[2] - b[2]) < 1e-6 for a, b in zip(seen, want)),
          f"the years, counts and means `jukebox trends --by year --feature energy --artist {TREND_ARTIST!r}` gives: {want}", seen)

    # Genres: the full confusion matrix, against `jukebox models show RUN --format json`.
    p.open("/genres")
    every_chart_has_a_download(p)
    rows = csv_rows(p.download(p.one("a#confusion-matrix-csv", "the full-matrix download"), "jukebox-genres-confusion-matrix.csv"))
    run = [r for r in cli_json("models") if r["task"] == "genre" and r["features"] == "full" and r["champion"] == "yes"][0]
    shown = json.loads(cli("models", "show", str(run["run_id"]), "--db", DB, "--format", "json"))
    matrix = shown["metrics"]["confusion_matrix"]
    want = [["actual \\ predicted"] + matrix["labels"]] + [[l] + [str(c) for c in row] for l, row in zip(matrix["labels"], matrix["counts"])]
    check(rows == want, f"the {len(matrix['labels'])} x {len(matrix['labels'])} matrix of run {run['run_id']}", rows[:3])

    # Clusters: the centroids, against the champion's cluster_centroids.
    p.open("/clusters")
    every_chart_has_a_download(p)
    rows = csv_rows(p.download(chart_link(p, "#cluster-centroids", "the centroid heatmap"), "jukebox-clusters-centroids.csv"))
    expected = sql("SELECT c.cluster_id, c.feature, c.value FROM cluster_centroids c JOIN model_runs r ON r.run_id = c.run_id "
                   "WHERE r.task = 'clusters' AND r.is_champion = 1")
    want = sorted((r["cluster_id"], r["feature"], r["value"]) for r in expected)
    seen = sorted((int(r[0]), r[3], float(r[4])) for r in rows[1:])
    check(len(seen) == len(want) and all(a[:2] == b[:2] and abs(a[2] - b[2]) < 1e-9 for a, b in zip(seen, want)),
          "every centroid value of the champion clusters run", seen[:5])

    # Listening: minutes by month, against `jukebox trends --listener`.
    p.open("/listening?listener=" + LISTENER)
    every_chart_has_a_download(p)
    rows = csv_rows(p.download(chart_link(p, "#minutes-by-month", "minutes by month"), "jukebox-listening-minutes-by-month.csv"))
    months = cli_json("trends", "--listener", LISTENER)
    want = [(m["month"], m["minutes"], m["plays"]) for m in months]
    seen = [(r[0], float(r[1]), int(r[2])) for r in rows[1:]]
    # The CSV keeps every digit; the command's JSON may round minutes to 4 decimals.
    check(len(seen) == len(want) and all(a[0] == b[0] and a[2] == b[2] and abs(a[1] - b[1]) < 5e-5 for a, b in zip(seen, want)),
          f"the months, minutes and plays `jukebox trends --listener {LISTENER}` gives: {want}", seen)

    for path in ("/", "/popularity"):
        p.open(path)
        every_chart_has_a_download(p)


def scenario_clusters_names_and_scale(p):
    p.open("/clusters")
    names = [e.text for e in p.css("h2 .cluster-name")]
    runs = sql("SELECT count(DISTINCT cluster_id) AS n FROM cluster_assignments c JOIN model_runs r ON r.run_id = c.run_id "
               "WHERE r.task = 'clusters' AND r.is_champion = 1")
    check(len(names) == runs[0]["n"] and all(names) and len(set(names)) > 1,
          f"a generated name beside each of the {runs[0]['n']} clusters", names)
    cells = [float(m.group(1)) for t in p.css("#cluster-centroids svg rect > title")
             for m in [re.search(r"\(([+-][\d.]+) sd\)$", t.get_attribute("textContent"))] if m]
    legend = [float(t.text) for t in p.css("#cluster-centroids svg text[font-size='9']")][:2]
    check(cells and len(legend) == 2 and legend[0] >= max(map(abs, cells)) and legend[1] <= -max(map(abs, cells)),
          f"a colour scale reaching the farthest centroid cell ({max(map(abs, cells)) if cells else None} sd)", legend)
    fills = p.d.execute_script("""
        var legend = [];
        document.querySelectorAll('#cluster-map svg rect[width="10"][height="10"]').forEach(function (r) { legend.push(r.getAttribute('fill')); });
        return legend;""")
    check(len(fills) == len(names) and len(set(fills)) == len(fills), "a colour of its own for each cluster in the legend", fills)


def scenario_overview_counts(p):
    p.open("/")
    cards = {c.find_element(By.TAG_NAME, "span").text: int(c.find_element(By.TAG_NAME, "b").text.replace(",", ""))
             for c in p.css("#overview-counts .card")}
    stats = json.loads(cli("stats", "--db", DB, "--format", "json"))
    want = {"listens": stats["listens"], "playlists": stats["playlists"],
            "listeners": sql("SELECT count(DISTINCT listener) AS n FROM listens")[0]["n"],
            "trained models": sql("SELECT count(*) AS n FROM model_runs WHERE status = 'succeeded'")[0]["n"]}
    seen = {k: cards.get(k) for k in want}
    check(seen == want, f"the counts `jukebox stats` and the warehouse give: {want}", cards)


def scenario_report_covers_every_page(p):
    out = os.path.join(tempfile.mkdtemp(), "report.html")
    cli("report", "--db", DB, "--out", out)
    p.d.get("file://" + out)
    p.loaded()
    p.shot("report")
    sections = [s.get_attribute("id") for s in p.css("main section")]
    want = ["overview", "genres", "popularity", "clusters", "trends", "listening", "playlists"]
    check(sections == want, f"a section for every page with data: {want}", sections)
    for section in ("overview", "trends", "listening", "clusters"):
        check(p.css(f"section#{section} svg.chart"), f"charts in the {section} section", "none")
    continued = p.css("section#playlists table tr[data-track]")
    check(continued, "playlist continuations in the report", "none")
    links = [a.get_attribute("href") for a in p.css("main a") if not (a.get_attribute("href") or "").startswith("file://")]
    check(not links, "no links out of the file", links)


# ---- running ------------------------------------------------------------------------------------------------

def severe(entries, allowed):
    bad = []
    for e in entries:
        if e.get("level") != "SEVERE":
            continue
        if any(re.search(a, e.get("message", "")) for a in allowed):
            continue
        bad.append(e.get("message", "")[:300])
    return bad


def explained_track():
    """A track the popularity page explains, for its explanation page."""
    return json.loads(fetch(BASE + "/api/popularity")[2])["explained"][0]["track_id"]


def run_scenario(page, scenario):
    """Runs one scenario; returns None when it passed, else what went wrong."""
    page.console()  # drop what earlier scenarios logged
    problem = None
    try:
        scenario(page)
    except Failure as e:
        problem = str(e)
    except Exception as e:  # a driver error fails the scenario, not the suite
        message = str(e).strip().split("\nStacktrace:")[0]
        here = [f"{f.name}:{f.lineno}" for f in traceback.extract_tb(e.__traceback__) if f.filename == __file__]
        problem = f"{type(e).__name__}: {message[:400]} (at {' / '.join(here[1:])})"
    try:
        errors = severe(page.console(), getattr(scenario, "allowed_console", []))
    except Exception as e:
        errors = [f"could not read the console: {e}"]
    if errors:
        problem = (problem + "; " if problem else "") + "expected no console error; saw: " + " | ".join(errors)
    return problem


def main():
    os.makedirs(SHOTS, exist_ok=True)
    pages = [
        ("overview", lambda: "/", "svg.chart", "a chart"),
        ("genres", lambda: "/genres", "svg.chart", "a chart"),
        ("popularity", lambda: "/popularity", "svg.chart", "a chart"),
        ("explanation", lambda: "/popularity/track/" + urllib.parse.quote(explained_track()), "svg.chart", "a chart"),
        ("clusters", lambda: "/clusters", "svg.chart", "a chart"),
        ("trends", lambda: "/trends", "svg.chart", "a chart"),
        ("recommend", lambda: "/recommend?q=" + urllib.parse.quote_plus(SEED_TEXT), "td.reasons", "recommendations with reasons"),
        ("listening", lambda: "/listening?listener=" + urllib.parse.quote_plus(LISTENER), "svg.chart", "a chart"),
        ("sql", lambda: "/sql?q=" + urllib.parse.quote_plus(SQL_QUERY), "main table", "a result table"),
    ]
    scenarios = [page_scenario(*page) for page in pages] + [
        scenario_sql_console, scenario_recommend_search, scenario_recommend_suggestion, scenario_recommend_playlist_m3u,
        scenario_trends_filter, scenario_genres_sliders, scenario_genres_written_back, scenario_listening_page, scenario_recommend_continue_playlist,
        scenario_recommend_near_miss_link, scenario_recommend_controls, scenario_chart_csv_downloads,
        scenario_clusters_names_and_scale, scenario_overview_counts, scenario_report_covers_every_page,
    ]
    passed = failed = 0
    try:
        driver = make_driver()
    except Exception as e:
        print(f"browser-test: FAIL starting Chromium through {CHROMEDRIVER}: {type(e).__name__}: {str(e).strip()[:600]}")
        driver, failed = None, len(scenarios)
    if driver:
        page = Page(driver)
        try:
            for scenario in scenarios:
                name = scenario.__name__.removeprefix("scenario_").replace("_", " ")
                started = time.time()
                problem = run_scenario(page, scenario)
                if problem:
                    failed += 1
                    try:
                        page.shot("FAILED-" + re.sub(r"\W+", "-", name).strip("-"))
                    except Exception:
                        pass
                    print(f"browser-test: FAIL {name}: {problem}", flush=True)
                else:
                    passed += 1
                    print(f"browser-test: ok   {name} ({time.time() - started:.1f} s)", flush=True)
        finally:
            driver.quit()
    print(f"browser-test: screenshots in {SHOTS}")
    log = os.environ.get("SERVER_LOG")
    if failed and log and os.path.exists(log):
        with open(log, errors="replace") as f:
            tail = f.read().splitlines()[-20:]
        print("browser-test: server log (last 20 lines):" + "".join("\n  " + line for line in tail))
    print(f"browser-test: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
