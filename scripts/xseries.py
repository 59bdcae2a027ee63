#!/usr/bin/env python3
"""scripts/xseries.py — the test bed of the rules across reports (issue 15), on top of nbgen.

    scripts/xseries.py --nbgen build/nbgen --seed S --agencies N --out DIR

nbgen's reports are single documents; the cross-report rules need reports that belong together. From
nbgen's text reports (--kinds tsv, no defects) this makes, under DIR/docs:

  * series: each of N agencies reports five years running; each year's report is a different nbgen report
    with the agency's name and the years put in, its 二、上年结转 row set to the year before's
    四、结转下年度继续办理 (the balance of table 3 kept by adjusting 一、本年新收) and, in the 2021 format, table
    2's 现行有效件数 continued from the year before — except where a break is injected (YEAR-CARRYOVER,
    YEAR-IN-FORCE);
  * a second, different report of an agency for one year (YEAR-DUPLICATE);
  * copies of another agency's report: whole with the names swapped, or with part 五 replaced
    (COPY-OTHER-AGENCY, on both reports);
  * reports rewritten from the agency's report of the year before, years and numbers changed, the tables
    of the year kept (COPY-LAST-YEAR);
  * DIR/roster.csv: the agencies, less a few that report (ROSTER-UNLISTED), plus a few that never report
    (ROSTER-MISSING for every year).

DIR/truth/xfindings.csv lists the findings a correct auditor owes: file,rule,table,row,col,detail. Same
arguments, same bytes. scripts/xeval.py scores nianbao against it.
"""
import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys

YEARS = 5
FIRST_YEAR = 2021          # the series run 2021..2025 (all in the 2021 format's years)
T3_COLS = ["natural", "commercial", "research", "ngo", "legal", "other_org", "total"]
FW = str.maketrans("０１２３４５６７８９，", "0123456789,")


def value(field):
    s = field.strip().translate(FW).replace(",", "").replace(" ", "")
    if s in ("", "—", "-", "/", "无", "－", "–"):
        return 0
    return int(s) if re.fullmatch(r"-?\d+", s) else None


CN = "一二三四五六"
# Data: each part's heading words after its number (nbgen's variants, scripts/gen/narrative.c headings[])
PART_WORDS = [r"(?:政府信息公开工作)?(?:总体情况|概况|工作概述|基本情况)", r"主动公开", r"(?:收到和处理|依申请公开)",
              r"(?:政府信息公开|因政府信息公开|行政复议)", r"(?:政府信息公开工作)?存在的", r"(?:其他|需要说明)"]
# Data: the heading styles, each a pattern of the number (group 1) then the text
HEAD_STYLES = [r"([一二三四五六])、[ 　]?(?=\S)", r"([一二三四五六])．", r"第([一二三四五六])部分[ 　]*", r"[（(]([一二三四五六])[）)][ 　]*",
               r"([1-6])\. "]


def find_parts(lines):
    """{part number: line} of a report's parts in its heading style (Report.parts)."""
    for style in HEAD_STYLES:
        head = re.compile("^" + style + "(?!\t)(.*)$")
        found, after = {}, 0
        for n in range(1, 7):
            for i in range(after, len(lines)):
                m = head.match(lines[i])
                if m and re.match(PART_WORDS[n - 1], m.group(2)):
                    found[n], after = i, i + 1
                    break
        if 1 in found:
            return found
    return {}


