"""Cross-check against python-stdnum (stdnum.cn.uscc, stdnum.cn.ric) over generated
and mutated codes. Every disagreement must be explained by a layer that stdnum
does not check (or checks differently); the test names the explanation of each and
fails on any disagreement it cannot explain."""
import collections
import json
import pathlib
import random

import pytest

import ecredit

stdnum_uscc = pytest.importorskip("stdnum.cn.uscc")
stdnum_ric = pytest.importorskip("stdnum.cn.ric")

ROOT = pathlib.Path(__file__).resolve().parents[2]
TABLES = json.loads((ROOT / "policies" / "identifiers.json").read_text(encoding="utf-8"))
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PROVINCES = sorted(TABLES["regions"]["provinces"])
AUTH_CATS = [(a["code"], c) for a in TABLES["uscc"]["authorities"] for c in a["categories"]]


def uscc_check(s17):
    t = sum(ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(s17))
    return ALPHABET[(31 - t % 31) % 31]


def org_check(s8):
    value = lambda ch: int(ch) if ch.isdigit() else ord(ch) - 55  # noqa: E731
    c = 11 - sum(value(ch) * w for ch, w in zip(s8, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def rid_check(s17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * x for c, x in zip(s17, w)) % 11]


def gen_uscc(rng):
    auth, cat = rng.choice(AUTH_CATS)
    region = rng.choice(PROVINCES + ["10"]) + "".join(rng.choice("0123456789") for _ in range(4))
    body = "".join(rng.choice(ALPHABET) for _ in range(8))
    s17 = auth + cat + region + body + org_check(body)
    return s17 + uscc_check(s17)


def mutate(code, rng, alphabet):
    s = list(code)
    op = rng.randrange(8)
    i = rng.randrange(len(s))
    if op <= 2:  # substitution, the commonest typo
        s[i] = rng.choice(alphabet)
    elif op == 3 and i + 1 < len(s):  # transposition
        s[i], s[i + 1] = s[i + 1], s[i]
    elif op == 4:  # deletion
        del s[i]
    elif op == 5:  # insertion
        s.insert(i, rng.choice(alphabet))
    elif op == 6:  # formatting: full-width, lower case, separators
        s[i] = rng.choice([chr(ord(s[i]) + 0xFEE0) if "!" <= s[i] <= "~" else s[i], s[i].lower(),
                           s[i] + "-", " " + s[i], s[i] + "\u3000"])
    else:  # a character outside the alphabet
        s[i] = rng.choice("IOSVZ!#a\u00e9\u4e2d")
    return "".join(s)


def stdnum_valid_uscc(code):
    return stdnum_uscc.is_valid(code)


def explain_uscc(code, ours):
    """Why ecredit and stdnum disagree on `code`, or None when it cannot say."""
    norm = ecredit.normalize_id(code)
    if norm != stdnum_uscc.compact(code):
        # Normalisation differs (stdnum does not map full-width forms or drop
        # ideographic spaces): compare on the normalised code instead.
        again = stdnum_valid_uscc(norm)
        if again == (ours.status == "valid"):
            return "normalisation"
        code = norm
    if ours.status == "valid" and not norm[:8].isdigit():
        return "stdnum-digits-only-prefix"  # stdnum rejects the authorities A, N, Y
    if ours.status == "invalid" and ours.reason in ("authority", "category", "region", "org-code-checksum"):
        return "layer-" + ours.reason  # layers stdnum does not check
    return None


def test_uscc_against_stdnum():
    rng = random.Random(20261127)
    codes = []
    for _ in range(15_000):
        good = gen_uscc(rng)
        codes.append(good)
        for _ in range(3):
            codes.append(mutate(good, rng, ALPHABET))
    # random 18-character strings over the alphabet (mostly broken in deep layers)
    codes += ["".join(rng.choice(ALPHABET) for _ in range(18)) for _ in range(5_000)]
    # forgeries: one of the first 17 characters changed and the mod-31 check char
    # recomputed, as a generator that knows only GB 32100's check would make them
    for _ in range(5_000):
        s = list(gen_uscc(rng))
        i = rng.randrange(17)
        s[i] = rng.choice("0123456789" if i < 8 else ALPHABET)
        s17 = "".join(s[:17])
        codes.append(s17 + uscc_check(s17))
    assert len(codes) >= 70_000

    ours = ecredit.check_uscc_many(codes)
    explained = collections.Counter()
    agree = 0
    unexplained = []
    for code, r in zip(codes, ours):
        if (r.status == "valid") == stdnum_valid_uscc(code):
            agree += 1
            continue
        why = explain_uscc(code, r)
        if why is None:
            unexplained.append((code, r.status, r.reason))
        else:
            explained[why] += 1
    assert not unexplained, unexplained[:20]
    # The mutations must have reached each kind of disagreement: otherwise this
    # test could not fail for the reasons it claims to check.
    for why in ("normalisation", "stdnum-digits-only-prefix", "layer-authority", "layer-category",
                "layer-region", "layer-org-code-checksum"):
        assert explained[why] > 0, (why, explained)
    assert agree > len(codes) // 2


def stdnum_ric_verdict(code):
    """'valid' or the stdnum layer that failed."""
    try:
        stdnum_ric.validate(code)
        return "valid"
    except stdnum_ric.InvalidComponent:
        return "component"
    except KeyError:
        # stdnum's get_birth_place() raises KeyError for a 6-digit region that
        # has no county entry (e.g. a province-level 441999): a region verdict too.
        return "component"
    except Exception as e:  # noqa: BLE001 - stdnum's other ValidationErrors
        return type(e).__name__


def gen_rid(rng, regions):
    region = rng.choice(regions)
    d = rng.randrange(0, 365 * 100)
    birth = (__import__("datetime").date(1920, 1, 1) + __import__("datetime").timedelta(days=d)).strftime("%Y%m%d")
    s17 = region + birth + "".join(rng.choice("0123456789") for _ in range(3))
    return s17 + rid_check(s17)


def test_resident_id_against_stdnum():
    rng = random.Random(7)
    # real county codes from stdnum's own table, plus province-only and permit prefixes
    from stdnum import numdb
    counties = [c for c in ("110105", "440104", "440106", "350211", "310115", "510107", "650102")
                if numdb.get("cn/loc").info(c)[0][1]]
    regions = counties + ["441999", "810000", "820000", "830000", "110199"]
    codes = []
    for _ in range(8_000):
        good = gen_rid(rng, regions)
        codes.append(good)
        codes.extend(mutate(good, rng, "0123456789X") for _ in range(3))
        codes.append(good[:6] + good[8:17])  # the legacy 15-digit form
    assert len(codes) >= 40_000

    explained = collections.Counter()
    unexplained = []
    for code in codes:
        r = ecredit.check_resident_id(code)
        theirs = stdnum_ric_verdict(code)
        if (r.status == "valid") == (theirs == "valid"):
            continue
        norm = ecredit.normalize_id(code)
        if r.status == "valid" and theirs == "component":
            # stdnum looks the 6-digit county code up in its table (with dates);
            # ecredit checks the province-level prefix only (GB/T 2260, 81/82/83).
            explained["county-level-region"] += 1
        elif r.status == "valid" and norm != stdnum_ric.compact(code):
            if stdnum_ric_verdict(norm) in ("valid", "component"):
                explained["normalisation"] += 1
            else:
                unexplained.append((code, r.status, r.reason, theirs))
        else:
            unexplained.append((code, r.status, r.reason, theirs))
    assert not unexplained, unexplained[:20]
    assert explained["county-level-region"] > 0 and explained["normalisation"] > 0, explained


def test_total_codes_cross_checked():
    # 15k generated USCCs x 4 + 5k random + 5k forgeries + 8k resident IDs x 5 = 110,000 codes
    assert 15_000 * 4 + 10_000 + 8_000 * 5 >= 100_000
