"""A tolerant reader of wipe logs (nwipe / ShredOS, and similar tools' text logs).

We only need three things from a log: the serial numbers of the disks it wiped, whether
it says the wipe succeeded, and the method. Logs differ between versions and tools, are
sometimes truncated or mangled by a USB stick, so this reader never fails: it reads what
it recognises and ignores the rest. What it finds is shown next to what the operator
recorded; a serial number that differs from the device's is flagged, not silently fixed.

Recognised, case-insensitive:
* nwipe's summary table: ``  sda | Erased | 120 MB/s | 01:02:03 | MODEL/SERIAL``;
* lines such as ``... has serial number ABC123``, ``Serial Number: ABC123``,
  ``serial=ABC123``, ``Serial: ABC123``;
* a result from the table status (``Erased`` / ``FAILED``) or from words such as
  ``wipe successful`` / ``wipe failed``;
* ``Method: DoD Short`` (nwipe's "method" line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digibank.devices.models import normalise_serial

MAX_BYTES = 2 * 1024 * 1024  # a wipe log is text; anything larger is cut

_TABLE_ROW = re.compile(
    r"^\W*(?P<dev>[a-z0-9/_-]{2,40})\s*\|\s*(?P<status>[^|]{1,40}?)\s*\|[^|]*\|[^|]*\|"
    r"\s*(?P<model_serial>[^|\r\n]*)",
    re.IGNORECASE,
)
_SERIAL_LINE = re.compile(
    r"serial(?:\s*(?:number|no\.?|nr\.?|#))?\s*(?:is|[:=])\s*['\"]?(?P<serial>[A-Za-z0-9][\w\-.]{1,59})",
    re.IGNORECASE,
)
_HAS_SERIAL = re.compile(
    r"has\s+serial(?:\s+number)?\s+['\"]?(?P<serial>[A-Za-z0-9][\w\-.]{1,59})", re.IGNORECASE
)
_METHOD = re.compile(r"\bmethod\s*[:=]\s*(?P<method>[^\r\n,;]{1,60})", re.IGNORECASE)
_FAILED_WORDS = re.compile(r"\b(fail(?:ed|ure)?|unerased|error)\b", re.IGNORECASE)
_PASSED_WORDS = re.compile(
    r"\b(wipe[ds]?\s+(?:successful|succeeded|complete[d]?)|erased|success(?:ful)?)\b",
    re.IGNORECASE,
)
_STATUS_PASSED = {"erased", "success", "successful", "passed", "pass", "ok", "wiped"}
_STATUS_FAILED = {"failed", "fail", "-failed-", "unerased", "error", "aborted", "interrupted"}

PASSED = "passed"
FAILED = "failed"
UNKNOWN = "unknown"


@dataclass
class WipeLog:
    serials: list[str] = field(default_factory=list)
    result: str = UNKNOWN  # passed, failed or unknown
    method: str = ""
    rows: int = 0  # summary-table rows found

    def add_serial(self, serial: str) -> None:
        serial = serial.strip().strip("'\".,;")
        if serial and normalise_serial(serial) not in {normalise_serial(s) for s in self.serials}:
            self.serials.append(serial[:60])

    def mismatches(self, device_serial: str) -> bool:
        """True when the log names serial numbers and none is the device's.

        A log without serial numbers cannot contradict the device, so it is no mismatch;
        a device without a serial number cannot be matched, so any serial is a mismatch.
        """
        if not self.serials:
            return False
        key = normalise_serial(device_serial)
        return not key or all(normalise_serial(s) != key for s in self.serials)


def read_upload(upload) -> str:
    """The text of an uploaded file, cut at MAX_BYTES, whatever its encoding."""
    upload.seek(0)
    data = upload.read(MAX_BYTES)
    if isinstance(data, str):
        return data
    for encoding in ("utf-8", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


def parse(text: str) -> WipeLog:
    """Read what we recognise from a wipe log; never raises on any text."""
    log = WipeLog()
    if not isinstance(text, str):
        return log
    text = _strip_ansi(text[:MAX_BYTES]).replace("\x00", "")
    statuses: list[str] = []
    loose_failed = loose_passed = False
    for line in text.splitlines():
        if len(line) > 2000:
            line = line[:2000]
        row = _TABLE_ROW.match(line)
        if row and not row.group("dev").lower().startswith("device"):
            status = row.group("status").strip().lower()
            if status in _STATUS_PASSED | _STATUS_FAILED:
                log.rows += 1
                statuses.append(status)
                model_serial = row.group("model_serial").strip()
                if "/" in model_serial:
                    log.add_serial(model_serial.rsplit("/", 1)[-1])
                continue
        for pattern in (_HAS_SERIAL, _SERIAL_LINE):
            match = pattern.search(line)
            if match:
                log.add_serial(match.group("serial"))
                break
        method = _METHOD.search(line)
        if method and not log.method:
            log.method = method.group("method").strip()[:60]
        if _FAILED_WORDS.search(line):
            loose_failed = True
        elif _PASSED_WORDS.search(line):
            loose_passed = True
    if statuses:
        log.result = FAILED if any(s in _STATUS_FAILED for s in statuses) else PASSED
    elif loose_failed:
        log.result = FAILED
    elif loose_passed:
        log.result = PASSED
    return log