class Report:
    """One nbgen tsv report, with the rows the series rewrite."""

    def __init__(self, path, agency, year):
        self.path = path
        with open(path, encoding="utf-8") as f:
            self.lines = f.read().split("\n")
        self.agency, self.year = agency, year
        # a title wrapped over two lines would keep the old name: such reports are not used
        whole = any(agency and agency + str(year) in l for l in self.lines[:12])
        self.rows = {}
        for i, l in enumerate(self.lines):
            f = l.split("\t")
            key = None
            if "本年新收政府信息公开申请数量" in l:
                key = "new"
            elif "上年结转政府信息公开申请数量" in l:
                key = "carried"
            elif re.search(r"[（(]七[）)]\s*总计", l):
                key = "total"
            elif "结转下年度继续办理" in l:
                key = "forward"
            elif re.match(r"^(规章|行政规范性文件)\t", l) and len(f) == 4:
                key = "t2." + ("rules" if f[0] == "规章" else "normative")
            if key and key not in self.rows:
                n = 3 if key.startswith("t2.") else 7
                vals = [value(x) for x in f[-n:]]
                if len(f) > n and None not in vals:
                    self.rows[key] = (i, vals)
        # the 2021 format by table 2's header (信息内容 本年制发件数 本年废止件数 现行有效件数), not by the words
        # anywhere: a sentence of the narrative pool may name 现行有效件数 in a report of the 2019 format
        self.v2021 = any(re.search(r"\t\s*现行有效件数\s*$", l) for l in self.lines)
        self._parts = None
        self.ok = whole and all(k in self.rows for k in ("new", "carried", "total", "forward"))

    def get(self, key):
        return list(self.rows[key][1])

    def put(self, key, vals):
        i, _ = self.rows[key]
        f = self.lines[i].split("\t")
        n = len(vals)
        f[-n:] = [str(v) for v in vals]
        self.lines[i] = "\t".join(f)
        self.rows[key] = (i, list(vals))

    def parts(self):
        """The line of each part's heading (1..6, those found), in the report's own heading style. nbgen
        numbers parts 一、 (or 一、 with a space), 一．, 第一部分, （一） (sub-headings 1．) or 1. (sub-headings
        （1）): the style is the one part 一's heading is in, and only headings in it are parts — the （一）
        sub-headings of a report numbered 一、 are not, nor table 3's rows (一、<tab>…, 四、结转下年度…)."""
        if self._parts is None:
            self._parts = find_parts(self.lines)
        return self._parts

    def section(self, n):
        """Line range [a, b) of part n (1..6), from its heading up to the next part found; None if not found."""
        found = self.parts()
        if n not in found:
            return None
        later = [found[m] for m in found if m > n]
        return found[n], min(later) if later else len(self.lines)

    def text(self):
        return "\n".join(self.lines)


CN_DIGITS = "〇一二三四五六七八九"
COUNTERS = "条件项次篇人个期场"


def cn_year(m, delta):
    """二〇二三 shifted by delta years, digit by digit as it is written."""
    y = int("".join(str(CN_DIGITS.index(c)) for c in m.group(1).replace("零", "〇"))) + delta
    return "".join(CN_DIGITS[int(c)] for c in str(y)) + "年"


def cn_value(s):
    """A count written in Chinese (二十二, 一百零五, 一千二百五十八), or None."""
    units = {"十": 10, "百": 100, "千": 1000}
    total, cur = 0, None
    for c in s:
        if c in CN_DIGITS or c in "零两":
            cur = 2 if c == "两" else CN_DIGITS.index(c.replace("零", "〇"))
        elif c in units:
            total += (1 if cur is None else cur) * units[c]
            cur = None
        else:
            return None
    return total + (cur or 0)


def cn_count(n):
    """n (0..9999) written as reports write counts: 二十二, 一百零五, 十五."""
    if n == 0:
        return "零"
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d:
            if zero:
                out += "零"
            out += ("" if (d == 1 and unit == 10 and n < 20) else CN_DIGITS[d]) + name
            zero = False
        elif out:
            zero = True
    return out


def shift_years(text, delta):
    text = re.sub(r"(?<!\d)(20[12]\d)(?!\d)", lambda m: str(int(m.group(1)) + delta), text)
    # years written in Chinese (二〇二三年), as signatures and some narratives write them
    return re.sub(r"(二[〇零][一二][〇一二三四五六七八九])年", lambda m: cn_year(m, delta), text)


def change_counts(line, rnd):
    """A line of last year's narrative with its counts changed, in digits and in Chinese (共收到申请二十二件)."""
    line = re.sub(r"\d+(?=[%s])" % COUNTERS, lambda m: str(int(m.group(0)) + rnd.randint(1, 40)), line)

    def cn(m):
        v = cn_value(m.group(0))
        return m.group(0) if v is None or v >= 9000 else cn_count(v + rnd.randint(1, 40))
    return re.sub(r"(?<![第〇零一二三四五六七八九十百千两])[〇零一二三四五六七八九十百千两]{2,}(?=[%s])" % COUNTERS, cn, line)


