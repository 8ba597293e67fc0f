"""The wipe-log reader is tolerant: any text is read without error, and what it finds in
an nwipe-style log is right."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from digibank.devices import wipelog

NWIPE_LOG = """\
[2026/11/20 10:00:01] notice: Opened entropy source '/dev/urandom'.
[2026/11/20 10:00:02] info: Device /dev/sda has serial number WD-WCC4N1234567
[2026/11/20 10:00:03] notice: Method: DoD Short
[2026/11/20 11:02:03] notice: Verified that '/dev/sda' is empty.
********************************************************************************
! Device | Status | Thru-put | HH:MM:SS | Model/Serial Number
--------------------------------------------------------------------------------
  sda    | Erased |   120 MB/s | 01:02:00 | WDC WD5000AAKX-0/WD-WCC4N1234567
********************************************************************************
"""


def test_reads_an_nwipe_log():
    log = wipelog.parse(NWIPE_LOG)
    assert log.serials == ["WD-WCC4N1234567"]
    assert log.result == wipelog.PASSED
    assert log.method == "DoD Short"
    assert not log.mismatches("wd wcc4n1234567")
    assert log.mismatches("OTHER")


def test_a_failed_row_makes_the_log_failed():
    text = NWIPE_LOG.replace("| Erased |", "| FAILED |")
    assert wipelog.parse(text).result == wipelog.FAILED


def test_no_serial_is_no_mismatch_and_colours_are_ignored():
    log = wipelog.parse("\x1b[32mwipe successful\x1b[0m\n")
    assert log.serials == [] and log.result == wipelog.PASSED
    assert not log.mismatches("ABC")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_read_without_error(text):
    log = wipelog.parse(text)
    assert log.result in {wipelog.PASSED, wipelog.FAILED, wipelog.UNKNOWN}
    assert all(len(s) <= 60 for s in log.serials)


serials = st.text(alphabet=string.ascii_uppercase + string.digits + "-", min_size=3, max_size=30)


@settings(max_examples=200, deadline=None)
@given(
    serial=serials.filter(lambda s: s[0].isalnum()),
    status=st.sampled_from(["Erased", "FAILED", "erased"]),
    noise=st.lists(st.text(alphabet=string.printable, max_size=60), max_size=5),
)
def test_finds_the_serial_and_status_among_noise(serial, status, noise):
    lines = [*noise, f"  sdb    | {status} |  99 MB/s | 00:10:00 | SOME MODEL/{serial}"]
    log = wipelog.parse("\n".join(lines))
    assert serial in log.serials
    assert log.result == (wipelog.FAILED if status == "FAILED" else wipelog.PASSED) or any(
        "|" in n for n in noise
    )
    assert not log.mismatches(serial)
