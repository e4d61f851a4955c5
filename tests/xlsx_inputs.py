#!/usr/bin/python3
"""Edits every input of a tokcost workbook and checks the recalculation.

  xlsx_inputs.py TOKCOST SCENARIO.yaml BOOK.xlsx TMPDIR [LIMIT]

(LIMIT: edit only the first LIMIT inputs, for the test of this test.)

For every unlocked (non-structural) input cell of the Inputs sheet: a copy
of BOOK with that one cell changed, recalculated by `ssconvert --recalc`
(the copies run in parallel, one ssconvert per core), against
`TOKCOST eval --json SCENARIO --set KEY=VALUE` with KEY the cell's Key
column: every headline figure of every bid (cost per GPU-hour, tokens/s per
GPU and per MW, cost per million tokens, LCOT, TCO NPV and nominal,
payback, margin, peak facility MW, rank by LCOT), the winner and the
runner-up and the margin between them (LCOT ratio, NPV difference: when
results.json has the decision block), the claims' deviation and verdict, and the scoring's score and
rank agree to 1e-9 relative (null in JSON is "n/a" in the workbook).

The --set runs on a flattened copy of SCENARIO (included bid files merged
into its platforms list, same order), because --set does not reach into
included files; the flattened copy must evaluate exactly like the original.

The new value is the old one times 1.1 (else 0.9; 0 becomes 0.05, 0.01 or
1000; whole-year and per-node counts step by one; includes_power flips); a
candidate the loader refuses, or one that changes which bids cover the mix
(structural: it removes sheet rows), is replaced by the next. Claims keep
their stated precision (the value is rounded to it and written with it).
Exit 0 when every input was edited and every figure agrees."""
import concurrent.futures
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from xml.etree import ElementTree as ET

import yaml

REL = 1e-9
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
P = "{http://schemas.openxmlformats.org/package/2006/relationships}"
FIGURES = [("cost_per_gpu_hour", "cost_per_gpu_hour"),
           ("tokens_per_s_per_gpu", "tokens_per_s_per_gpu"),
           ("tokens_per_s_per_mw", "tokens_per_s_per_mw"),
           ("cost_per_m_tokens", "cost_per_m_tokens"),
           ("lcot", "levelized_cost_per_m_tokens"), ("tco_npv", "tco_npv"),
           ("tco_nominal", "tco_nominal"), ("payback_years", "payback_years"),
           ("margin_total", "margin_total"), ("peak_facility_mw", "peak_facility_mw")]


class PlainDumper(yaml.emitter.Emitter, yaml.serializer.Serializer,
                  yaml.representer.SafeRepresenter, yaml.resolver.BaseResolver):
    """Writes every scalar as it was read (plain unless it needs quotes)."""

    def __init__(self, stream, **kw):
        yaml.emitter.Emitter.__init__(self, stream, allow_unicode=kw.get("allow_unicode"))
        yaml.serializer.Serializer.__init__(self)
        yaml.representer.SafeRepresenter.__init__(self, sort_keys=False)
        yaml.resolver.BaseResolver.__init__(self)


def flatten(scenario, out):
    """scenario with its include: bids merged into platforms, as out."""
    base = os.path.dirname(os.path.abspath(scenario))
    with open(scenario) as f:
        doc = yaml.load(f, Loader=yaml.BaseLoader)     # every scalar as written
    for inc in doc.pop("include", None) or []:
        with open(os.path.join(base, inc)) as f:
            doc.setdefault("platforms", []).extend(yaml.load(f, Loader=yaml.BaseLoader)["platforms"])
    with open(out, "w") as f:
        yaml.dump(doc, f, Dumper=PlainDumper, allow_unicode=True)


def evaluate(tokcost, scenario, sets=()):
    cmd = [tokcost, "eval", "--json", scenario]
    for s in sets:
        cmd += ["--set", s]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return json.loads(res.stdout) if res.returncode == 0 else None


def shared_strings(z):
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(M + "t")) for si in root.iter(M + "si")]


