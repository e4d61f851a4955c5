#!/usr/bin/python3
"""Checks tokcost workbooks with Gnumeric's recalculation.

  check BOOK.xlsx              every formula cell: cached value == value that
                               `ssconvert --recalc` computes (1e-9 relative)
  get BOOK.xlsx NAME...        recalculated values of defined names
  set BOOK.xlsx NAME VALUE OUT copy with the input cell behind NAME changed
  break BOOK.xlsx OUT          copy with one formula made wrong (cache kept)
  text BOOK.xlsx STRING...     each STRING is a text cell and in no formula
  sheets BOOK.xlsx             prints the sheet names
  locks BOOK.xlsx              every sheet protected without a password; every
                               formula cell locked; an Inputs value unlocked
                               unless its key is structural (horizon, a
                               workload's share, isl, osl), which is locked
                               and says "change it in the scenario and render
                               again"

Exit status 0 when the check holds, 1 when it does not, 2 on usage errors.
Needs /usr/bin/python3 with python3-openpyxl and gnumeric (ssconvert)."""
import math
import os
import re
import subprocess
import sys
import tempfile
import warnings
import zipfile
from xml.etree import ElementTree as ET

import openpyxl

warnings.filterwarnings("ignore", category=UserWarning)   # "no default style"
REL = 1e-9
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def recalc(book, tmp):
    out = os.path.join(tmp, "recalc.xlsx")
    res = subprocess.run(["ssconvert", "--recalc", book, out],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0 or not os.path.exists(out):
        sys.exit("ssconvert failed: " + res.stderr.strip())
    return out


def agree(a, b):
    if a in (None, "") and b in (None, ""):
        return True     # an empty text result: openpyxl reads a cached "" as None
    if isinstance(a, bool) or isinstance(b, bool) or isinstance(a, str) or isinstance(b, str):
        return a == b
    if a is None or b is None:
        return False
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= REL * max(abs(a), abs(b)) or abs(a - b) <= 1e-12


def nan_cells(book):
    """Cells whose stored value is NaN or infinity (a corrupt cell)."""
    bad = []
    with zipfile.ZipFile(book) as z:
        for part in z.namelist():
            if part.startswith("xl/worksheets/") and part.endswith(".xml"):
                xml = z.read(part).decode("utf-8")
                bad += [part] * len(re.findall(r"<v>\s*[-+]?(nan|inf)", xml, re.I))
    return bad


def check(book):
    if nan_cells(book):
        print("NaN or infinity stored in %s" % nan_cells(book))
        return 1
    formulas = openpyxl.load_workbook(book)
    cached = openpyxl.load_workbook(book, data_only=True)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = openpyxl.load_workbook(recalc(book, tmp), data_only=True)
    n, bad = 0, []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                n += 1
                want = cached[ws.title][cell.coordinate].value
                got = fresh[ws.title][cell.coordinate].value
                if not agree(want, got):
                    bad.append("%s!%s %s: cached %r, recalculated %r"
                               % (ws.title, cell.coordinate, cell.value, want, got))
    for line in bad[:20]:
        print(line)
    print("%s: %d formula cells, %d disagree" % (os.path.basename(book), n, len(bad)))
    return 0 if n > 0 and not bad else 1


def defined(book, name):
    """(sheet, cell) a defined name points at, e.g. ("Inputs", "B5")."""
    with zipfile.ZipFile(book) as z:
        root = ET.fromstring(z.read("xl/workbook.xml"))
    for d in root.iter("{%s}definedName" % NS["m"]):
        if d.get("name") == name:
            sheet, ref = d.text.rsplit("!", 1)
            return sheet.strip("'"), ref.replace("$", "")
    sys.exit("no defined name " + name)


def get(book, names):
    with tempfile.TemporaryDirectory() as tmp:
        fresh = openpyxl.load_workbook(recalc(book, tmp), data_only=True)
    for name in names:
        sheet, ref = defined(book, name)
        print("%s %r" % (name, fresh[sheet][ref].value))
    return 0


def sheet_part(z, title):
    root = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter("{%s}Relationship" % NS["p"])}
    for s in root.iter("{%s}sheet" % NS["m"]):
        if s.get("name") == title:
            return "xl/" + targets[s.get("{%s}id" % NS["r"])].lstrip("/").replace("xl/", "", 1)
    sys.exit("no sheet " + title)


