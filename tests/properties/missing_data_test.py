#!/usr/bin/python3
"""Property test: taking away any one data source never crashes a report,
never leaves a number standing on data that is gone, and turns what needed
it into "missing data" notices; every finding and KPI in every JSON document
carries its evidence (or, for a missing KPI, what data it needs).

missing_data_test.py QUARTERDECK

For each data source of the reference portfolio (journal with its bank
export, bookings, channels, cloud costs, invoices, handoff notes, the repositories), a
copy of the portfolio without it is generated as of 2026-11-16.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = os.path.join(ROOT, "examples", "portfolio")

# data key -> metrics that cannot have a value without it
METRICS = {
    "journal": {"revenue_month", "expenses_month", "net_month", "cash", "monthly_burn", "runway_months"},
    "bookings": {"bookings_month", "forward_bookings", "forward_bookings_value"},
    "channels": {"channels_listed", "leads_30d"},
    "cloud_costs": {"cloud_cost_month", "cloud_savings_month"},
    "handoffs": {"open_items"},
    "invoices": set(),
    "repos": {"secrets_found", "commits_12w", "days_since_commit"},
}
# words a "missing data" notice about the source uses
WORDS = {"journal": "journal", "bookings": "bookings", "channels": "channel", "cloud_costs": "cloud",
         "handoffs": "handoff", "invoices": "invoices", "repos": "repositor"}


def remove_source(portfolio, key):
    path = os.path.join(portfolio, "portfolio.toml")
    text = open(path).read()
    if key == "repos":
        shutil.rmtree(os.path.join(portfolio, "repos"), ignore_errors=True)
        return
    text = re.sub(rf"^{key} = .*\n", "", text, flags=re.M)
    if key == "journal":  # the bank export is read into the journal
        text = re.sub(r"\[\[data\.bank\]\]\n(?:[a-z_]+ = .*\n)+", "", text)
    open(path, "w").write(text)


def kpi_metrics(portfolio):
    out = {}
    for name in os.listdir(os.path.join(portfolio, "entities")):
        entity = tomllib.load(open(os.path.join(portfolio, "entities", name), "rb"))
        for k in entity.get("kpis", []):
            out[f"{name[:-5]}.{k['id']}"] = k["metric"]
    return out


def check(binary, key, work):
    portfolio = os.path.join(work, key, "portfolio")
    # Without the run state `make run` may have left in the checkout.
    subprocess.run([os.path.join(ROOT, "tests", "tools", "copy-portfolio"), SOURCE, portfolio], check=True)
    remove_source(portfolio, key)
    out = os.path.join(work, key, "out")
    done = subprocess.run([binary, "generate", portfolio, "--as-of", "2026-11-16", "--out", out,
                           "--format", "text,html,json"], capture_output=True, text=True)
    problems = []
    if done.returncode != 0:
        return [f"generate exited {done.returncode}: {done.stderr.strip()[:500]}"]
    metrics = kpi_metrics(portfolio)
    notices = 0
    for name in sorted(os.listdir(out)):
        path = os.path.join(out, name)
        text = open(path, encoding="utf-8").read()
        if re.search(r"\b(nan|inf)\b|-nan", text, flags=re.I):
            problems.append(f"{name}: a number that is not one (nan/inf)")
        if not name.endswith(".json"):
            continue
        doc = json.loads(text)
        for f in doc["findings"]:
            if not f["evidence"] or any(not e["source"] or not e["detail"] for e in f["evidence"]):
                problems.append(f"{name}: finding {f['id']} without evidence")
        for k in doc["kpis"]:
            if k["value"] is None:
                notices += 1
                if not k.get("missing_data"):
                    problems.append(f"{name}: KPI {k['id']} missing without saying what data it needs")
                continue
            if not k["evidence"]:
                problems.append(f"{name}: KPI {k['id']} has a value and no evidence")
            if metrics.get(k["id"]) in METRICS[key]:
                problems.append(f"{name}: KPI {k['id']} ({metrics[k['id']]}) has a value without its {key}")
        for s in doc["sections"]:
            if WORDS[key] in s["note"].lower() and ("missing" in s["note"].lower() or "no " in s["note"].lower()):
                notices += 1
    if notices == 0:
        problems.append(f"no report says that the {key} data is missing")
    return problems


def main():
    binary = os.path.abspath(sys.argv[1])
    failed = False
    with tempfile.TemporaryDirectory() as work:
        for key in METRICS:
            problems = check(binary, key, work)
            print(f"without {key}: {'ok' if not problems else 'FAILED'}")
            for p in problems:
                print(f"  {p}")
            failed |= bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
