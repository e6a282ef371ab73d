#!/usr/bin/env python3
"""The simulator's yardstick for MiniTwit's JSON API, with the Python standard library only.

  simulate.py generate [--users 200] [--actions 26000] [--seed 1] > scenario.tsv
  simulate.py replay BASE_URL [--scenario FILE] [--clients N] [--users U] [--actions A]

A scenario has the reference simulator's shape: one action a line, tab-separated,
  id  delay  timestamp  register  username  email  password
  id  delay  timestamp  tweet     username  text
  id  delay  timestamp  follow    username  whom
  id  delay  timestamp  unfollow  username  whom
Generated ones use their own names and texts (spaces, apostrophes, non-Latin letters) in the
reference's mix of actions. replay sends them one at a time per client, as the reference does:
Basic credentials and Connection: close on every request, ?latest=<id>, a read timeout of
0.3 s, and an error for every unexpected status (register: not 204 or 400; the rest: not 204),
connection error or timeout. With --clients N (and no --scenario) each client replays a
scenario of its own, with users of its own. BASE_URL ends in /api.
"""

import argparse
import base64
import csv
import json
import multiprocessing
import os
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT = 0.3

# One script per name, as MiniTwit's sign-up requires; spaces and apostrophes as people have them.
NAMES = {
    "latin": (["Åsa", "Zoë", "Seán", "Noël", "Chloé", "Jürgen", "Ana María", "Łukasz", "Mette", "Kofi", "Ngozi",
               "Tomás", "Inés", "Björn", "Siobhán", "Dmitri", "Amélie", "José Luis", "Ida", "Rūta"],
              ["O'Neil", "D'Angelo", "Ó Briain", "van der Berg", "Nørgaard", "Müller", "de la Cruz", "Kowalczyk",
               "N'Diaye", "Þórsdóttir", "Mac Giolla", "Dell'Acqua", "Øster", "Ström", "García Lorca", "d'Arcy",
               "Åkesson", "Lefèvre", "Ó Súilleabháin", "Dąbrowska"]),
    "cyrillic": (["Анна", "Борис", "Вера", "Глеб", "Дарья", "Евгений", "Жанна", "Зоя", "Игорь", "Ксения"],
                 ["Петрова", "Смирнов", "Иванова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Новиков"]),
    "greek": (["Αθηνά", "Γιώργος", "Δήμητρα", "Ελένη", "Νίκος", "Σοφία"], ["Παπαδοπούλου", "Κωνσταντίνου", "Οικονόμου"]),
    "japanese": (["さくら", "はると", "ゆい", "そうた"], ["やまだ", "たなか", "すずき"]),
    "arabic": (["ليلى", "عمر", "يوسف", "مريم"], ["الحسن", "المنصور", "العلي"]),
}

WORDS = ("the sea was calm that morning and nobody said a word about the ferry , it's fine ; "
         "Grüße aus Köln , 今日は晴れ , Привет всем , καλημέρα , 'quoted' \"twice\" & <b>bold</b> ? ! 😀 "
         "coffee first then code , the build is green again , who moved my keyboard").split()


def names(rng, count, tag):
    """count distinct usernames; tag (digits, which go with any script) keeps runs and clients apart."""
    pool = [f"{first} {last}" for first_names, last_names in NAMES.values()
            for first in first_names for last in last_names]
    rng.shuffle(pool)
    chosen = []
    for i in range(count):
        name = pool[i % len(pool)]
        # Beyond the pool, or for another client: a number keeps names apart in any script.
        suffix = "-".join(part for part in (tag, str(i // len(pool)) if i >= len(pool) else "") if part)
        chosen.append(f"{name} {suffix}" if suffix else name)
    return chosen


def generate(users=200, actions=26000, seed=1, tag="", first_id=0):
    """The reference's mix: all sign-ups among the first actions, then ~44 % tweets, ~38 %
    follows and ~18 % unfollows, each by a user already signed up, unfollowing only whom they follow."""
    rng = random.Random(seed)
    people = names(rng, users, tag)
    registered, follows, rows = [], set(), []
    clock = 1_700_000_000_000
    for i in range(actions):
        delay = rng.randint(0, 20_000_000)
        clock += delay // 1000
        row_id = first_id + i
        if len(registered) < users and (len(registered) < 3 or rng.random() < 0.08 or i >= actions - users):
            name = people[len(registered)]
            registered.append(name)
            password = "".join(rng.choice("abcdefgh!#%'\"-_=[]{}0123456789") for _ in range(10))
            rows.append([row_id, delay, clock, "register", name, f"user{row_id}.{seed}@example.org", password])
            continue
        who = rng.choice(registered)
        roll = rng.random()
        mine = [whom for (w, whom) in follows if w == who] if roll >= 0.82 else []
        if roll < 0.44 or len(registered) < 2:
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 25)))
            rows.append([row_id, delay, clock, "tweet", who, text])
        elif roll < 0.82 or not mine:
            whom = rng.choice([r for r in registered if r != who])
            follows.add((who, whom))
            rows.append([row_id, delay, clock, "follow", who, whom])
        else:
            whom = rng.choice(mine)
            follows.discard((who, whom))
            rows.append([row_id, delay, clock, "unfollow", who, whom])
    return rows