def rename(text, old, new):
    return text.replace(old, new)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def row_sum(vals):
    vals[6] = sum(vals[:6])
    return vals


def carry_from(rep, prev, extra=None):
    """Set rep's 二、上年结转 to prev's 四、结转下年度 (plus extra in one column), keeping table 3's balance."""
    carried = prev.get("forward")
    if extra:
        carried[extra[0]] += extra[1]
        row_sum(carried)
    new, total = rep.get("new"), rep.get("total")
    forward = [new[c] + carried[c] - total[c] for c in range(7)]
    for c in range(6):
        if forward[c] < 0:
            new[c] -= forward[c]
            forward[c] = 0
    row_sum(new)
    row_sum(forward)
    rep.put("carried", carried)
    rep.put("new", new)
    rep.put("forward", forward)
    return carried


def continue_in_force(rep, prev, rnd, rate):
    """Table 2's 现行有效件数 continued from prev (2021 format, both); a break at rate. Returns the rows broken."""
    broken = []
    if not (rep.v2021 and prev.v2021):
        return broken
    for key in ("t2.rules", "t2.normative"):
        if key not in rep.rows or key not in prev.rows:
            continue
        issued, repealed, _ = rep.get(key)
        want = prev.get(key)[2] + issued - repealed
        if want < 0:
            repealed += want
            want = 0
        got = want
        if rnd.random() < rate:
            got = want + rnd.randint(1, 9)
            broken.append(key)
        rep.put(key, [issued, repealed, got])
    return broken


def sentence_pool(bases, real_dir):
    """Sentences for the narrative parts: nbgen's (from every base report's parts 一, 五, 六) and, when the
    shared corpus is there, the real reports' (read in place). nbgen writes its narrative from a few
    templates, so that two unrelated reports of it are as alike as copies once numbers are masked; drawing
    each report's narrative from this pool makes unrelated reports differ as real ones do."""
    seen, pool = set(), []

    def add(sent):
        sent = sent.strip()
        k = re.sub(r"\d+", "#", sent)
        if len(sent) >= 12 and k not in seen and "\t" not in sent:
            seen.add(k)
            pool.append(sent + "。")

    for r in bases:
        for part in (1, 5, 6):
            sec = r.section(part)
            if sec:
                for l in r.lines[sec[0] + 1:sec[1]]:
                    for sent in l.split("。"):
                        add(sent)
    if real_dir and os.path.isdir(real_dir):
        for name in sorted(os.listdir(real_dir)):
            if name.endswith((".txt", ".md")):
                with open(os.path.join(real_dir, name), encoding="utf-8", errors="replace") as f:
                    for sent in re.split(r"[。！？\n]", f.read()):
                        if not re.search(r"\d{5,}|政府信息公开工作年度报告|本报告", sent):
                            add(sent)
    return pool


