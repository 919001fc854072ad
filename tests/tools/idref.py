"""Reference check-character arithmetic for writing test data (independent of ecredit)."""
A = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_check(s17):
    t = sum(A.index(ch) * pow(3, i, 31) for i, ch in enumerate(s17))
    return A[(31 - t % 31) % 31]


def org_check(s8):
    v = lambda ch: int(ch) if ch.isdigit() else ord(ch) - 55
    c = 11 - sum(v(ch) * w for ch, w in zip(s8, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def rid_check(s17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * x for c, x in zip(s17, w)) % 11]


def make_uscc(prefix8, org8):
    body = prefix8 + org8 + org_check(org8)
    return body + uscc_check(body)