def read_scenario(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.reader(f, delimiter="\t", quotechar=None))


def request(base, credentials, row):
    """(expected statuses, method, url, body) of one action, as the reference sends it."""
    command, user = row[3], row[4]
    query = "?" + urllib.parse.urlencode({"latest": row[0]})
    segment = urllib.parse.quote(user, safe="")
    if command == "register":
        body = {"username": user, "email": row[5], "pwd": row[-1]}
        return (204, 400), base + "/register" + query, body
    if command == "tweet":
        return (204,), base + "/msgs/" + segment + query, {"content": row[5]}
    if command in ("follow", "unfollow"):
        return (204,), base + "/fllws/" + segment + query, {command: row[5]}
    raise ValueError(f"unknown action {command!r}")


def replay(args):
    """One client: (actions, errors by kind, latencies and its time in seconds)."""
    base, credentials, rows, sign_up_first = args
    headers = {"Connection": "close", "Content-Type": "application/json", "Authorization": "Basic " + credentials}
    if sign_up_first:
        for row in (row for row in rows if row[3] == "register"):
            expected, url, body = request(base, credentials, row)
            urllib.request.urlopen(urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers),
                                   timeout=60).read()
        rows = [row for row in rows if row[3] != "register"]
    errors, latencies = {}, []
    clock = time.perf_counter()
    for row in rows:
        expected, url, body = request(base, credentials, row)
        data = json.dumps(body).encode()
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers),
                                        timeout=TIMEOUT) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as answer:
            status = answer.code
        except Exception as failure:  # timeouts and connection errors, as the reference counts them
            status = type(failure).__name__
        latencies.append(time.perf_counter() - started)
        if status not in expected:
            kind = f"{row[3]} {status}"
            errors[kind] = errors.get(kind, 0) + 1
            print(f"error: {row[0]} {kind}", file=sys.stderr)
    return len(rows), errors, latencies, time.perf_counter() - clock


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write a scenario to stdout")
    play = commands.add_parser("replay", help="replay a scenario against BASE_URL (ending in /api)")
    play.add_argument("base_url")
    play.add_argument("--scenario", help="a scenario file; without it, generated ones")
    play.add_argument("--clients", type=int, default=1, help="simulated clients at once, with disjoint users")
    play.add_argument("--tag", default="", help="digits added to generated names, to replay again on one database")
    play.add_argument("--sign-up-first", action="store_true",
                      help="sign each client's users up before the clock starts, without the timeout, and leave "
                           "sign-ups out of the figures: for the steady rate of the other actions")
    play.add_argument("--user", default=os.environ.get("MINITWIT_API_USER", "simulator"))
    for sub in (gen, play):
        sub.add_argument("--users", type=int, default=200)
        sub.add_argument("--actions", type=int, default=26000)
        sub.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    if args.command == "generate":
        writer = csv.writer(sys.stdout, delimiter="\t", quotechar=None, quoting=csv.QUOTE_NONE, escapechar=None,
                            lineterminator="\n")
        writer.writerows(generate(args.users, args.actions, args.seed))
        return 0

    password = os.environ.get("MINITWIT_API_PASSWORD")
    if not password:
        parser.error("set MINITWIT_API_PASSWORD to the API's password")
    credentials = base64.b64encode(f"{args.user}:{password}".encode()).decode()
    base = args.base_url.rstrip("/")
    if args.scenario:
        scenarios = [read_scenario(args.scenario)]
    else:
        scenarios = [generate(args.users, args.actions, args.seed + client,
                              "-".join(part for part in (args.tag, str(client) if args.clients > 1 else "") if part),
                              client * args.actions) for client in range(args.clients)]
    with multiprocessing.Pool(len(scenarios)) as pool:
        results = pool.map(replay, [(base, credentials, rows, args.sign_up_first) for rows in scenarios])
    # Each client's own time, from its first counted action to its last: with --sign-up-first the
    # sign-ups before them do not count.
    elapsed = max(result[3] for result in results)
    actions = sum(result[0] for result in results)
    errors = {}
    for result in results:
        for kind, count in result[1].items():
            errors[kind] = errors.get(kind, 0) + count
    latencies = [latency for result in results for latency in result[2]]
    print(json.dumps({"clients": len(scenarios), "actions": actions, "errors": sum(errors.values()),
                      "errors_by_kind": errors, "seconds": round(elapsed, 1),
                      "actions_per_s": round(actions / elapsed, 1),
                      "p50_ms": round(1000 * percentile(latencies, 50), 1),
                      "p99_ms": round(1000 * percentile(latencies, 99), 1),
                      "max_ms": round(1000 * max(latencies, default=0), 1)}, ensure_ascii=False))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
