"""Check identifiers from Python, one by one and in a batch."""
import ecredit

for code in ["91440101MA59U8YB6Y", "91350211M0000XUF46", "11010519491231002X", "12345678-8"]:
    r = ecredit.check_id(code)
    shown = ecredit.mask_id(code) if r.kind == "resident_id" else r.normalized
    print(f"{shown:20} {r.kind:12} {r.status:8} {r.reason}")

batch = ecredit.check_uscc_many(["91440101MA59U8YB6Y", "91440101MA59U8YB7Y"] * 3)
print(sum(r.status == "valid" for r in batch), "of", len(batch), "valid")