def vary_narrative(rep, pool, rnd):
    """Parts 一 and 五 rewritten as sentences drawn from the pool (the headings kept)."""
    for part in (1, 5):
        sec = rep.section(part)
        if not sec:
            continue
        body = "".join(rnd.sample(pool, min(len(pool), rnd.randint(8, 14))))
        rep.lines[sec[0] + 1:sec[1]] = ["", body, ""]
        rep._parts = None
        for key, (i, v) in list(rep.rows.items()):
            if i >= sec[1]:
                rep.rows[key] = (i - (sec[1] - sec[0] - 1) + 3, v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nbgen", default="build/nbgen")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--agencies", type=int, default=40)
    ap.add_argument("--out", required=True)
    ap.add_argument("--real", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus", "real"),
                    help="real reports whose sentences join the narrative pool (read in place; optional)")
    ap.add_argument("--keep-narrative", action="store_true",
                    help="keep nbgen's templated narratives (unrelated reports then read as copies)")
    ap.add_argument("--break-rate", type=float, default=0.1, help="share of years with a carry-over or in-force break")
    ap.add_argument("--copy-rate", type=float, default=0.05, help="share of agencies copied by another")
    ap.add_argument("--rewrite-rate", type=float, default=0.05, help="share of agencies rewriting last year's")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    out = a.out
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "docs"))
    os.makedirs(os.path.join(out, "truth"))
    base_dir = os.path.join(out, "base")
    need = a.agencies * 18 + 50          # about 4 in 10 of nbgen's reports have the title and rows the series rewrite
    subprocess.run([a.nbgen, "--seed", str(a.seed), "--count", str(need), "--kinds", "tsv", "--multi", "0",
                    "--defect-rate", "0", "--out", base_dir], check=True, stdout=subprocess.DEVNULL)
    bases = []
    with open(os.path.join(base_dir, "truth", "documents.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["version"] == "pre2019" or not row["agency"]:
                continue
            r = Report(os.path.join(base_dir, "docs", row["file"]), row["agency"], int(row["year"]))
            if r.ok:
                bases.append(r)
    rnd.shuffle(bases)
    if not a.keep_narrative:
        pool = sentence_pool(bases, a.real)
        for r in bases:
            vary_narrative(r, pool, rnd)
    it = iter(bases)
    truth = []
    agencies = []
    used_names = set()

    def fresh_name(k):
        # the agency names of nbgen's reports, each used once; the generator's own names keep their kind
        while True:
            r = next(it)
            if r.agency not in used_names:
                used_names.add(r.agency)
                return r.agency, r

    series = {}
    reported_years = [(None, 0)]
    doc_agency = []             # (file, agency) of every report written
    for k in range(a.agencies):
        name, first = fresh_name(k)
        agencies.append(name)
        docs = []
        prev = None
        for j in range(YEARS):
            y = FIRST_YEAR + j
            r = first if j == 0 else next(it)
            # the report as this agency's, for year y
            text = rename(shift_years(r.text(), y - r.year), shift_years(r.agency, y - r.year), name)
            path = os.path.join(out, "docs", "a%04d_%d.tsv" % (k, y))
            write(path, text)
            rep = Report(path, name, y)
            if not rep.ok:
                raise SystemExit("xseries: %s lost its rows" % path)
            if prev is not None:
                broke = rnd.random() < a.break_rate
                carried = carry_from(rep, prev, (rnd.randrange(6), rnd.randint(1, 3)) if broke else None)
                if broke:
                    pf = prev.get("forward")
                    for c in range(7):
                        if carried[c] != pf[c]:
                            truth.append((path, "YEAR-CARRYOVER", "t3", "carried", T3_COLS[c], ""))
                for key in continue_in_force(rep, prev, rnd, a.break_rate / 2):
                    truth.append((path, "YEAR-IN-FORCE", "t2", key[3:], "in_force", ""))
                write(path, rep.text())
            docs.append((path, rep))
            reported_years.append((name, y))
            doc_agency.append((path, name))
            prev = rep
        series[k] = docs

    # a second, different report for one year
    for k in range(a.agencies):
        if rnd.random() >= 0.05:
            continue
        j = rnd.randrange(1, YEARS - 1)
        y = FIRST_YEAR + j
        r = next(it)
        path = os.path.join(out, "docs", "a%04d_%d_second.tsv" % (k, y))
        write(path, rename(shift_years(r.text(), y - r.year), shift_years(r.agency, y - r.year), agencies[k]))
        second = Report(path, agencies[k], y)
        doc_agency.append((path, agencies[k]))
        carry_from(second, series[k][j - 1][1])
        continue_in_force(second, series[k][j - 1][1], rnd, 0)
        write(path, second.text())
        other = series[k][j][0]
        truth.append((path, "YEAR-DUPLICATE", "", "", "", other))
        truth.append((other, "YEAR-DUPLICATE", "", "", "", path))

    # reports rewritten from the year before: its narrative, years and numbers changed, this year's tables
    rewritten = {}              # agency -> the year (index) rewritten from the one before
    for k in range(a.agencies):
        if rnd.random() >= a.rewrite_rate:
            continue
        j = rnd.randrange(1, YEARS)
        path, rep = series[k][j]
        _, last = series[k][j - 1]
        old = shift_years(last.text(), 1).split("\n")
        old = [change_counts(l, rnd) for l in old]
        parts_new = [rep.section(n) for n in (2, 3, 4)]
        parts_old = [last.section(n) for n in (2, 3, 4)]
        if None in parts_new or None in parts_old:
            continue
        # this year's parts 二 to 四 (the tables) under last year's headings: a report rewritten from last
        # year's keeps its heading style (二、 or （二） or 第二部分 …), whatever this year's base was in
        mid = []
        for (a_old, _), (a_new, b_new) in zip(parts_old, parts_new):
            mid += [old[a_old]] + rep.lines[a_new + 1:b_new]
        old[parts_old[0][0]:parts_old[2][1]] = mid
        write(path, "\n".join(old))
        truth.append((path, "COPY-LAST-YEAR", "section", "", "", series[k][j - 1][0]))
        rewritten[k] = j
        # its table 2 and 3 are this year's: the carry-over truth of the report stands

    # copies of another agency's report: whole (names swapped) or with part 五 replaced
    ncopy = 0
    for k in range(a.agencies):
        if rnd.random() >= a.copy_rate:
            continue
        j = rnd.randrange(YEARS)
        src_path = series[k][j][0]
        src = Report(src_path, agencies[k], FIRST_YEAR + j)
        name, filler = fresh_name(None)
        lines = list(src.lines)
        how = "whole" if ncopy % 2 == 0 else "section"
        if how == "section":
            s5, f5 = src.section(5), filler.section(5)
            if s5 and f5:
                # the other report's part 五 under the copy's own heading (its heading style)
                lines[s5[0] + 1:s5[1]] = filler.lines[f5[0] + 1:f5[1]]
        ncopy += 1
        path = os.path.join(out, "docs", "c%04d_%s_%d.tsv" % (k, how, FIRST_YEAR + j))
        write(path, rename("\n".join(lines), agencies[k], name))
        agencies.append(name)
        reported_years.append((name, FIRST_YEAR + j))
        doc_agency.append((path, name))
        truth.append((path, "COPY-OTHER-AGENCY", "section", "", "", src_path + " " + how))
        truth.append((src_path, "COPY-OTHER-AGENCY", "section", "", "", path + " " + how))
        # a report of the agency rewritten from the copied one, or the one it was rewritten from, has the
        # copied narrative too (years and numbers aside): another agency's report repeats it as well
        if k in rewritten and rewritten[k] in (j, j + 1):
            twin = series[k][j - 1 if rewritten[k] == j else j + 1][0]
            truth.append((twin, "COPY-OTHER-AGENCY", "section", "", "", path + " " + how + " (rewritten)"))

    # the roster: every agency but a few, and a few that never report
    listed = [n for n in agencies]
    unlisted = set(rnd.sample(listed, max(1, len(listed) // 25)))
    with open(os.path.join(out, "roster.csv"), "w", encoding="utf-8") as f:
        f.write("agency,kind,deadline,parent,aliases\n")
        for n in listed:
            if n in unlisted:
                continue
            kind = "government" if re.search(r"(人民政府|政府|管委会|管理委员会)$", n) else "department"
            f.write("%s,%s,,,\n" % (n, kind))
        never = ["名册%02d县档案局" % m for m in range(max(1, a.agencies // 20))]
        for n in never:
            f.write("%s,department,,,\n" % n)
    # every agency on the roster without a report for a year of the run (the copies' agencies report once)
    reported = set(reported_years)
    for n in [x for x in listed if x not in unlisted] + never:
        for y in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            if (n, y) not in reported:
                truth.append((os.path.join(out, "roster.csv"), "ROSTER-MISSING", "", str(y), n, ""))
    for path, n in doc_agency:
        if n in unlisted:
            truth.append((path, "ROSTER-UNLISTED", "", "", "", ""))
    shutil.rmtree(base_dir)
    truth.sort()
    with open(os.path.join(out, "truth", "xfindings.csv"), "w", encoding="utf-8") as f:
        f.write("file,rule,table,row,col,detail\n")
        for t in truth:
            f.write(",".join('"%s"' % x.replace('"', '""') if ("," in x or '"' in x) else x for x in t) + "\n")
    print("xseries: %d documents, %d findings owed" % (len(os.listdir(os.path.join(out, "docs"))), len(truth)))


if __name__ == "__main__":
    sys.exit(main())