def rewrite(book, out, part, edit):
    with zipfile.ZipFile(book) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            o.writestr(item, data)


def set_input(book, name, value, out):
    sheet, ref = defined(book, name)
    with zipfile.ZipFile(book) as z:
        part = sheet_part(z, sheet)

    def edit(xml):
        pat = re.compile(r'(<c r="%s"[^>]*><v>)[^<]*(</v></c>)' % ref)
        new, k = pat.subn(lambda m: m.group(1) + repr(float(value)) + m.group(2), xml)
        if k != 1:
            sys.exit("input cell %s!%s not found" % (sheet, ref))
        return new
    rewrite(book, out, part, edit)
    return 0


def break_formula(book, out):
    """Makes the first formula with "*3600" use 3601: a wrong formula whose
    cached value is still the engine's."""
    with zipfile.ZipFile(book) as z:
        part = sheet_part(z, "CostPerToken")

    def edit(xml):
        new, k = re.subn(r"(<f>[^<]*\*)3600", r"\g<1>3601", xml, count=1)
        if k != 1:
            sys.exit("no formula to break")
        return new
    rewrite(book, out, part, edit)
    return 0


def text_cells(book, strings):
    wb = openpyxl.load_workbook(book)
    found = {s: False for s in strings}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if cell.data_type == "f":
                    for s in strings:
                        if s in str(v):
                            print("in a formula: %s!%s %s" % (ws.title, cell.coordinate, v))
                            return 1
                elif cell.data_type == "s" and v in found:
                    found[v] = True
    missing = [s for s, ok in found.items() if not ok]
    for s in missing:
        print("not a text cell: %r" % s)
    return 1 if missing else 0


STRUCTURAL = re.compile(r"(^assumptions\.horizon_years|^workloads\[[^]]*\]\.(share|isl|osl))$")


def locks(book):
    wb = openpyxl.load_workbook(book)
    bad = []
    with zipfile.ZipFile(book) as z:
        for ws in wb.worksheets:
            xml = z.read(sheet_part(z, ws.title)).decode("utf-8")
            m = re.search(r"<sheetProtection[^>]*>", xml)
            if not m or "password" in m.group(0) or 'sheet="1"' not in m.group(0):
                bad.append("%s: not protected, or with a password" % ws.title)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and not cell.protection.locked:
                    bad.append("%s!%s: an unlocked formula" % (ws.title, cell.coordinate))
    inputs, n = wb["Inputs"], 0
    for row in inputs.iter_rows(min_row=2):
        key, value, note = row[4].value, row[1], row[6].value or ""
        if not key or not isinstance(value.value, (int, float)):
            continue
        n += 1
        fixed = bool(STRUCTURAL.search(key))
        if value.protection.locked != fixed:
            bad.append("Inputs!%s %s: %s" % (value.coordinate, key,
                                             "unlocked" if fixed else "locked"))
        if fixed and "change it in the scenario and render again" not in note:
            bad.append("Inputs!%s %s: no note" % (value.coordinate, key))
    for line in bad[:20]:
        print(line)
    print("%s: %d inputs, %d lock problems" % (os.path.basename(book), n, len(bad)))
    return 0 if n and not bad else 1


def main(argv):
    if len(argv) >= 3 and argv[1] == "check":
        return max(check(b) for b in argv[2:])
    if len(argv) >= 4 and argv[1] == "get":
        return get(argv[2], argv[3:])
    if len(argv) == 6 and argv[1] == "set":
        return set_input(argv[2], argv[3], argv[4], argv[5])
    if len(argv) == 4 and argv[1] == "break":
        return break_formula(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "locks":
        return locks(argv[2])
    if len(argv) == 3 and argv[1] == "sheets":
        print(" ".join(openpyxl.load_workbook(argv[2]).sheetnames))
        return 0
    if len(argv) >= 4 and argv[1] == "text":
        return text_cells(argv[2], argv[3:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
