"""ecredit — energy-industry credit engine.

Identifier checks so far::

    >>> import ecredit
    >>> r = ecredit.check_uscc("91440101MA59U8YB6Y")
    >>> r.status, r.reason
    ('valid', '')
    >>> ecredit.mask_id("440104199003071234")
    '440104********1234'

Exceptions: :class:`Error` and its subclasses :class:`InvalidInputError`
(also a ``ValueError``), :class:`NotFoundError` (also a ``KeyError``),
:class:`PolicyError` (also a ``ValueError``), :class:`IoError` (also an
``OSError``: a file or folder cannot be read or written) and
:class:`PathNotFoundError` (an :class:`IoError` and a ``FileNotFoundError``: the
path does not exist). I/O errors carry ``errno``, ``strerror`` and ``filename``.
"""

from ._core import (
    AppointmentCheck,
    Archive,
    Decision,
    DecisionMeasure,
    Engine,
    Error,
    Finding,
    Grade,
    IdResult,
    ImportResult,
    InvalidInputError,
    IoError,
    NotFoundError,
    PathNotFoundError,
    PolicyError,
    Registry,
    RepairDecision,
    Report,
    __version__,
    check_id,
    check_org_code,
    check_resident_id,
    check_uscc,
    check_uscc_many,
    detect_id_kind,
    mask_id,
    normalize_id,
    uscc_valid_many,
    write_sample,
)
from ._schemas import schema, schema_names
from ._validate import read_dataset, validate

__all__ = [
    "AppointmentCheck",
    "Archive",
    "Decision",
    "DecisionMeasure",
    "Engine",
    "Error",
    "Finding",
    "Grade",
    "IdResult",
    "ImportResult",
    "InvalidInputError",
    "IoError",
    "NotFoundError",
    "PathNotFoundError",
    "PolicyError",
    "Registry",
    "RepairDecision",
    "Report",
    "__version__",
    "check_id",
    "check_org_code",
    "check_resident_id",
    "check_uscc",
    "check_uscc_many",
    "detect_id_kind",
    "mask_id",
    "normalize_id",
    "read_dataset",
    "schema",
    "schema_names",
    "uscc_valid_many",
    "write_sample",
    "validate",
]