def sheet_parts(z):
    root = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(P + "Relationship")}
    parts = {}
    for s in root.iter(M + "sheet"):
        t = targets[s.get(R + "id")]
        parts[s.get("name")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    names = {}
    for d in root.iter(M + "definedName"):
        if "!" not in (d.text or ""):
            continue
        sheet, ref = d.text.rsplit("!", 1)
        names[d.get("name")] = (sheet.strip("'"), ref.replace("$", ""))
    return parts, names


def cells(book, sheets):
    """{sheet: {"B5": value}} for the named sheets (numbers as float)."""
    out = {}
    with zipfile.ZipFile(book) as z:
        parts, _ = sheet_parts(z)
        sst = shared_strings(z)
        for name in sheets:
            vals = {}
            if name not in parts:
                continue
            for c in ET.fromstring(z.read(parts[name])).iter(M + "c"):
                v, t = c.find(M + "v"), c.get("t")
                if t == "inlineStr":
                    vals[c.get("r")] = "".join(x.text or "" for x in c.iter(M + "t"))
                elif v is None:
                    vals[c.get("r")] = "" if c.find(M + "f") is not None else None
                elif t == "s":
                    vals[c.get("r")] = sst[int(v.text)]
                elif t in ("str", "e"):
                    vals[c.get("r")] = v.text or ""
                elif t == "b":
                    vals[c.get("r")] = v.text == "1"
                else:
                    vals[c.get("r")] = float(v.text)
            out[name] = vals
    return out


def inputs(book):
    """(name, cell, value, key, unlocked) of every Inputs row with a key."""
    with zipfile.ZipFile(book) as z:
        parts, _ = sheet_parts(z)
        styles = ET.fromstring(z.read("xl/styles.xml"))
        xfs = list(styles.find(M + "cellXfs"))
        unlocked = [x.find(M + "protection") is not None
                    and x.find(M + "protection").get("locked") == "0" for x in xfs]
        sst = shared_strings(z)
        rows = {}
        for c in ET.fromstring(z.read(parts["Inputs"])).iter(M + "c"):
            m = re.match(r"([A-Z]+)(\d+)$", c.get("r"))
            v = c.find(M + "v")
            if v is None:
                continue
            val = sst[int(v.text)] if c.get("t") == "s" else float(v.text)
            rows.setdefault(int(m.group(2)), {})[m.group(1)] = (val, unlocked[int(c.get("s", 0))])
    out = []
    for r in sorted(rows):
        row = rows[r]
        if "E" in row and "B" in row and isinstance(row["B"][0], float) and r > 1:
            out.append((row["A"][0], "B%d" % r, row["B"][0], row["E"][0], row["B"][1]))
    return out


def quantum_text(v, q):
    """v rounded to the claim precision q, written so that it states q."""
    if q < 1:
        d = int(round(-math.log10(q)))
        return "%.*f" % (d, round(v / q) * q)
    if q == 1:
        return "%d" % round(v)
    e = int(math.floor(math.log10(abs(v))))
    d = max(0, e - int(round(math.log10(q))))
    return "%.*fe%d" % (d, round(v / q) * q / 10 ** e, e)


def candidates(key, v, quantum):
    if key.endswith(".includes_power"):
        return [("false", 0.0)] if v else [("true", 1.0)]
    if key.endswith((".gpus_per_node", ".amortization_years")):
        return [("%d" % (v + 1), v + 1), ("%d" % (v - 1), v - 1)]
    if quantum is not None:
        out = []
        for f in (1.1, 0.9, 1.5):
            t = quantum_text(v * f, quantum)
            out.append((t, float(t)))
        return out
    vals = [v * 1.1, v * 0.9] if v else [0.05, 0.01, 1000.0]
    return [(repr(x), x) for x in vals]


def covered(d):
    return [p["covered"] for p in d["platforms"]]


def choose(tokcost, flat, key, v, quantum, base):
    for text, num in candidates(key, v, quantum):
        d = evaluate(tokcost, flat, ["%s=%s" % (key, text)])
        if d is not None and covered(d) == covered(base):
            return text, num, d
    return None, None, None


def edit(book, out, part, ref, value):
    with zipfile.ZipFile(book) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename == part:
                xml = data.decode("utf-8")
                pat = re.compile(r'(<c r="%s"[^>]*><v>)[^<]*(</v></c>)' % ref)
                xml, k = pat.subn(lambda m: m.group(1) + repr(value) + m.group(2), xml)
                if k != 1:
                    sys.exit("input cell Inputs!%s not found" % ref)
                data = xml.encode("utf-8")
            o.writestr(item, data)


def recalc(pair):
    src, dst = pair
    res = subprocess.run(["ssconvert", "--recalc", src, dst], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    return None if res.returncode == 0 and os.path.exists(dst) else res.stderr.strip()


def agree(want, got):
    if want is None:
        return got == "n/a"
    if isinstance(want, str) or isinstance(got, str):
        return want == got
    return abs(want - got) <= REL * max(abs(want), abs(got)) or abs(want - got) <= 1e-12


class Book:
    """Where the checked figures are in a workbook."""

    def __init__(self, book, base):
        with zipfile.ZipFile(book) as z:
            self.parts, self.names = sheet_parts(z)
        self.claims = self.claim_rows(cells(book, ["Summary"])["Summary"])

    @staticmethod
    def claim_rows(summary):
        """Summary rows of the claims table, in order (header: Stated precision)."""
        head = [ref for ref, v in summary.items() if v == "Stated precision"]
        if not head:
            return []
        r = int(re.match(r"[A-Z]+(\d+)", head[0]).group(1)) + 1
        out = []
        while isinstance(summary.get("A%d" % r), str) and summary.get("A%d" % r):
            out.append(r)
            r += 1
        return out

    def figures(self, d):
        """[(label, sheet, cell, expected)] for results d."""
        out = []
        rank = {pid: k + 1 for k, pid in enumerate(d["ranking"])}
        for p in d["platforms"]:
            for fig, jkey in FIGURES + [("rank", None)]:
                name = "%s_%s" % (p["id"], fig)
                if name not in self.names:
                    continue
                want = rank.get(p["id"]) if fig == "rank" else p.get(jkey)
                out.append((name,) + self.names[name] + (want,))
        for k, who in enumerate(("winner", "runner_up")):
            if who in self.names and len(d["ranking"]) > k:
                out.append((who,) + self.names[who] + (d["ranking"][k],))
        for fig in ("lcot_ratio", "npv_difference"):      # the margin over the runner-up
            if fig in self.names and "decision" in d:
                out.append((fig,) + self.names[fig] + (d["decision"].get(fig),))
        rows = iter(self.claims)
        for p in d["platforms"]:
            for cl in p.get("claims", []):
                r = next(rows)
                dev = cl["deviation"]
                verdict = "consistent" if cl["consistent"] else "inconsistent: %s computed" % gap(dev)
                out.append(("%s claim %s deviation" % (p["id"], cl["metric"]), "Summary",
                            "F%d" % r, dev))
                out.append(("%s claim %s verdict" % (p["id"], cl["metric"]), "Summary",
                            "G%d" % r, verdict))
        for s in (d.get("scoring") or {}).get("ranking", []):
            for fig, want in (("score", s["score"]), ("score_rank", s["rank"])):
                name = "%s_%s" % (s["id"], fig)
                if name in self.names:
                    out.append((name,) + self.names[name] + (want,))
        return out


def gap(dev):
    """tc_fmt_gap: a percentage under double, then a multiple to 2 significant figures."""
    if dev > 0 and int(dev * 1000 + 0.5) / 10 >= 100:     # C round(): half away from zero
        x = float("%.2g" % (1 + dev))
        return ("%.1f times" if x < 10 else "%.0f times") % x
    return "%.1f%% %s" % (abs(dev) * 100, "below" if dev < 0 else "above")


def main(argv):
    if len(argv) not in (5, 6):
        print(__doc__, file=sys.stderr)
        return 2
    tokcost, scenario, book, tmp = argv[1:5]
    limit = int(argv[5]) if len(argv) == 6 else None
    t0 = time.time()
    flat = os.path.join(tmp, "flat.yaml")
    flatten(scenario, flat)
    base, orig = evaluate(tokcost, flat), evaluate(tokcost, scenario)
    if base is None or json.dumps(base["platforms"]) != json.dumps(orig["platforms"]):
        print("%s: the flattened scenario does not evaluate like the original" % scenario)
        return 1
    where = Book(book, base)
    quanta = {}     # claim key -> stated precision (Summary column D)
    summary = cells(book, ["Summary"])["Summary"]
    rows = iter(where.claims)
    for p in base["platforms"]:
        for cl in p.get("claims", []):
            quanta["platforms[%s].claims.%s" % (p["id"], cl["metric"])] = summary["D%d" % next(rows)]
    jobs, skipped, fixed = [], [], 0
    part = where.parts["Inputs"]
    for k, (name, ref, value, key, unlocked) in enumerate(inputs(book)):
        if not unlocked:
            fixed += 1
            continue
        if limit is not None and len(jobs) >= limit:
            break
        text, num, d = choose(tokcost, flat, key, value, quanta.get(key), base)
        if d is None:
            skipped.append(key)
            continue
        src = os.path.join(tmp, "in%03d.xlsx" % k)
        edit(book, src, part, ref, num)
        jobs.append((key, text, d, src, os.path.join(tmp, "out%03d.xlsx" % k)))
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        errors = list(pool.map(recalc, [(j[3], j[4]) for j in jobs]))
    bad, compared = [], 0
    for (key, text, d, src, out), err in zip(jobs, errors):
        if err is not None:
            bad.append("%s=%s: ssconvert failed: %s" % (key, text, err))
            continue
        got = cells(out, ["Platforms", "Summary", "Scoring"])
        for label, sheet, ref, want in where.figures(d):
            compared += 1
            value = got.get(sheet, {}).get(ref)
            if not agree(want, value):
                bad.append("%s=%s: %s (%s!%s): eval %r, workbook %r"
                           % (key, text, label, sheet, ref, want, value))
    for line in bad[:30]:
        print(line)
    for key in skipped:
        print("%s: no edit the loader accepts keeps every bid's coverage" % key)
    print("%s: %d inputs edited (%d structural left), %d figures compared, %d disagree, %.1f s"
          % (os.path.basename(scenario), len(jobs), fixed, compared, len(bad), time.time() - t0))
    return 0 if jobs and compared and not bad and not skipped else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
