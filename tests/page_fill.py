#!/usr/bin/env python3
"""Page fill of a rendered report: for each page of a PDF rendered by
pdftoppm (grey, low resolution), the share of the content box's pixel rows
that hold ink, from the first content row to the last. Prints one line per
page: "page N fill F". With --min F, exits 1 when a page other than the
first (cover) and the last falls under F, unless --allow lists it."""
import subprocess, sys, tempfile, os, glob

def pgm_rows(path):
    with open(path, 'rb') as f:
        data = f.read()
    # P5 header: magic, width, height, maxval, each separated by whitespace
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        parts.append(data[start:pos])
    pos += 1
    w, h = int(parts[1]), int(parts[2])
    pix = data[pos:pos + w * h]
    return w, h, [pix[r * w:(r + 1) * w] for r in range(h)]

def fill(path):
    w, h, rows = pgm_rows(path)
    # the content box: below the running header, above the footer
    top, bottom = int(h * 0.075), int(h * 0.93)
    inked = [any(b < 200 for b in rows[r]) for r in range(top, bottom)]
    if not any(inked):
        return 0.0
    last = max(i for i, v in enumerate(inked) if v)
    # the page is used down to its last inked row
    return (last + 1) / len(inked)

def main():
    args = sys.argv[1:]
    minimum, allow = None, set()
    if '--min' in args:
        i = args.index('--min'); minimum = float(args[i + 1]); del args[i:i + 2]
    if '--allow' in args:
        i = args.index('--allow'); allow = {int(x) for x in args[i + 1].split(',') if x}; del args[i:i + 2]
    pdf = args[0]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['pdftoppm', '-r', '20', '-gray', pdf, os.path.join(tmp, 'p')], check=True,
                       stderr=subprocess.DEVNULL)
        pages = sorted(glob.glob(os.path.join(tmp, 'p-*.pgm')))
        bad = []
        for n, p in enumerate(pages, 1):
            f = fill(p)
            print(f"page {n} fill {f:.2f}")
            if minimum is not None and 1 < n < len(pages) and f < minimum and n not in allow:
                bad.append(n)
    if bad:
        print(f"{pdf}: pages under {minimum:.0%} used: {bad}", file=sys.stderr)
        return 1
    return 0

if __name__ == '__main__':
    sys.exit(main())
